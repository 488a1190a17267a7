// @ts-check
/**
 * Completes dist/licenses.txt after `ncc build`: ncc's licence pass misses packages whose bundled
 * files sit under a nested package.json (libphonenumber-js: its code is MIT, its metadata comes
 * from Google's libphonenumber under Apache-2.0). Appends, in ncc's format, every bundled
 * package named here that the file lacks.
 */
import { appendFileSync, readFileSync } from 'node:fs'

const BUNDLED = [{ name: 'libphonenumber-js', files: ['LICENSE', 'LICENSE.Apache'] }]
const target = new URL('../dist/licenses.txt', import.meta.url)
const present = readFileSync(target, 'utf8')

for (const { name, files } of BUNDLED) {
  if (present.split('\n').includes(name)) continue
  const root = new URL(`../node_modules/${name}/`, import.meta.url)
  const { license } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
  const texts = files.map(file => readFileSync(new URL(file, root), 'utf8').trim())
  appendFileSync(target, `\n\n${name}\n${license}\n${texts.join('\n\n')}\n`)
}
