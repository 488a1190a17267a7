/**
 * The bundles ship other people's code and data: each licenses.txt must carry every licence
 * file of every package in it (libphonenumber-js's Apache-2.0 licence for Google's metadata too).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { licenceFiles, listedPackages } from '../scripts/licenses.js'

const nodeModules = new URL('../node_modules/', import.meta.url)

describe.each(['dist/licenses.txt', 'dist/numbers/licenses.txt'])('%s', path => {
  const licences = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
  const packages = listedPackages(licences).map(({ name }) => name)

  it('names every runtime package the bundle is built from', () => {
    expect(packages).toEqual(
      expect.arrayContaining(['@actions/core', '@actions/http-client', 'libphonenumber-js'])
    )
  })

  it.each(packages)('holds the text of every licence file of %s', name => {
    const files = licenceFiles(nodeModules, name)
    expect(files.length).toBeGreaterThan(0)
    const missing = files.filter(({ text }) => !licences.includes(text)).map(({ file }) => file)
    expect(missing).toEqual([])
  })

  it("holds the Apache-2.0 licence of libphonenumber-js's metadata", () => {
    expect(licences).toContain('libphonenumber-js (LICENSE.Apache)\nApache License')
  })
})
