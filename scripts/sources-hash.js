// @ts-check
/**
 * What dist/ was built from, as one hash: every file of src/, the action's name and version in
 * package.json (they make the User-Agent), and the runtime packages' versions in
 * package-lock.json (a devDependency changes no bundle). `npm run bundle` writes it to
 * dist/sources.sha256; `npm run local` compares it with the sources as they are, to run what
 * they say.
 *
 *   node scripts/sources-hash.js [--write]
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const recordIn = (/** @type {string} */ root) => join(root, 'dist', 'sources.sha256')

/**
 * @param {string} [root]  the project's folder
 * @returns {string}
 */
export function sourcesHash(root = ROOT) {
  const src = join(root, 'src')
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    hash.update(`${relative(root, file).split('\\').join('/')}\n`)
    hash.update(readFileSync(file))
  }
  /** @type {{ packages: Record<string, { version?: string, dev?: boolean }> }} */
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  const runtime = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
    .map(([path, entry]) => `${path}@${entry.version}`)
  hash.update(runtime.sort().join('\n'))
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  hash.update(`\n${project.name}@${project.version}`)
  return hash.digest('hex')
}

/**
 * @param {string} [root]  the project's folder
 * @returns {string} the hash dist/ records, '' when it records none
 */
export function recordedHash(root = ROOT) {
  try {
    return readFileSync(recordIn(root), 'utf8').trim()
  } catch {
    return ''
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--write')) writeFileSync(recordIn(ROOT), `${sourcesHash()}\n`)
  else console.log(sourcesHash())
}
