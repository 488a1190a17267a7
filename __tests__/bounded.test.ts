/**
 * The answers that broke the action before it read them at one edge, each through the whole
 * action in process against the stand-in (or a fake transport where the stand-in's 4 MiB body
 * limit would get in the way): what a workflow author sees.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { LINK_STEPS, USUAL_VALIDITY } from '../src/report/code.js'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
import { DEVICES } from '../stand-in/numbers.js'
import { response } from './helpers/attempts.js'
import { cleanUp, runInProcess, type Clock, type InProcessOutcome } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

const KEY = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const ID = DEVICES[4]?.id ?? ''
const DEEP = `${'['.repeat(8000)}${']'.repeat(8000)}`

const standIn = useStandIn(KEY)
afterAll(cleanUp)

const run = (inputs: Record<string, string>, debug = false): Promise<InProcessOutcome> =>
  runInProcess({ 'api-key': KEY, 'api-url': standIn().url, device: ID, ...inputs }, { debug })

/** Everything a person can read, and every output. */
const everything = (outcome: InProcessOutcome): string =>
  [
    outcome.stdout.replace(`::add-mask::${KEY}`, ''),
    outcome.summary,
    ...Object.values(outcome.outputs)
  ].join('\n')

describe('once a code is issued, nothing loses it', () => {
  it('expiresIn 1e300: the code in the notice and the output, the validity ignored and said so', async () => {
    standIn().script({ status: 200, body: '{"code":"K7QX-9MZD","expiresIn":1e300}' })
    const outcome = await run({}, true)
    expect(outcome.outputs).toMatchObject({ success: 'true', code: 'K7QX-9MZD', 'error-code': '' })
    expect(outcome.log).toContain(
      `Notice: WhatsApp code K7QX-9MZD. ${USUAL_VALIDITY} Enter it now: ${LINK_STEPS}.`
    )
    expect(outcome.log).toContain(
      "##[debug]In Wassenger's answer, expiresIn 1e+300 is not a number of seconds from 1 to 86400: ignored."
    )
    expect(outcome.exitCode).toBe(0)
  })

  it('a code beside JSON nested 8,000 deep: success, the code, the summary shows the answer as text', async () => {
    standIn().script({ status: 200, body: `{"code":"K7QX-9MZD","expiresIn":60,"x":${DEEP}}` })
    const outcome = await run({})
    expect(outcome.outputs).toMatchObject({ success: 'true', code: 'K7QX-9MZD' })
    expect(outcome.summary).toMatch(/^## 🔑 WhatsApp authentication code\n\n# `K7QX-9MZD`/)
    expect(outcome.summary).toContain('```text\n{"code":"K7QX-9MZD"')
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice'])
  })

  it('a 409 beside JSON nested 8,000 deep still says to use force: true', async () => {
    standIn().script({
      status: 409,
      body: `{"message":"Session already active","errorCode":"session:conflict","meta":${DEEP}}`
    })
    const outcome = await run({})
    expect(outcome.outputs).toMatchObject({
      'error-code': 'session-active',
      'wassenger-error-code': 'session:conflict'
    })
    expect(outcome.outputs['error-message']).toMatch(/run again with force: true/)
    expect(outcome.annotations).toHaveLength(1)
  })

  it('polls that are not about the number polled are not taken for its status', async () => {
    const other = DEVICES[0]?.id
    standIn().script(
      { status: 200, body: '{"code":"K7QX-9MZD","expiresIn":60}' },
      { status: 200, body: JSON.stringify({ id: other, session: { status: 'online' } }) }
    )
    const outcome = await run({ wait: '10', 'wait-interval': '5' })
    expect(outcome.log).toContainEqual(
      'Polling the session: the answer is not about the number polled (its id differs); next poll in 5 s.'
    )
    expect(outcome.outputs).toMatchObject({ code: 'K7QX-9MZD', 'error-code': 'wait-timeout' })
  })
})

describe('sizes, whatever comes back', () => {
  it('a 3 MiB session status: a status of 100 characters, one log line under 1,000', async () => {
    const poll = {
      status: 200,
      body: JSON.stringify({ id: ID, session: { status: 's'.repeat(3 << 20) } })
    }
    standIn().script({ status: 200, body: '{"code":"K7QX-9MZD","expiresIn":60}' }, poll, poll)
    const outcome = await run({ wait: '5', 'wait-interval': '5' })
    expect(outcome.outputs['session-status']).toHaveLength(100)
    expect(Math.max(...outcome.log.map(line => line.length))).toBeLessThanOrEqual(1000)
    expect(outcome.outputs['error-message']?.length).toBeLessThanOrEqual(1000)
    expect(Buffer.byteLength(outcome.summary)).toBeLessThan(100 * 1024)
  })

  it('"not found" listing five aliases of 800 KB: an annotation under 1,000, a summary under 1 MiB', async () => {
    const page = Array.from({ length: 5 }, (_, i) => ({
      id: `6123456789abcdef0123450${i}`,
      alias: `${i}${'a'.repeat(800_000)}`
    }))
    const transport = async (request: HttpRequest): Promise<HttpAttempt> =>
      response(200, request.url.searchParams.get('page') === '0' ? JSON.stringify(page) : '[]')
    const outcome = await runInProcess({ 'api-key': KEY, device: 'Support' }, { transport })
    expect(outcome.outputs['error-code']).toBe('device-not-found')
    expect(outcome.annotations).toHaveLength(1)
    expect(outcome.annotations[0]?.message.length).toBeLessThanOrEqual(1000)
    expect(outcome.outputs['error-message']).toBe(outcome.annotations[0]?.message)
    expect(Buffer.byteLength(outcome.summary)).toBeLessThan(64 * 1024)
  })

  it('a lookup whose server ignores size: 20,000 fresh numbers a page, ten pages, then judged', async () => {
    let pages = 0
    const transport = async (request: HttpRequest): Promise<HttpAttempt> => {
      const page = Number(request.url.searchParams.get('page'))
      pages++
      const list = Array.from({ length: 20_000 }, (_, i) => ({
        id: (page * 20_000 + i + 1).toString(16).padStart(24, '0'),
        alias: 'Team'
      }))
      return response(200, JSON.stringify(list))
    }
    const started = process.cpuUsage()
    const outcome = await runInProcess({ 'api-key': KEY, device: 'Support' }, { transport })
    const cpu = process.cpuUsage(started)
    expect(pages).toBe(10)
    expect(outcome.outputs['error-message']).toMatch(
      /^No number in this Wassenger account has the alias "Support"\. The search found .* and 199995 more, none with that alias/
    )
    // Linear: well under a second here for 200,000 numbers; de-duplication by search took minutes.
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(10)
  }, 60_000)

  it('a lookup slower than its deadline ends at the deadline, naming it', async () => {
    let page = 0
    const transport = async (_: HttpRequest, clock: Clock): Promise<HttpAttempt> => {
      clock.advance(25_000)
      const id = `6123456789abcdef012345${String(++page).padStart(2, '0')}`
      return response(200, JSON.stringify([{ id, alias: 'x' }]))
    }
    const outcome = await runInProcess({ 'api-key': KEY, device: 'Support' }, { transport })
    expect(outcome.outputs['error-code']).toBe('timeout')
    expect(outcome.outputs['error-message']).toMatch(
      /^Looking up the number by alias "Support" did not finish within 60 s \(3 pages read\), so nothing was requested/
    )
  })
})

describe('untrusted text', () => {
  it('an errorCode holding a command is not taken', async () => {
    standIn().script({ status: 409, body: '{"message":"taken","errorCode":"::stop-commands::x"}' })
    const outcome = await run({})
    expect(outcome.outputs).toMatchObject({
      'error-code': 'session-active',
      'wassenger-error-code': ''
    })
  })

  it('U+202E and other format characters are removed from what Wassenger says', async () => {
    standIn().script({
      status: 409,
      body: JSON.stringify({ message: 'Taken \u202eedoc ppastahW\u200b\u2066x\u2069\ufeff' })
    })
    const outcome = await run({})
    expect(outcome.outputs['error-message']).toContain('Wassenger said: "Taken edoc ppastahWx"')
    // The response output is the body as received; everything else is rid of them.
    const shown = [outcome.stdout, outcome.summary, outcome.outputs['error-message']].join('\n')
    expect(shown).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/)
  })

  it.each([
    ['base64', Buffer.from(`Token: ${KEY}`).toString('base64')],
    ['base64url', Buffer.from(`t=${KEY}!`).toString('base64url')],
    [
      'percent-encoded in mixed case',
      [...KEY]
        .map((c, i) => `%${c.charCodeAt(0).toString(16)[i % 2 ? 'toUpperCase' : 'toLowerCase']()}`)
        .join('')
    ],
    ['fully \\u-escaped', [...KEY].map(c => `\\u00${c.charCodeAt(0).toString(16)}`).join('')],
    ['XML-escaped', KEY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')]
  ])('the key echoed %s is hidden everywhere', async (_, form) => {
    standIn().script({ status: 400, body: `{"message":"bad token ${form}","raw":"${form}"}` })
    const outcome = await run({})
    expect(outcome.outputs['error-message']).toMatch(/Wassenger said: "bad token [^"]*\*\*\*/)
    expect(everything(outcome)).not.toContain(form)
    expect(outcome.outputs.response).toMatch(
      /^\{"message":"bad token [^"]*\*\*\*[^"]*","raw":"[^"]*\*\*\*/
    )
  })

  it.each([
    ['en-dashes', '+44\u20137400\u2013123456'],
    ['full-width digits', '+４４ ７４００ １２３４５６'],
    ['%2B', '%2B447400123456'],
    ['underscores', '+44_7400_123_456'],
    ['a trunk 0 and dots', '07400.123.456']
  ])('the phone with %s is masked in the log and the summary', async (_, form) => {
    standIn().script({ status: 400, body: JSON.stringify({ message: `Invalid phone ${form}` }) })
    const outcome = await run({ phone: '+44 7400 123456' })
    expect(outcome.outputs['error-message']).toContain('Invalid phone +44******3456')
    expect([outcome.stdout, outcome.summary].join('\n')).not.toContain(form)
  })
})

describe('a device input that is not what it looks like', () => {
  it('a phone written without +: masked, and told to add + and the country code', async () => {
    const outcome = await run({ device: '212 555 0100' })
    expect(outcome.outputs['error-code']).toBe('device-not-found')
    expect(outcome.outputs['error-message']).toMatch(
      /alias \*{6}0100\. .*It looks like a phone number without \+ and country code: write it as \+ then the country code/
    )
    expect([outcome.stdout, outcome.summary].join('\n')).not.toMatch(/212.?555.?0100/)
  })

  it('an ID of the wrong length says how long an ID is', async () => {
    const outcome = await run({ device: ID.slice(0, 23) })
    expect(outcome.outputs['error-message']).toMatch(
      /It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has 23\./
    )
  })
})
