import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceMapped } from '../src/main.js'

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url))

// The committed bundle and its map: a trace a user reports names src/ files and lines.
describe('an internal error in the bundle', () => {
  const lines = readFileSync(bundle, 'utf8').split('\n')
  const line = lines.findIndex(text => text.startsWith('async function run(')) + 1

  it('is traced to the line of src/ it came from', () => {
    const stack = `TypeError: boom\n    at run (file://${bundle}:${line}:1)\n    at ${bundle}:${line}:1`
    const mapped = sourceMapped(stack, bundle)
    expect(mapped).toMatch(
      /^TypeError: boom\n {4}at run \(src\/main\.ts:\d+:1\)\n {4}at src\/main\.ts:\d+:1$/
    )
    // The source as the map holds it: the mutation runs change src/main.ts in their sandbox.
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'))
    const at = map.sources.findIndex((name: string) => name.endsWith('src/main.ts'))
    const source = String(map.sourcesContent[at]).split('\n')
    const [, mappedLine] = /src\/main\.ts:(\d+)/.exec(mapped) ?? []
    expect(source[Number(mappedLine) - 1]).toMatch(/^export async function run\(/)
  })

  it('is left as it is where there is no map: the sources ran, or another file', () => {
    const stack = `Error: x\n    at f (/elsewhere/index.js:3:4)`
    expect(sourceMapped(stack, '/nowhere/index.js')).toBe(stack)
    expect(sourceMapped(stack, bundle)).toBe(stack)
  })
})

// A bundle of two generated lines and a map written by hand, so that every position is known:
// line 1 maps from column 3 to a.ts line 1 and from column 4 to a.ts line 2; line 2 to b.js line 2.
describe('a frame traced through a source map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'))
  const small = join(dir, 'index.js')
  writeFileSync(small, 'x\ny\n')
  const map = {
    version: 3,
    sources: ['../src/a.ts', 'lib/./b.js'],
    names: [],
    mappings: 'EAAA,CACA;ACAA'
  }
  writeFileSync(`${small}.map`, JSON.stringify(map))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const traced = (place: string): string =>
    sourceMapped(`Error: x\n    at f (${small}:${place})`, small)

  it('counts lines and columns from 1, as stack traces do', () => {
    expect(traced('1:3')).toBe('Error: x\n    at f (src/a.ts:1:1)')
    expect(traced('1:4')).toBe('Error: x\n    at f (src/a.ts:2:1)')
    expect(traced('2:1')).toBe('Error: x\n    at f (lib/./b.js:2:1)')
  })

  it('leaves a frame before the first mapping as it is', () => {
    expect(traced('1:1')).toBe(`Error: x\n    at f (${small}:1:1)`)
  })
})
