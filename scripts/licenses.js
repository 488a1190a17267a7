// @ts-check
/**
 * Completes dist/licenses.txt after `ncc build`. ncc writes one licence per bundled package, but
 * a package may ship several: libphonenumber-js's code is MIT, and its metadata comes from
 * Google's libphonenumber under Apache-2.0 (LICENSE.Apache), which ncc leaves out. For every
 * package ncc lists, every licence file in its folder whose text is missing is appended under
 * the package's name and the file's. `__tests__/licenses.test.ts` holds the result to that.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** The files a package's licence terms are in. */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i

/**
 * The packages a licences file names, in ncc's format: a blank line, the package's name, its
 * SPDX licence on the next line, then the text.
 * @param {string} text
 * @returns {Array<{ name: string, license: string }>}
 */
export function listedPackages(text) {
  const block =
    /(?:^|\n\n)((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+)\n([A-Za-z0-9.+-]+(?: (?:OR|AND) [A-Za-z0-9.+-]+)*)\n/g
  return [...text.matchAll(block)].map(([, name = '', license = '']) => ({ name, license }))
}

/**
 * Each licence file of an installed package, with its text.
 * @param {URL} nodeModules
 * @param {string} name
 * @returns {Array<{ file: string, text: string }>}
 */
export function licenceFiles(nodeModules, name) {
  const root = new URL(`${name}/`, nodeModules)
  return readdirSync(root)
    .filter(file => LICENCE_FILE.test(file))
    .sort()
    .map(file => ({ file, text: readFileSync(new URL(file, root), 'utf8').trim() }))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const nodeModules = new URL('../node_modules/', import.meta.url)
  // Each bundle's: the action's and the numbers action's.
  for (const path of ['../dist/licenses.txt', '../dist/numbers/licenses.txt']) {
    const target = new URL(path, import.meta.url)
    let present = readFileSync(target, 'utf8')
    for (const { name } of listedPackages(present)) {
      for (const { file, text } of licenceFiles(nodeModules, name)) {
        if (present.includes(text)) continue
        const block = `\n\n${name} (${file})\n${text}\n`
        appendFileSync(target, block)
        present += block
      }
    }
  }
}
