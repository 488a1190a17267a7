/**
 * The action's behaviour, run in process through @actions/core against the Wassenger stand-in
 * on 127.0.0.1, with a fake clock: what a workflow author sees in outputs, annotations, the log
 * and the summary, and what Wassenger receives.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { DEVICES, NO_PERMISSION_KEY } from '../stand-in/numbers.js'
import { failed, response } from './helpers/attempts.js'
import { cleanUp, runInProcess, type InProcessOutcome } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const KEY = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const id = (alias: string): string => DEVICES.find(device => device.alias === alias)?.id ?? ''
const fault = (suffix: string): string => `fa170000000000000000${suffix}`

const standIn = useStandIn(KEY)
afterAll(cleanUp)

const run = (inputs: Record<string, string>): Promise<InProcessOutcome> =>
  runInProcess({ 'api-key': KEY, 'api-url': standIn().url, ...inputs })

/**
 * Exactly one annotation besides the code's notice: an error whose message is the
 * error-message output; exit code 1.
 */
function expectOneFailure(outcome: InProcessOutcome, code: string, message: RegExp): void {
  expect(outcome.annotations.filter(annotation => annotation.level !== 'notice')).toEqual([
    { level: 'error', title: expect.any(String), message: outcome.outputs['error-message'] }
  ])
  expect(outcome.outputs['error-code']).toBe(code)
  expect(outcome.outputs['error-message']).toMatch(message)
  expect(outcome.outputs.success).toBe('false')
  expect(outcome.exitCode).toBe(1)
  expect(outcome.stdout).not.toMatch(/\n\s+at |TypeError|node:internal/)
}

