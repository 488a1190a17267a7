/**
 * The README's snippets work as written: each `device:` value its YAML shows, with the inputs
 * beside it, against the stand-in (whose numbers the README's examples name). Every Markdown
 * file renders as written, read by the GFM renderer the summary is checked with.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parse, postprocess, preprocess } from 'micromark'
import { gfm } from 'micromark-extension-gfm'
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

/** Each block the GFM renderer reads in `markdown`, with its first and last line. */
function blocks(markdown: string): Array<{ type: string; start: number; end: number }> {
  const events = postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(markdown, undefined, true))
  )
  return events.flatMap(([kind, token]) =>
    kind === 'enter' ? [{ type: token.type, start: token.start.line, end: token.end.line }] : []
  )
}

const documents = execFileSync('git', ['ls-files', '*.md'], { encoding: 'utf8' }).trim().split('\n')

describe.each(documents)('%s renders as written', file => {
  const markdown = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
  const read = blocks(markdown)
  const fences = read.filter(block => block.type === 'codeFenced')

  it('every fence closes at the next fence line, as its writer sees it', () => {
    const lines = markdown.split('\n')
    /** Whether `line` is a fence line of `char` (a backtick or a tilde). */
    const fenceOf = (line: number, char: string): boolean =>
      new RegExp(`^ {0,3}\\${char}{3,}`).test(lines[line - 1] ?? '')
    // A block the renderer runs to the end of the file, or past a line its writer meant to close
    // it, has swallowed what was meant to follow it.
    const wrong = fences.flatMap(fence => {
      const char = (lines[fence.start - 1] ?? '').trim().charAt(0)
      const inside: number[] = []
      for (let line = fence.start + 1; line < fence.end; line++)
        if (fenceOf(line, char)) inside.push(line)
      const unclosed = fence.end > fence.start && fenceOf(fence.end, char) ? [] : [fence.end]
      return [...inside, ...unclosed].map(line => `block from line ${fence.start}: line ${line}`)
    })
    expect(wrong).toEqual([])
  })

  it('every line starting with # outside a fence is a heading', () => {
    const headings = new Set(read.filter(block => block.type === 'atxHeading').map(b => b.start))
    const inFence = (line: number): boolean =>
      fences.some(fence => line >= fence.start && line <= fence.end)
    const lost = markdown
      .split('\n')
      .flatMap((text, index) => (/^#{1,6}(\s|$)/.test(text) ? [index + 1] : []))
      .filter(line => !inFence(line) && !headings.has(line))
    expect(lost.map(line => `line ${line}`)).toEqual([])
  })
})
