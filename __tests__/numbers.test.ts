/**
 * The `numbers` action: every number of the account read at once, the IDs of those that need
 * relinking listed for a matrix, against the stand-in's agency account (a thousand numbers in
 * every state, pages of 100) and its first account (pages of 2).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { runAction, NUMBERS_BUNDLE } from '../scripts/fake-runner.js'
import { AGENCY_DEVICES, AGENCY_KEY } from '../stand-in/numbers.js'
import { cleanUp, runNumbersInProcess } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'
import { renderGfm } from './helpers/gfm.js'
import { recordingIO } from './helpers/recording-io.js'
import type { DeviceRef } from '../src/inputs/checks.js'
import type { Phone } from '../src/inputs/phone.js'
import type { NumbersResult, Verdict } from '../src/numbers/list.js'
import { runNumbers } from '../src/numbers/main.js'
import { reportNumbers } from '../src/numbers/report.js'
import { describeRef, hintFor, knownAs, nameOf } from '../src/report/number.js'
import type { RunResult } from '../src/run/result.js'
import { untrusted } from '../src/text/untrusted.js'
import { plain } from '../src/text/words.js'
import type { DeviceInfo } from '../src/wassenger/answers.js'

afterAll(cleanUp)
const standIn = useStandIn()
const run = (inputs: Record<string, string> = {}) =>
  runNumbersInProcess({ 'api-key': AGENCY_KEY, 'api-url': standIn().url, ...inputs })
const pages = () => standIn().requests.filter(request => request.url.startsWith('/v1/devices?'))

/** What the action must list: linkable, not online in any letter case, sorted. */
const unlinked = AGENCY_DEVICES.filter(
  device =>
    !['removed', 'banned', 'disabled', 'unpaid'].includes(device.status ?? 'operative') &&
    device.sessionStatus.toLowerCase() !== 'online'
)
  .map(device => device.id)
  .sort()

describe('the numbers action', () => {
  it('lists exactly the linkable numbers not online, sorted, in at most one request more than the pages', async () => {
    const outcome = await run()
    expect(JSON.parse(outcome.outputs.numbers ?? '')).toEqual(unlinked)
    // Ten full pages: the tenth still brought new numbers, so there may be more.
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      count: String(unlinked.length),
      read: '1000',
      more: 'true'
    })
    expect(pages().length).toBeLessThanOrEqual(Math.ceil(1000 / 100) + 1)
    expect(standIn().requests.every(request => request.method === 'GET')).toBe(true)
    expect(outcome.log).toEqual([
      `Read 1000 numbers; listed ${unlinked.length} (more were not listed: see the summary).`
    ])
  })

  it('max cuts the list, and more says so; unlinked-only false lists online numbers too', async () => {
    const cut = await run({ max: '3' })
    expect(JSON.parse(cut.outputs.numbers ?? '')).toEqual(unlinked.slice(0, 3))
    expect(cut.outputs).toMatchObject({ count: '3', more: 'true' })
    const every = await run({ 'unlinked-only': 'false' })
    const linkable = AGENCY_DEVICES.filter(
      device => !['removed', 'banned', 'disabled', 'unpaid'].includes(device.status ?? '')
    )
    expect(JSON.parse(every.outputs.numbers ?? '')).toEqual(
      linkable
        .map(device => device.id)
        .sort()
        .slice(0, 256)
    )
  })

  it('follows a server whose pages are smaller than asked: the first account, two a page', async () => {
    const outcome = await run({ 'api-key': 'stand-in-key' })
    expect(outcome.outputs).toMatchObject({ success: 'true', read: '14', more: 'false' })
    expect(pages()).toHaveLength(8)
  })

  it('the summary: one table of every number read, sorted by alias, listed or why not', async () => {
    const outcome = await run({ max: '2' })
    const rows = outcome.summary.split('\n').filter(line => line.startsWith('| `Store'))
    expect(rows).toHaveLength(1000)
    expect(rows.slice(0, 3)).toEqual([
      expect.stringMatching(
        /^\| `Store 0000` \| `\+44\*{6}\d{4}` \| `operative` \| `online` \| linked/
      ),
      expect.stringMatching(/^\| `Store 0001` /),
      expect.stringMatching(/^\| `Store 0002` .* ✅ listed /)
    ])
    expect(rows[4]).toMatch(/^\| `Store 0004` .* \| ✅ listed /)
    expect(rows[12]).toMatch(/not listed: beyond `max`/)
    expect(rows[5]).toMatch(/`unpaid` .* cannot be linked: its status/)
    expect(renderGfm(outcome.summary)).toContain('<table>')
  })

  it('a refused key: unauthorized, one error annotation, an empty list', async () => {
    const outcome = await run({ 'api-key': 'not-the-key-1' })
    expect(outcome.outputs).toMatchObject({
      success: 'false',
      'error-code': 'unauthorized',
      numbers: '[]',
      count: '0'
    })
    expect(outcome.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'Wassenger rejected the API key' })
    ])
    expect(outcome.exitCode).toBe(1)
  })

  it('a 404 on /devices says to check api-url', async () => {
    const outcome = await run({ 'api-url': `${standIn().url}/wrong` })
    expect(outcome.outputs['error-code']).toBe('device-not-found')
    expect(outcome.annotations[0]?.message).toContain('Check api-url')
  })

  it.each([
    ['max', '0', 'must be a whole number from 1 to 256'],
    ['max', '257', 'must be a whole number from 1 to 256'],
    ['unlinked-only', 'yes', 'must be true or false'],
    ['search', 'x'.repeat(201), 'more than its 200'],
    ['api-url', 'http://example.com/v1', 'must start with https://']
  ])('a bad %s is named before any request', async (input, value, problem) => {
    const outcome = await run({ [input]: value })
    expect(outcome.outputs).toMatchObject({
      'error-code': 'invalid-input',
      numbers: '[]',
      count: '0',
      read: '0',
      more: 'false'
    })
    expect(outcome.annotations[0]?.message).toContain(`Input \`${input}\` `)
    expect(outcome.annotations[0]?.message).toContain(problem)
    expect(standIn().requests).toEqual([])
  })

  it('a search that is a phone is searched by its digits and masked like device', async () => {
    const outcome = await run({ search: '+44 7410 000014' })
    expect(pages()[0]?.url).toContain('search=447410000014')
    expect(outcome.outputs).toMatchObject({ success: 'true', read: '1' })
    expect(outcome.stdout).not.toContain('7410 000014')
    expect(outcome.summary).not.toContain('447410000014')
  })

  it('the committed bundle runs as a runner runs it', async () => {
    const outcome = await runAction(
      { 'api-key': AGENCY_KEY, 'api-url': standIn().url, max: '1' },
      {
        bundle: NUMBERS_BUNDLE,
        ...(process.env.ACTION_NODE ? { node: process.env.ACTION_NODE } : {})
      }
    )
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({
      numbers: JSON.stringify(unlinked.slice(0, 1)),
      count: '1'
    })
  })
})