describe('a successful request', () => {
  it('sets every output and sends one POST: Token, JSON, User-Agent, the phone in E.164', async () => {
    const outcome = await run({ device: id('Sales'), phone: '+44 (0)7400 123-456' })
    const code = JSON.parse(outcome.outputs.response ?? '').data.code
    expect(outcome.outputs).toEqual({
      success: 'true',
      status: '200',
      response: expect.stringContaining(code),
      device: id('Sales'),
      'error-code': '',
      'wassenger-error-code': '',
      'error-message': '',
      attempts: '1',
      'session-status': '',
      skipped: 'false',
      notified: '0',
      code
    })
    expect(standIn().requests).toEqual([
      {
        method: 'POST',
        url: `/v1/devices/${id('Sales')}/authcode`,
        body: '{"phone":"+447400123456"}',
        headers: expect.objectContaining({
          token: KEY,
          'content-type': 'application/json',
          'user-agent': `wassenger-authcode-action/${version}`
        })
      }
    ])
  })

  it('force: true sends ?force=true; no phone sends no body', async () => {
    const outcome = await run({ device: id('Support'), force: 'true' })
    expect(outcome.outputs.success).toBe('true')
    expect(standIn().requests[0]).toMatchObject({
      url: `/v1/devices/${id('Support')}/authcode?force=true`,
      body: ''
    })
  })

  it('puts the code at the top of the summary, then the facts, then the answer', async () => {
    const outcome = await run({ device: id('Sales'), phone: '+44 7400 123456' })
    const lines = outcome.summary.split('\n')
    expect(lines.slice(0, 3)).toEqual([
      '## 🔑 WhatsApp authentication code',
      '',
      `# \`${outcome.outputs.code}\``
    ])
    expect(outcome.summary).toContain('| Phone | `+44******3456` |')
    expect(outcome.summary).toContain('| Force | `false` |')
    // The code heads the summary: the table does not say it again.
    expect(outcome.summary).not.toContain('| Code |')
    expect(outcome.summary).toContain('<details><summary>Answer from Wassenger (HTTP 200,')
    expect(outcome.summary).not.toContain('7400123456')
  })

  it('a success without a code: requested, and the summary says where to read it', async () => {
    const outcome = await run({ device: id('Billing') })
    expect(outcome.outputs).toMatchObject({ success: 'true', code: '' })
    expect(outcome.summary).toMatch(/^## ✅ Authentication code requested\n/)
  })
})

/** The action looking up `device` on a Wassenger that serves these pages, then a code. */
const lookUp = (device: string, pages: unknown[][]): Promise<InProcessOutcome> =>
  runInProcess(
    { 'api-key': KEY, device },
    {
      transport: async request =>
        request.method === 'POST'
          ? response(200, '{"code":"K7QX-9MZD"}')
          : response(200, JSON.stringify(pages[Number(request.url.searchParams.get('page'))] ?? []))
    }
  )

describe('the number named by phone or alias', () => {
  it.each([
    ['+1 (212) 555-0100', 'Support'],
    ['+44 7700 900123', 'Sales'],
    ['+49 151 12345678', 'Billing'],
    ['sales', 'Sales'],
    ['  LINKING ', 'Linking'],
    ['Team', 'Team']
  ])('device %j is %s, found across pages', async (device, alias) => {
    const outcome = await run({ device, force: 'true', phone: '+44 7400 123456' })
    expect(outcome.outputs).toMatchObject({ success: 'true', device: id(alias) })
    expect(standIn().requests.at(-1)?.url).toBe(`/v1/devices/${id(alias)}/authcode?force=true`)
    expect(outcome.log).toContainEqual(expect.stringMatching(/^device .* is number 6123/))
  })

  it('an unknown alias lists what the search found', async () => {
    const outcome = await run({ device: 'Tea' })
    expectOneFailure(
      outcome,
      'device-not-found',
      /^No number in this Wassenger account has the alias "Tea"\. The search found .*Team Alpha.*, none with that alias/
    )
    expect(standIn().requests.every(request => request.method === 'GET')).toBe(true)
    expect(outcome.outputs).toMatchObject({ device: '', status: '', response: '', attempts: '0' })
  })

  it('two numbers with the alias: ambiguous, both named with masked phones', async () => {
    const outcome = await run({ device: 'support' })
    expectOneFailure(
      outcome,
      'device-ambiguous',
      /^2 numbers .* 6123456789abcdef01234501 \(alias "Support", phone \+1\*\*\*\*\*\*0100\); 6123456789abcdef01234504/
    )
  })

  it.each(['hostile-id', 'hostile-lines'])(
    'a lookup answer whose ID is not 24 hex (%s): nothing requested, device empty',
    async device => {
      const outcome = await run({ device })
      expectOneFailure(outcome, 'bad-answer', /lookup is malformed/)
      expect(outcome.outputs.device).toBe('')
      expect(standIn().requests.map(request => request.method)).toEqual(['GET'])
      expect(outcome.commands.filter(name => name !== 'debug')).toEqual(['add-mask', 'error'])
      expect(outcome.log.join('\n')).not.toMatch(/^\s*::/m)
    }
  )

  it('an alias written with runs of spaces matches the alias Wassenger holds, ignoring case', async () => {
    const wassenger = '6123456789abcdef012345aa'
    const outcome = await lookUp('sales  \t team', [[{ id: wassenger, alias: 'Sales Team' }]])
    expect(outcome.outputs).toMatchObject({ success: 'true', device: wassenger })
  })

  it('a number a later page repeats is one number, not two that match', async () => {
    const sales = { id: '6123456789abcdef012345ab', alias: 'Sales' }
    const other = { id: '6123456789abcdef012345ac', alias: 'Other' }
    const pages = [[sales], [sales, other]]
    const outcome = await lookUp('Sales', pages)
    expect(outcome.outputs).toMatchObject({ success: 'true', device: sales.id })
  })

  it('a phone lookup passes over numbers with another phone or none', async () => {
    const target = { id: '6123456789abcdef012345ad', phone: '+447400123456' }
    const found = [
      { id: '6123456789abcdef012345ae', phone: '+33612345678' },
      { id: '6123456789abcdef012345af' },
      // The same national digits in another country: another number.
      { id: '6123456789abcdef012345b0', phone: '+1 740 012 3456' },
      target
    ]
    const outcome = await lookUp('+44 7400 123456', [found])
    expect(outcome.outputs).toMatchObject({ success: 'true', device: target.id })
  })

  it('a lookup refused with 401 says so about the lookup', async () => {
    const outcome = await runInProcess({
      'api-key': 'not-the-key',
      'api-url': standIn().url,
      device: 'Sales'
    })
    expectOneFailure(
      outcome,
      'unauthorized',
      /^Looking up the number by alias "Sales" failed\. Wassenger rejected the API key/
    )
  })

  it('a lookup that times out is retried, and says so', async () => {
    const tried: string[] = []
    const outcome = await runInProcess(
      { 'api-key': KEY, device: 'Sales', timeout: '1', retries: '2' },
      { transport: async request => (tried.push(request.method), failed('timeout')) }
    )
    expectOneFailure(
      outcome,
      'timeout',
      /sent no complete answer within 1 s \(the timeout input\) after 3 attempts\. Check that Wassenger is reachable/
    )
    expect(tried).toEqual(['GET', 'GET', 'GET'])
    expect(outcome.outputs['error-message']).not.toMatch(/not repeated/)
  })
})

describe('Wassenger refusing', () => {
  it.each([
    [
      { device: id('Support') },
      'session-active',
      /already has an active WhatsApp session \(HTTP 409\)\. Wassenger said: "Session already active.*To replace it, run again with force: true/
    ],
    [
      { device: id('Sales') },
      'rejected',
      /HTTP 400\).*This number was never connected, so Wassenger needs the phone/
    ],
    [
      { device: '0123456789abcdef01234567' },
      'device-not-found',
      /^No number with ID 0123456789abcdef01234567 in this Wassenger account \(HTTP 404\)/
    ],
    [
      { status: 400, body: '{"status":400,"message":"Invalid request"}' },
      'rejected',
      /^Wassenger rejected the request \(HTTP 400\)\. Wassenger said: "Invalid request"\. Check the device and phone inputs/
    ],
    [
      { status: 500, body: '{"status":500,"message":"Unexpected error"}' },
      'server-error',
      /^Wassenger is failing \(HTTP 500\)\. Wassenger said: "Unexpected error"\. Try again/
    ],
    [
      { status: 502, body: '<html><title>502 Bad Gateway</title></html>' },
      'server-error',
      /^Wassenger is failing \(HTTP 502\)\. Try again/
    ]
  ])('%o: %s, one request', async (given, code, message) => {
    // A number the stand-in knows, or an answer scripted for any.
    const scripted = 'status' in given
    if (scripted) standIn().script(given)
    const outcome = await run(scripted ? { device: id('Linking') } : given)
    expectOneFailure(outcome, code, message)
    expect(standIn().requests).toHaveLength(1)
    expect(outcome.outputs.attempts).toBe('1')
  })

  it('403: the key lacks permission for the number', async () => {
    const outcome = await runInProcess({
      'api-key': NO_PERMISSION_KEY,
      'api-url': standIn().url,
      device: id('Linking')
    })
    expectOneFailure(
      outcome,
      'forbidden',
      /^The API key has no permission for number ID 6123456789abcdef01234505 \(HTTP 403\)\. Wassenger said: "Missing required permissions: this API key has no API access"\. Use a key of the account that owns the number/
    )
  })

  it.each([
    [
      '0429',
      'rate-limited',
      /still rate-limiting after 3 attempts \(HTTP 429\)\. Wait a few minutes/
    ],
    ['0503', 'server-error', /failing \(HTTP 503\) after 3 attempts/]
  ])('%s is tried 3 times, waiting as Retry-After asks', async (suffix, code, message) => {
    const answer = { status: Number(suffix), headers: { 'Retry-After': '1' } }
    standIn().script(answer, answer, answer)
    const outcome = await run({ device: id('Linking') })
    expectOneFailure(outcome, code, message)
    expect(standIn().requests).toHaveLength(3)
    expect(outcome.sleeps).toEqual([1000, 1000])
    expect(outcome.log).toContainEqual(
      `HTTP ${suffix.slice(1)}; waiting 1 s as Retry-After asks before attempt 2 of 3.`
    )
  })

  it('without Retry-After, an exponential backoff from 1 s with jitter', async () => {
    standIn().script({ status: 503 }, { status: 503 })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs).toMatchObject({ success: 'true', attempts: '3' })
    expect(outcome.sleeps).toEqual([1125, 2250])
  })

  it.each([
    [500, 'server-error'],
    [502, 'server-error'],
    [400, 'rejected'],
    [409, 'session-active']
  ])('HTTP %d is never repeated, whatever retries says: %s', async (status, code) => {
    standIn().script({ status, body: '{}' })
    const outcome = await run({ device: id('Linking'), retries: '5' })
    expect(outcome.outputs['error-code']).toBe(code)
    expect(standIn().requests).toHaveLength(1)
  })

  it("the same status is the same error-code whatever the body says; Wassenger's own code has its own output", async () => {
    standIn().script(
      { status: 409, body: '{"message":"Session already active","errorCode":"session:conflict"}' },
      { status: 409, body: '<html>409</html>' },
      { status: 409, body: '{"errorCode":"::stop-commands::x"}' }
    )
    const outputs = []
    for (let run3 = 0; run3 < 3; run3++) {
      const outcome = await run({ device: id('Linking') })
      outputs.push([outcome.outputs['error-code'], outcome.outputs['wassenger-error-code']])
    }
    expect(outputs).toEqual([
      ['session-active', 'session:conflict'],
      ['session-active', ''],
      ['session-active', '']
    ])
  })

  it('fail-on-error: false: the same text as one warning, every output set, exit 0', async () => {
    const outcome = await run({ device: id('Support'), 'fail-on-error': 'false' })
    expect(outcome.annotations).toEqual([
      {
        level: 'warning',
        title: 'A WhatsApp session is already active',
        message: outcome.outputs['error-message']
      }
    ])
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({ success: 'false', status: '409' })
    expect(outcome.summary).toMatch(/^## ⚠️ A WhatsApp session is already active/)
    expect(outcome.summary).toContain('`fail-on-error` is `false`, so the step succeeded')
  })
})

