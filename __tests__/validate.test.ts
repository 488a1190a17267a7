/**
 * scripts/validate.js runs GitHub's own parser over action.yml, the workflows and the examples.
 * It must pass on the real files and fail, naming the problem, on broken copies.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const validate = (...files: string[]) => {
  const result = spawnSync(process.execPath, [join(root, 'scripts/validate.js'), ...files], {
    encoding: 'utf8'
  })
  return { status: result.status, out: result.stdout + result.stderr }
}

let dir: string
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'validate-'))))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A copy of a project file with one change, under its own name in a fresh folder. */
function brokenCopy(path: string, from: string | RegExp, to: string): string {
  const original = readFileSync(join(root, path), 'utf8')
  const changed = original.replace(from, to)
  expect(changed).not.toBe(original)
  const folder = join(dir, String(Math.random()).slice(2))
  mkdirSync(folder)
  const file = join(folder, path.split('/').pop() ?? path)
  writeFileSync(file, changed)
  return file
}

describe('validation with @actions/workflow-parser', () => {
  it('passes on action.yml, every workflow and every example', () => {
    const { status, out } = validate()
    expect(out).toMatch(/^ok {3}action\.yml \(action\)$/m)
    expect(out).toMatch(/^ok {3}\.github\/workflows\/ci\.yml \(workflow\)$/m)
    expect(out).toMatch(/^ok {3}\.github\/workflows\/e2e\.yml \(workflow\)$/m)
    expect(out).toMatch(/^ok {3}examples\/relink-whatsapp\.yml \(workflow\)$/m)
    expect(out).toMatch(/^ok {3}README\.md \(snippets\)$/m)
    expect(status).toBe(0)
  })

  const ACTION_CASES: Array<[string, RegExp, string, RegExp]> = [
    ['an unknown runtime', /using: node24/, 'using: node99', /Unexpected value 'node99'/],
    ['an unknown top-level key', /^branding:/m, 'brandng:', /Unexpected value 'brandng'/]
  ]
  const WORKFLOW_CASES: Array<[string, string, string | RegExp, string, RegExp]> = [
    [
      'a misspelt key',
      'examples/relink-whatsapp.yml',
      /^ {4}steps:/m,
      '    stepz:',
      /Unexpected value 'stepz'/
    ],
    [
      'a runner label that does not exist (actionlint)',
      '.github/workflows/ci.yml',
      'runs-on: ubuntu-latest',
      'runs-on: ubuntu-latst',
      /actionlint: .*label "ubuntu-latst" is unknown/
    ],
    [
      'an untrusted input in a script (actionlint)',
      'examples/relink-whatsapp.yml',
      'run: echo "success=$SUCCESS error-code=$ERROR"',
      'run: echo "${{ github.event.issue.title }}"',
      /actionlint: .*"github\.event\.issue\.title" is potentially untrusted/
    ],
    [
      'an input this action does not declare, misspelt',
      'examples/keep-linked.yml',
      'skip-if-online: true',
      'skip-if-onlin: true',
      /input 'skip-if-onlin' given to your-org\/wassenger-authcode-action@v1 is not one action\.yml declares/
    ],
    [
      'an input this action does not declare, given to uses: ./',
      '.github/workflows/e2e.yml',
      'device: Team Alpha',
      'devices: Team Alpha',
      /input 'devices' given to \.\/ is not one action\.yml declares/
    ]
  ]

  // One run over every broken copy: each run loads the parser and actionlint's WebAssembly.
  const copies = new Map<string, string>()
  let broken: { status: number | null; out: string }
  beforeAll(() => {
    for (const [name, from, to] of ACTION_CASES)
      copies.set(name, brokenCopy('action.yml', from, to))
    for (const [name, path, from, to] of WORKFLOW_CASES)
      copies.set(name, brokenCopy(path, from, to))
    copies.set('README', brokenCopy('README.md', 'wait: 180 #', 'wiat: 180 #'))
    broken = validate(...copies.values())
  })

  /** What the run said about one copy: its line and the errors under it. */
  const said = (name: string): string => {
    const file = relative(root, copies.get(name) ?? '')
    const lines = broken.out.split('\n')
    const at = lines.findIndex(line => line.includes(` ${file} (`))
    const end = lines.findIndex((line, index) => index > at && /^(ok|FAIL) /.test(line))
    return lines.slice(at, end < 0 ? undefined : end).join('\n')
  }

  it('exits 1 when any file has an error', () => {
    expect(broken.status).toBe(1)
  })

  it.each(ACTION_CASES)('fails on action.yml with %s', (name, _from, _to, message) => {
    expect(said(name)).toMatch(/^FAIL .*action\.yml \(action\)$/m)
    expect(said(name)).toMatch(message)
  })

  it.each(WORKFLOW_CASES)('fails on a workflow with %s', (name, _path, _from, _to, message) => {
    expect(said(name)).toMatch(/^FAIL .* \(workflow\)$/m)
    expect(said(name)).toMatch(message)
  })

  it('fails on a README snippet that gives this action an input it does not declare', () => {
    expect(said('README')).toMatch(/^FAIL .*README\.md \(snippets\)$/m)
    expect(said('README')).toMatch(/input 'wiat' given to your-org\/wassenger-authcode-action@v1/)
  })
})