describe("the numbers action's report, from its facts", () => {
  const device = (id: string, alias?: string) => ({ id: `6123456789abcdef0123${id}`, alias })
  const read = (count: number, verdict: Verdict = 'listed') =>
    Array.from({ length: count }, (_, index) => ({
      device: device(String(index).padStart(4, '0'), `Shop ${count - index}`),
      verdict
    }))
  const report = async (result: Partial<NumbersResult>, fail: { outputs?: Error } = {}) => {
    const { io, calls } = recordingIO({}, fail)
    const facts = { host: 'h', timeoutMs: 1, numbers: [], listed: [], more: false, ...result }
    await reportNumbers(
      io,
      untrusted(text => text),
      facts
    )
    const summary = calls.find(call => call.kind === 'summary')
    return {
      outputs: Object.fromEntries(
        calls.flatMap(call => (call.kind === 'output' ? [[call.name, call.value]] : []))
      ),
      summary: summary?.kind === 'summary' ? summary.text : '',
      exits: calls.flatMap(call => (call.kind === 'exit' ? [call.code] : [])),
      annotations: calls.flatMap(call => (call.kind === 'annotation' ? [call.title] : []))
    }
  }

  it('a success: every output, the heading counts, rows by alias, past 1,000 rows counted', async () => {
    const outcome = await report({ numbers: read(1002), listed: ['x'], more: true })
    expect(outcome.outputs).toEqual({
      numbers: '["x"]',
      count: '1',
      read: '1002',
      more: 'true',
      success: 'true',
      'error-code': '',
      'error-message': ''
    })
    const lines = outcome.summary.split('\n')
    expect(lines[0]).toBe('## WhatsApp numbers: 1 number to relink, of 1002 read')
    const rows = lines.filter(line => line.startsWith('| `Shop'))
    expect(rows).toHaveLength(1000)
    expect(rows.slice(0, 2).map(row => row.split(' | ')[0])).toEqual(['| `Shop 1`', '| `Shop 10`'])
    expect(outcome.summary).toMatch(/\n\n_2 more not shown\._\n$/)
    expect(outcome.exits).toEqual([])
  })

  it('exactly 1,000 rows, a number known by its ID alone, nothing more to list: no cut, empty cells', async () => {
    const bare = { device: { id: '6123456789abcdef01239999' }, verdict: 'listed' as const }
    const { io, calls } = recordingIO({})
    const numbers = [...read(999), bare]
    const facts = { host: 'h', timeoutMs: 1, numbers, listed: [], more: false }
    await reportNumbers(
      io,
      untrusted(text => text),
      facts
    )
    const summary = calls.find(call => call.kind === 'summary')
    const text = summary?.kind === 'summary' ? summary.text : ''
    expect(text).not.toContain('more not shown')
    expect(text.split('\n')[4]).toBe('|  |  |  |  | ✅ listed | `6123456789abcdef01239999` |')
    expect(calls).toContainEqual({ kind: 'info', text: 'Read 1000 numbers; listed 0.' })
  })

  it('nothing read: the heading alone; outputs lost: one error, exit 1', async () => {
    const lost = await report({}, { outputs: new Error('ENOSPC') })
    expect(lost.summary).toBe('## WhatsApp numbers: 0 numbers to relink, of 0 read\n')
    expect(lost.annotations).toEqual(['Step outputs not written'])
    expect(lost.exits).toEqual([1])
  })

  it('a failure: its title heads the summary, its error-code and message are outputs, exit 1', async () => {
    const failure = { kind: 'refused', call: 'list', status: 401, tries: 1 } as const
    const outcome = await report({ failure })
    expect(outcome.summary).toBe('## ❌ Wassenger rejected the API key\n')
    expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'unauthorized' })
    expect(outcome.outputs['error-message']).toContain('HTTP 401')
    expect(outcome.exits).toEqual([1])
  })
})