describe('the network failing', () => {
  it('a refused connection is tried again, then named with the host', async () => {
    const closed = await new Promise<number>(resolve => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const outcome = await run({ device: id('Linking'), 'api-url': `http://127.0.0.1:${closed}/v1` })
    expectOneFailure(
      outcome,
      'network-error',
      new RegExp(
        `^Could not connect to 127\\.0\\.0\\.1:${closed}: connection refused after 3 attempts\\. Check api-url`
      )
    )
    // Tried three times, but a connection never made sent nothing: no request was written.
    expect(outcome.outputs.attempts).toBe('0')
    expect(outcome.sleeps).toEqual([1125, 2250])
  })

  it('a POST that gets no answer in time is not repeated', async () => {
    const tried: string[] = []
    const outcome = await runInProcess(
      { 'api-key': KEY, device: id('Linking'), timeout: '1' },
      { transport: async request => (tried.push(request.method), failed('timeout')) }
    )
    expectOneFailure(
      outcome,
      'timeout',
      /within 1 s \(the timeout input\)\. The request may have reached Wassenger, so it was not repeated/
    )
    expect(tried).toEqual(['POST'])
    expect(outcome.outputs.status).toBe('')
  })

  it('a connection closed before the answer: network error, not repeated', async () => {
    standIn().script({ fault: 'reset' })
    const outcome = await run({ device: id('Linking') })
    expectOneFailure(
      outcome,
      'network-error',
      /was cut before the answer was complete\. The request may have reached Wassenger, so it was not repeated/
    )
    expect(standIn().requests).toHaveLength(1)
  })

  it('closed halfway through the body: the status and the partial body are kept', async () => {
    standIn().script({ fault: 'half-body' })
    const outcome = await run({ device: id('Linking') })
    expectOneFailure(outcome, 'network-error', /was cut after Wassenger answered HTTP 200/)
    expect(outcome.outputs).toMatchObject({ status: '200', response: '{"code": "ABCD-' })
  })

  it('an empty 200: requested, no code', async () => {
    standIn().script({ status: 200, body: '' })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs).toMatchObject({ success: 'true', response: '', code: '' })
  })

  it('a 2 MiB answer: the code still found, the output cut at 1 MiB with a warning', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024)
    standIn().script({ status: 200, body: JSON.stringify({ code: 'K7QX-9MZD', padding }) })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs.code).toBe('K7QX-9MZD')
    expect(Buffer.byteLength(outcome.outputs.response ?? '')).toBe(1024 * 1024)
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'warning'])
    expect(outcome.annotations[1]?.message).toMatch(/holds only its first 1048576 bytes/)
    expect(outcome.summary).toContain('_Cut at 64 KiB; the `response` output holds the rest._')
  })

  it('an answer of exactly 1 MiB is the response output whole, with no warning', async () => {
    const body = JSON.stringify({ code: 'K7QX-9MZD', padding: '' })
    const padded = body.replace('""', `"${'x'.repeat(1024 * 1024 - Buffer.byteLength(body))}"`)
    standIn().script({ status: 200, body: padded })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs.response).toBe(padded)
    expect(Buffer.byteLength(padded)).toBe(1024 * 1024)
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice'])
  })

  it('an answer cut at 4 MiB inside a character is not taken for bad UTF-8', async () => {
    standIn().script({ status: 200, body: `${'x'.repeat(4 * 1024 * 1024 - 1)}€€` })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs.success).toBe('true')
    expect(outcome.result?.answer?.bytes).toBe(4 * 1024 * 1024 - 1 + 6)
    expect(outcome.annotations.map(a => a.message)).toEqual([
      expect.stringMatching(/^The code was requested, but Wassenger's answer does not carry it/),
      expect.stringMatching(
        /^Wassenger's answer is 4194309 bytes; the response output holds only its first 1048576 bytes/
      )
    ])
  })

  it('an answer that is not UTF-8: no code offered, one warning', async () => {
    const outcome = await run({ device: fault('bad8') })
    expect(outcome.outputs).toMatchObject({ success: 'true', code: '' })
    expect(outcome.annotations).toEqual([
      {
        level: 'warning',
        title: 'Wassenger auth code',
        message: expect.stringMatching(/not valid UTF-8/)
      },
      {
        level: 'notice',
        title: 'WhatsApp code requested',
        message: expect.stringMatching(/^The code was requested/)
      }
    ])
  })
})

