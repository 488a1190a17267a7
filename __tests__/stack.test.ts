import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sourceMapped } from '../src/report/stack.js'

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