it('a bug in the numbers action: internal-error, one annotation, exit 1', async () => {
  const { io, calls } = recordingIO({ 'api-key': AGENCY_KEY })
  const result = await runNumbers(io, () => {
    throw new TypeError('a bug')
  })
  expect(result).toBeUndefined()
  expect(calls).toContainEqual({ kind: 'output', name: 'error-code', value: 'internal-error' })
  expect(calls.filter(call => call.kind === 'annotation')).toHaveLength(1)
  expect(calls).toContainEqual({ kind: 'exit', code: 1 })
})

describe('how a number is named', () => {
  const asked = { force: false, phone: undefined, host: '', timeoutMs: 0, renew: 0 }
  const phone = { masked: '+1******0100' } as Phone
  const result = (ref?: DeviceRef, device?: DeviceInfo): RunResult => ({
    asked: { ...asked, ...(ref ? { ref } : {}) },
    attempts: 0,
    codes: [],
    ...(device ? { device } : {})
  })
  const ID = '6123456789abcdef01234505'
  it.each<[string, RunResult, string, string]>([
    ['an ID only', result({ kind: 'id', id: ID }), ID, ''],
    ['an alias given', result({ kind: 'alias', alias: 'Support' }), 'Support', ''],
    ['a phone given', result({ kind: 'phone', phone }), '+1******0100', 'phone +1******0100'],
    [
      'a number found with both',
      result(undefined, { id: ID, alias: 'Sales', phone: '+442079460018' }),
      'Sales',
      'alias Sales, phone +44******0018'
    ],
    ['a number found with an ID only', result(undefined, { id: ID }), ID, `ID ${ID}`],
    ['nothing', result(), '', '']
  ])('%s: %j, known as %j', (_, given, name, known) => {
    expect(nameOf(given)).toBe(name)
    expect(plain(knownAs(given))).toBe(known)
  })

  it.each<[DeviceRef, string]>([
    [{ kind: 'id', id: ID }, `ID ${ID}`],
    [{ kind: 'phone', phone }, 'phone +1******0100'],
    [{ kind: 'alias', alias: 'Support' }, 'alias "Support"']
  ])('%j is described as %j', (ref, described) => {
    expect(plain(describeRef(ref))).toBe(described)
  })

  it.each([
    ['6123456789abcdef0123', /an ID has 24 hexadecimal characters and this one has 20/],
    ['2125550100', /without \+ and country code/],
    ['Support', /^$/]
  ])('an alias %j that looks like something else: %s', (alias, hint) => {
    expect(hintFor({ kind: 'alias', alias })).toMatch(hint)
  })
})