describe('waiting for the number to be linked', () => {
  it('polls until online: success, session-status online, the summary leads with the link', async () => {
    const outcome = await run({ device: id('Linking'), wait: '60', 'wait-interval': '2' })
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
    expect(outcome.sleeps).toEqual([2000, 2000])
    expect(outcome.summary).toMatch(/^## ✅ WhatsApp number linked\n/)
    expect(outcome.summary).toContain('| Session | `online` |')
  })

  it('not online in time: wait-timeout naming the last status; the code output stays', async () => {
    const outcome = await run({ device: id('Billing'), wait: '10', 'wait-interval': '3' })
    expect(outcome.sleeps).toEqual([3000, 3000, 3000, 1000])
    expectOneFailure(
      outcome,
      'wait-timeout',
      /not online within 10 s \(the wait input\); its last status was "offline"/
    )
    expect(outcome.outputs['session-status']).toBe('offline')
  })

  it('a 429 while polling slows the polls as Retry-After asks', async () => {
    standIn().script({ when: 'GET', status: 429, headers: { 'Retry-After': '7' } })
    const outcome = await run({ device: id('Linking'), wait: '60', 'wait-interval': '1' })
    expect(outcome.outputs['session-status']).toBe('online')
    expect(outcome.sleeps[0]).toBe(7000)
    expect(outcome.log).toContainEqual('Polling the session: HTTP 429; next poll in 7 s.')
  })

  it('a poll refused with 401 ends the wait, said about the session', async () => {
    standIn().script({ when: 'GET', status: 401, body: '{"message":"Invalid token"}' })
    const outcome = await run({ device: id('Linking'), wait: '60' })
    expectOneFailure(
      outcome,
      'unauthorized',
      /^Reading the number's session failed\. Wassenger rejected the API key/
    )
  })
})

describe('inputs that cannot be used', () => {
  it('every problem at once, nothing sent, the summary says the phone is invalid', async () => {
    const outcome = await run({ device: '', phone: '12345', timeout: '0', force: 'yes' })
    expectOneFailure(
      outcome,
      'invalid-input',
      /Input `device` is empty.*Input `force` must be true or false.*Input `phone` is not a usable phone number.*Input `timeout` must be a number of seconds from 1 to 600 \(got "0"\)\. Nothing was sent to Wassenger\.$/
    )
    expect(outcome.annotations[0]?.title).toBe('Invalid input: device, force, phone, timeout')
    expect(standIn().requests).toEqual([])
    expect(outcome.summary).toContain('| Phone | _invalid, see the error_ |')
  })
  it('another input unusable: the summary still shows the phone given, masked', async () => {
    const outcome = await run({ device: id('Sales'), phone: '+44 7400 123456', timeout: '0' })
    expect(outcome.outputs['error-code']).toBe('invalid-input')
    expect(outcome.summary).toContain('| Phone | `+44******3456` |')
  })
})
