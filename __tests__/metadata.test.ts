import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUTS } from '../src/inputs/inputs.js'

const root = new URL('../', import.meta.url)
const text = (path: string): string => readFileSync(new URL(path, root), 'utf8')

interface Metadata {
  name: string
  description: string
  author: string
  branding?: { icon: string; color: string }
  inputs: Record<string, { description: string; default?: string | number | boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const action: Metadata = parse(text('action.yml'))
const numbers: Metadata = parse(text('numbers/action.yml'))
const names = (entries: object): string => Object.keys(entries).join(' ')

describe('action.yml, numbers/action.yml and the code agree', () => {
  it('declare every input the code reads, with the defaults the code falls back to', () => {
    expect(names(action.inputs)).toBe(
      'api-key device force phone api-url timeout retries wait wait-interval renew skip-if-online notify-webhook notify-format fail-on-error'
    )
    expect(names(numbers.inputs)).toBe('api-key api-url timeout retries unlinked-only search max')
    for (const [name, rules] of Object.entries(INPUTS)) {
      const declared = action.inputs[name] ?? numbers.inputs[name]
      expect(String(declared?.default ?? '')).toBe('default' in rules ? rules.default : '')
    }
  })

  it('declare every output the actions set, each described', () => {
    expect(names(action.outputs)).toBe(
      'success status response device error-code wassenger-error-code error-message attempts session-status skipped notified code'
    )
    expect(names(numbers.outputs)).toBe('numbers count read more success error-code error-message')
    for (const metadata of [action, numbers])
      for (const entry of [...Object.values(metadata.inputs), ...Object.values(metadata.outputs)])
        expect(entry.description).toMatch(/^\S/)
  })

  it('run their committed bundles on node24; the action is named and branded for the Marketplace', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(numbers.runs).toEqual({ using: 'node24', main: '../dist/numbers/index.js' })
    expect(action.name).toMatch(/^\S/)
    expect(action.author).toMatch(/^\S/)
    expect(action.description).toMatch(/^.{20,125}$/)
    expect(action.branding?.color).toMatch(
      /^(white|black|yellow|blue|green|orange|red|purple|gray-dark)$/
    )
  })
})

describe('the README', () => {
  it('shows the example workflow exactly as examples/relink-whatsapp.yml holds it', () => {
    expect(text('README.md')).toContain('```yaml\n' + text('examples/relink-whatsapp.yml') + '```')
  })
})
