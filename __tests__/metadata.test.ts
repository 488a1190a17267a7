import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { INPUTS } from '../src/inputs/inputs.js'

const root = new URL('../', import.meta.url)
const text = (path: string): string => readFileSync(new URL(path, root), 'utf8')

/** The names under a top-level key of action.yml, with their defaults: enough YAML for this file. */
function section(yaml: string, key: string): Map<string, string | undefined> {
  const body = yaml.split(new RegExp(`^${key}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
  const entries = new Map<string, string | undefined>()
  let current = ''
  for (const line of body.split('\n')) {
    const name = line.match(/^ {2}([a-z-]+):\s*$/)
    if (name?.[1]) entries.set((current = name[1]), undefined)
    const fallback = line.match(/^ {4}default: '?([^']*)'?$/)
    if (fallback && current) entries.set(current, fallback[1])
  }
  return entries
}

describe('action.yml, package.json and the code agree', () => {
  const action = text('action.yml')

  it('declares every input the code reads, with the contract defaults', () => {
    const inputs = section(action, 'inputs')
    expect([...inputs.keys()]).toEqual([
      'api-key',
      'device',
      'force',
      'phone',
      'api-url',
      'timeout',
      'retries',
      'wait',
      'wait-interval',
      'renew',
      'skip-if-online',
      'notify-webhook',
      'notify-format',
      'fail-on-error'
    ])
    const numbers = section(text('numbers/action.yml'), 'inputs')
    expect([...numbers.keys()]).toEqual([
      'api-key',
      'api-url',
      'timeout',
      'retries',
      'unlinked-only',
      'search',
      'max'
    ])
    // Each default the code falls back to is the one its action.yml declares.
    for (const [name, rules] of Object.entries(INPUTS))
      if ('default' in rules) expect(inputs.get(name) ?? numbers.get(name)).toBe(rules.default)
  })

  it('declares every output the action sets', () => {
    expect([...section(action, 'outputs').keys()]).toEqual([
      'success',
      'status',
      'response',
      'device',
      'error-code',
      'wassenger-error-code',
      'error-message',
      'attempts',
      'session-status',
      'skipped',
      'notified',
      'code'
    ])
  })

  it('describes every input and output, and names and brands the action for the Marketplace', () => {
    for (const key of ['inputs', 'outputs']) {
      const body = action.split(new RegExp(`^${key}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
      const entries = body.split(/^ {2}(?=[a-z-]+:\s*$)/m).filter(entry => entry.trim())
      expect(entries.length).toBe(section(action, key).size)
      for (const entry of entries) expect(entry).toMatch(/^ {4}description: \S/m)
    }
    expect(action).toMatch(/^name: \S/m)
    expect(action).toMatch(/^description: .{20,125}$/m)
    expect(action).toMatch(/^author: \S/m)
    expect(action).toMatch(
      /^branding:\n {2}icon: [a-z-]+\n {2}color: (white|black|yellow|blue|green|orange|red|purple|gray-dark)$/m
    )
  })

  it('runs the committed bundle on node24, and numbers/action.yml its own', () => {
    expect(action).toMatch(/^ {2}using: node24$/m)
    expect(action).toMatch(/^ {2}main: dist\/index\.js$/m)
    const numbers = text('numbers/action.yml')
    expect(numbers).toMatch(/^ {2}using: node24$/m)
    expect(numbers).toMatch(/^ {2}main: \.\.\/dist\/numbers\/index\.js$/m)
    expect([...section(numbers, 'outputs').keys()]).toEqual([
      'numbers',
      'count',
      'read',
      'more',
      'success',
      'error-code',
      'error-message'
    ])
  })
})

describe('the README', () => {
  it('shows the example workflow exactly as examples/relink-whatsapp.yml holds it', () => {
    expect(text('README.md')).toContain('```yaml\n' + text('examples/relink-whatsapp.yml') + '```')
  })
})
