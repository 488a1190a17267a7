/**
 * The bundled action, run as a runner runs it (`node dist/index.js` with INPUT_* variables and the
 * output and summary files), against the Wassenger stand-in on 127.0.0.1.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { DEVICES, NO_PERMISSION_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { runAction, type RunOutcome } from '../scripts/runner.js'

const KEY = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const [SUPPORT, SALES, BILLING] = DEVICES.map(device => device.id) as [string, string, string]
const UNKNOWN = '0123456789abcdef01234567'

let standIn: StandIn
beforeAll(async () => void (standIn = await startStandIn({ apiKey: KEY })))
afterAll(() => standIn.close())
beforeEach(() => void standIn.requests.splice(0))

const run = (inputs: Record<string, string>, env?: Record<string, string>): Promise<RunOutcome> =>
  runAction({ 'api-key': KEY, 'api-url': standIn.url, ...inputs }, { env })

function expectOneFailure(outcome: RunOutcome, title: RegExp, message: RegExp): void {
  expect(outcome.annotations).toEqual([
    { level: 'error', title: expect.stringMatching(title), message: expect.stringMatching(message) }
  ])
  expect(outcome.exitCode).toBe(1)
  expect(outcome.outputs.success).toBe('false')
  expect(outcome.outputs['error-message']).toBe(outcome.annotations[0]?.message)
  expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at |Error:|TypeError|node:internal/)
}

describe('a successful request', () => {
  it('puts the code first: the code output, one notice, the top of the summary', async () => {
    const outcome = await run({ device: SALES, phone: '+44 7400 123456' })

    expect(outcome.exitCode).toBe(0)
    const body = JSON.parse(outcome.outputs.response ?? '')
    const code = body.data.code as string
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(outcome.outputs).toEqual({
      success: 'true',
      status: '200',
      response: outcome.outputs.response,
      device: SALES,
      'error-code': '',
      'error-message': '',
      attempts: '1',
      'session-status': '',
      code
    })
    expect(outcome.annotations).toEqual([
      {
        level: 'notice',
        title: `WhatsApp code: ${code}`,
        message: expect.stringContaining(
          'WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead'
        )
      }
    ])
    expect(outcome.annotations[0]?.message).toMatch(
      /^Valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\./
    )
    const lines = outcome.summary.split('\n')
    expect(lines[0]).toBe('## 🔑 WhatsApp authentication code')
    expect(lines[2]).toBe(`# \`${code}\``)
    expect(outcome.summary).toContain('| Phone | `+44******3456` |')
    expect(outcome.summary).toContain('<details><summary>Answer from Wassenger (HTTP 200,')
  })

  it('sends one POST with the Token, JSON, a User-Agent and the phone in E.164', async () => {
    await run({ device: SALES, phone: '+44 (0)7400 123-456' })
    expect(standIn.requests).toHaveLength(1)
    const [request] = standIn.requests
    expect(request).toMatchObject({
      method: 'POST',
      url: `/v1/devices/${SALES}/authcode`,
      body: '{"phone":"+447400123456"}',
      headers: {
        token: KEY,
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^wassenger-authcode-action\/\d+\.\d+\.\d+$/)
      }
    })
    expect(request?.headers.authorization).toBeUndefined()
  })

  it('with force: true sends ?force=true and replaces an active session', async () => {
    const outcome = await run({ device: SUPPORT, force: 'true' })
    expect(standIn.requests.map(r => r.url)).toEqual([`/v1/devices/${SUPPORT}/authcode?force=true`])
    expect(standIn.requests[0]?.body).toBe('')
    expect(outcome.outputs.code).toBe(JSON.parse(outcome.outputs.response ?? '').code)
    expect(outcome.summary).toContain('**Valid for 60 s, until ')
    expect(outcome.summary).toContain('| Force | `true` (replaces the current session) |')
  })

  it('without a code in the answer says it was requested and where to read it', async () => {
    const outcome = await run({ device: BILLING })
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({ success: 'true', code: '', status: '200' })
    expect(outcome.annotations).toEqual([])
    expect(outcome.summary).toMatch(
      /^## ✅ Authentication code requested\n\nThe code was requested, but Wassenger's answer does not carry it: open the number in the Wassenger web console/
    )
  })

  it('warns once about a phone outside the known ranges, and still sends it', async () => {
    const outcome = await run({ device: SALES, phone: '+1 (600) 123-4560' })
    expect(outcome.exitCode).toBe(0)
    expect(standIn.requests[0]?.body).toBe('{"phone":"+16001234560"}')
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'warning'])
    expect(outcome.annotations[1]?.message).toMatch(
      /^phone \+1\*\*\*\*\*\*4560 has a possible length but is outside/
    )
  })
})

describe('each error Wassenger answers ends in one annotation that says what to do', () => {
  it.each([
    [
      '401, a wrong key',
      { 'api-key': 'wrong-key-0000' },
      '401',
      'http-401',
      /API key/,
      /Check the secret passed as api-key/
    ],
    [
      '403, a key without permission',
      { 'api-key': NO_PERMISSION_KEY },
      '403',
      'http-403',
      /permission/,
      /Use a key of the account that owns the number/
    ],
    [
      '404, an unknown number',
      { device: UNKNOWN },
      '404',
      'device:not_found',
      /not found/,
      new RegExp(`No number with ID ${UNKNOWN}.*Check the device input`)
    ],
    [
      '409, an active session',
      { device: SUPPORT },
      '409',
      'session:conflict',
      /already active/,
      /run again with force: true; this logs the current session out/
    ],
    [
      '400, a never-connected number without phone',
      { device: SALES },
      '400',
      'validation:phone',
      /rejected/,
      /never connected.*set the phone input/
    ],
    [
      '400, any other',
      { device: 'fa1700000000000000000400' },
      '400',
      'http-400',
      /rejected/,
      /HTTP 400\)\. Wassenger said: "Invalid request"\.$/
    ],
    [
      '500',
      { device: 'fa1700000000000000000500' },
      '500',
      'http-500',
      /failing/,
      /Wassenger is failing \(HTTP 500\)\. Wassenger said: "Unexpected error"\. Try again in a few minutes\./
    ],
    [
      '502 with an HTML page',
      { device: 'fa1700000000000000000502' },
      '502',
      'http-502',
      /failing/,
      /^Wassenger is failing \(HTTP 502\)\. Try again in a few minutes\.$/
    ]
  ])('%s', async (_, inputs, status, errorCode, title, message) => {
    const outcome = await run({ device: BILLING, ...inputs })
    expectOneFailure(outcome, title, message)
    expect(outcome.outputs).toMatchObject({
      status,
      'error-code': errorCode,
      attempts: '1',
      device: (inputs as Record<string, string>).device ?? BILLING,
      code: ''
    })
    expect(standIn.requests).toHaveLength(1)
    expect(outcome.summary).toMatch(/^## ❌ /)
    expect(outcome.summary).toContain(`| Result | ❌ failed: \`${errorCode}\` |`)
    expect(outcome.summary).toContain(`| HTTP status | ${status} |`)
  })

  it('keeps an error body that is not JSON as received, and shows it as text', async () => {
    const outcome = await run({ device: 'fa1700000000000000000502' })
    expect(outcome.outputs.response).toBe(
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'
    )
    // In the summary it is shown in a text block, never rendered as HTML.
    expect(outcome.summary).toContain('```text\n<html><head><title>502 Bad Gateway</title>')
  })

  it('429 and 503 are retried as Retry-After says, then reported with the attempts', async () => {
    for (const status of ['429', '503']) {
      standIn.requests.splice(0)
      const outcome = await run({
        device: `fa17000000000000000${status.padStart(5, '0')}`,
        retries: '1'
      })
      expect(standIn.requests).toHaveLength(2)
      expect(outcome.outputs).toMatchObject({
        status,
        attempts: '2',
        'error-code': `http-${status}`
      })
      expectOneFailure(
        outcome,
        /rate-limiting|failing/,
        status === '429' ? /still rate-limiting after 2 attempts/ : /HTTP 503\) after 2 attempts/
      )
      expect(outcome.stdout).toContain(
        `HTTP ${status}; waiting 1 s as Retry-After asks before attempt 2 of 2.`
      )
      expect(outcome.durationMs).toBeGreaterThanOrEqual(1000)
    }
  })

  it('with fail-on-error: false, the same text is one warning and the step succeeds', async () => {
    const outcome = await run({ device: SUPPORT, 'fail-on-error': 'false' })
    expect(outcome.exitCode).toBe(0)
    expect(outcome.annotations).toEqual([
      {
        level: 'warning',
        title: 'A WhatsApp session is already active',
        message: outcome.outputs['error-message']
      }
    ])
    expect(outcome.outputs).toMatchObject({
      success: 'false',
      status: '409',
      'error-code': 'session:conflict',
      attempts: '1'
    })
    expect(outcome.summary).toMatch(/^## ⚠️ A WhatsApp session is already active/)
    expect(outcome.summary).toContain(
      '_Reported as a warning: `fail-on-error` is `false`, so the step succeeded._'
    )
  })
})

describe('bad input sends nothing', () => {
  it.each([
    ['an empty key', { 'api-key': '' }, /Input `api-key` is empty/],
    [
      'a device phone number that is too short',
      { device: '+1 212' },
      /Input `device` looks like a phone number but is not a usable one: it is too short/
    ],
    [
      'a phone without country code',
      { phone: '(212) 555-0100' },
      /Input `phone` is not a usable phone number: it has no \+ and country code/
    ],
    [
      'a force that is not a boolean',
      { force: 'yes' },
      /Input `force` must be true or false \(got "yes"\)/
    ],
    [
      'an http URL',
      { 'api-url': 'http://api.wassenger.com/v1' },
      /Input `api-url` must start with https:\/\//
    ],
    ['a bad timeout', { timeout: '0' }, /Input `timeout` must be a positive number/],
    ['too many retries', { retries: '50' }, /Input `retries` must be a whole number from 0 to 10/]
  ])('%s', async (_, inputs, message) => {
    const outcome = await run({ device: BILLING, ...inputs })
    expectOneFailure(outcome, /^Invalid input: /, message)
    expect(outcome.annotations[0]?.message).toMatch(/Nothing was sent to Wassenger\.$/)
    expect(outcome.outputs).toEqual({
      success: 'false',
      status: '',
      response: '',
      device: '',
      'error-code': 'invalid-input',
      'error-message': outcome.annotations[0]?.message,
      attempts: '0',
      'session-status': '',
      code: ''
    })
    expect(standIn.requests).toHaveLength(0)
  })

  it('names every bad input in the one annotation', async () => {
    const outcome = await run({ device: '', force: 'maybe' })
    expectOneFailure(outcome, /^Invalid input: device, force$/, /`device`.*`force`/)
  })
})

describe('the key and the phone number never leave the run', () => {
  const PHONE_FORMS = ['+447400123456', '447400123456', '+44 7400 123456', '7400123456']

  it.each([
    ['a success', { device: SALES, phone: '+44 7400 123456' }, {}],
    ['a failure', { device: UNKNOWN, phone: '+44 7400 123456' }, {}],
    [
      'a debug run with the key where the device should be',
      { device: KEY, phone: '+44 7400 123456' },
      { RUNNER_DEBUG: '1' }
    ],
    [
      'a debug run that looks the number up by its phone',
      { device: '+44 7400 123456', phone: '+44 7400 123456' },
      { RUNNER_DEBUG: '1' }
    ]
  ])('%s', async (_, inputs, env) => {
    const outcome = await run(inputs, env)
    // The one place the key may appear is the runner's own masking command.
    const stdout = outcome.stdout.replace(`::add-mask::${KEY}\n`, '')
    const everything = [
      stdout,
      outcome.stderr,
      outcome.summary,
      ...Object.values(outcome.outputs)
    ].join('\n')
    expect(everything).not.toContain(KEY)
    for (const form of PHONE_FORMS) expect(everything).not.toContain(form)
    expect(outcome.stdout).toContain(`::add-mask::${KEY}`)
  })
})
