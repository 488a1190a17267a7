// @ts-check
/**
 * Is dist/ what the sources build? Keeps a copy of dist/ as it is, builds afresh, and compares
 * the two file by file. Says which files differ (or appeared, or went), and exits 1 when any do;
 * the rebuilt dist/ stays, ready to commit. Says the same true thing however often it is run.
 *
 *   node scripts/check-dist.js [--build "COMMAND"]    (default: npm run --silent bundle)
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const at = process.argv.indexOf('--build')
const build = at >= 0 ? (process.argv[at + 1] ?? '') : 'npm run --silent bundle'
const dist = join(process.cwd(), 'dist')

/**
 * Every file below `root`, as paths relative to it.
 * @param {string} root
 * @returns {string[]}
 */
function files(root) {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(root, join(entry.parentPath, entry.name)))
    .sort()
}

const kept = join(mkdtempSync(join(tmpdir(), 'wassenger-dist-')), 'dist')
try {
  if (existsSync(dist)) cpSync(dist, kept, { recursive: true })
  const built = spawnSync(build, { shell: true, stdio: 'inherit' })
  if (built.status !== 0) {
    console.error(`The build (${build}) failed, so dist/ could not be checked.`)
    process.exit(1)
  }
  const before = files(kept)
  const after = files(dist)
  const differ = [
    ...after.filter(file => !before.includes(file)).map(file => `${file} (new)`),
    ...before.filter(file => !after.includes(file)).map(file => `${file} (gone)`),
    ...after
      .filter(file => before.includes(file))
      .filter(file => !readFileSync(join(kept, file)).equals(readFileSync(join(dist, file))))
  ]
  if (differ.length > 0) {
    console.error(
      `dist/ is not what the sources build: ${differ.join(', ')}. The fresh build is now in dist/: commit it.`
    )
    process.exitCode = 1
  } else {
    console.log(`dist/ is what the sources build (${after.length} files).`)
  }
} finally {
  rmSync(join(kept, '..'), { recursive: true, force: true })
}
