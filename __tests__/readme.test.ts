/**
 * The README's snippets work as written: each `device:` value its YAML shows, with the inputs
 * beside it, against the stand-in (whose numbers the README's examples name).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { cleanUp, runInProcess } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

const KEY = 'wsk_live_readme_0123456789abcdef'
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** The literal inputs of each `with:` in the README's YAML blocks that names a device. */
function snippets(): Array<Record<string, string>> {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, block = '']) => block)
  return blocks.flatMap(block => {
    const inputs: Record<string, string> = {}
    for (const [, name = '', value = ''] of block.matchAll(
      /^\s+([a-z-]+): ('[^']*'|"[^"]*"|[^\s#]+)/gm
    )) {
      if (['device', 'force', 'phone', 'wait', 'wait-interval', 'renew'].includes(name))
        inputs[name] = value.replace(/^['"]|['"]$/g, '')
    }
    const literal = inputs.device !== undefined && !inputs.device.startsWith('${{')
    return literal ? [inputs] : []
  })
}

const standIn = useStandIn(KEY)
afterAll(cleanUp)

describe("the README's snippets", () => {
  it('name at least one number', () => {
    expect(snippets().length).toBeGreaterThan(0)
  })

  it.each(snippets())('%j works as written against the stand-in', async inputs => {
    const outcome = await runInProcess({ 'api-key': KEY, 'api-url': standIn().url, ...inputs })
    expect(outcome.outputs).toMatchObject({ success: 'true', 'error-code': '' })
    expect(outcome.outputs.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  })
})

describe("the README's sample log", () => {
  // What varies between runs: the code and the time it runs out.
  const normal = (line: string) =>
    line
      .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, 'XXXX-XXXX')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/, 'TIME UTC')

  it('is what a run of the first snippet against the stand-in shows', async () => {
    const [, sample = ''] =
      /While the step runs, its log shows:\n\n```text\n([\s\S]*?)```/.exec(readme) ?? []
    const [inputs] = snippets()
    const outcome = await runInProcess({ 'api-key': KEY, 'api-url': standIn().url, ...inputs })
    expect(outcome.log.map(normal)).toEqual(sample.trimEnd().split('\n').map(normal))
  })
})
