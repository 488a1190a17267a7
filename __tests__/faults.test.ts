/**
 * Every fault the network can produce, against a real loopback server, through the bundled
 * action: how many requests the server saw, the outputs, the single annotation, the time taken.
 * Time bounds are generous: these machines are noisy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import { DEVICES, startStandIn, STAND_IN_KEY, type StandIn } from '../stand-in/server.js'
import { runAction, type RunOutcome } from '../scripts/runner.js'

const [SUPPORT, , BILLING] = DEVICES.map(device => device.id) as [string, string, string]
const fault = (name: string): string => `fa17${name.padStart(20, '0')}`

let standIn: StandIn
beforeAll(async () => void (standIn = await startStandIn()))
afterAll(() => standIn.close())
beforeEach(() => void standIn.requests.splice(0))

const run = (inputs: Record<string, string>): Promise<RunOutcome> =>
  runAction({ 'api-key': STAND_IN_KEY, 'api-url': standIn.url, device: BILLING, ...inputs })

function expectOneError(outcome: RunOutcome, errorCode: string, message: RegExp): void {
  expect(outcome.annotations).toEqual([
    { level: 'error', title: expect.any(String), message: outcome.outputs['error-message'] }
  ])
  expect(outcome.outputs['error-message']).toMatch(message)
  expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': errorCode })
  expect(outcome.exitCode).toBe(1)
  // Never a stack trace or a raw exception.
  expect(outcome.stdout + outcome.stderr).not.toMatch(
    /\n\s+at |Error:|ECONN|ENOTFOUND|node:internal/
  )
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise(resolve => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

describe('connections that are never made are retried: nothing was sent', () => {
  it('refused: three attempts with backoff, then one annotation naming the host', async () => {
    const port = await closedPort()
    const outcome = await run({ 'api-url': `http://127.0.0.1:${port}/v1` })
    expectOneError(
      outcome,
      'network-error',
      new RegExp(
        `^Could not connect to 127\\.0\\.0\\.1:${port}: connection refused after 3 attempts\\. Check api-url`
      )
    )
    expect(outcome.outputs).toMatchObject({ status: '', response: '', attempts: '3' })
    expect(outcome.stdout).toContain('Connection refused; waiting 1')
    // Backoff 1 s then 2 s, each with up to 25% jitter.
    expect(outcome.durationMs).toBeGreaterThanOrEqual(2900)
    expect(outcome.durationMs).toBeLessThan(15_000)
  })

  it('a DNS failure is retried, then named as such', async () => {
    const outcome = await run({ 'api-url': 'https://api.wassenger.invalid/v1', retries: '1' })
    expectOneError(
      outcome,
      'network-error',
      /^Could not connect to api\.wassenger\.invalid: host name not found \(DNS\) after 2 attempts\./
    )
    expect(outcome.outputs.attempts).toBe('2')
  })
})

describe('a POST that may have reached Wassenger is never repeated', () => {
  it('a server that never answers: timeout after the limit, one request', async () => {
    const outcome = await run({ device: fault('dead'), timeout: '1.5' })
    expectOneError(
      outcome,
      'timeout',
      /^127\.0\.0\.1:\d+ sent no complete answer within 1\.5 s \(the timeout input\)\. The request may have reached Wassenger, so it was not repeated/
    )
    expect(outcome.outputs).toMatchObject({ status: '', attempts: '1' })
    expect(standIn.requests).toHaveLength(1)
    expect(outcome.durationMs).toBeGreaterThanOrEqual(1400)
    expect(outcome.durationMs).toBeLessThan(10_000)
  })

  it('a connection closed before the answer: network error, one request', async () => {
    const outcome = await run({ device: fault('c105') })
    expectOneError(
      outcome,
      'network-error',
      /^The connection to 127\.0\.0\.1:\d+ was cut before the answer was complete\. The request may have been carried out, so it was not repeated/
    )
    expect(outcome.outputs).toMatchObject({ status: '', response: '', attempts: '1' })
    expect(standIn.requests).toHaveLength(1)
  })

  it('a connection closed halfway through the body: the status and the partial body are kept', async () => {
    const outcome = await run({ device: fault('b0d1') })
    expectOneError(
      outcome,
      'network-error',
      /was cut after Wassenger answered HTTP 200 before the answer was complete/
    )
    expect(outcome.outputs).toMatchObject({
      status: '200',
      response: '{"code": "ABCD-',
      attempts: '1',
      code: ''
    })
    expect(standIn.requests).toHaveLength(1)
  })

  it.each([500, 502, 504, 400, 409])('HTTP %d with retries: 5 is sent once', async status => {
    standIn.script({ status, body: '{"message":"nope"}' })
    const outcome = await run({ retries: '5' })
    expect(standIn.requests).toHaveLength(1)
    expect(outcome.outputs).toMatchObject({
      status: String(status),
      attempts: '1',
      'error-code': `http-${status}`
    })
  })
})

describe('429 and 503 are retried as the server asks', () => {
  it('Retry-After as an HTTP date, then a success', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString()
    standIn.script({
      status: 503,
      headers: { 'Retry-After': inTwoSeconds },
      body: '{"message":"busy"}'
    })
    const outcome = await run({ device: SUPPORT, force: 'true' })
    expect(outcome.exitCode).toBe(0)
    expect(standIn.requests).toHaveLength(2)
    expect(outcome.outputs).toMatchObject({ success: 'true', status: '200', attempts: '2' })
    expect(outcome.stdout).toMatch(
      /HTTP 503; waiting [0-2](\.\d)? s as Retry-After asks before attempt 2 of 3\./
    )
  })

  it('without Retry-After, an exponential backoff from 1 s', async () => {
    standIn.script({ status: 429, body: '' }, { status: 429, body: '' })
    const outcome = await run({ device: SUPPORT, force: 'true' })
    expect(outcome.outputs).toMatchObject({ success: 'true', attempts: '3' })
    expect(outcome.stdout).toMatch(/HTTP 429; waiting 1(\.\d)? s before attempt 2 of 3\./)
    expect(outcome.stdout).toMatch(/HTTP 429; waiting 2(\.\d)? s before attempt 3 of 3\./)
    expect(outcome.durationMs).toBeGreaterThanOrEqual(2900)
  })

  it('the request sent again is the same request', async () => {
    standIn.script({ status: 429, headers: { 'Retry-After': '0' } })
    await run({ device: SUPPORT, force: 'true', phone: '+1 212 555 0100' })
    const [first, second] = standIn.requests
    expect(second).toEqual(first)
  })
})

describe('whatever the body, the outcome is clear', () => {
  it('a success whose body is not JSON: requested, kept as received', async () => {
    standIn.script({
      status: 200,
      body: '<html>OK</html>',
      headers: { 'Content-Type': 'text/html' }
    })
    const outcome = await run({})
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      status: '200',
      response: '<html>OK</html>',
      code: ''
    })
    expect(outcome.summary).toMatch(/^## ✅ Authentication code requested/)
  })

  it.each([400, 401, 403, 404, 409, 418, 500])(
    'HTTP %d with a body that is not JSON',
    async status => {
      standIn.script({
        status,
        body: 'upstream said no',
        headers: { 'Content-Type': 'text/plain' }
      })
      const outcome = await run({})
      expect(outcome.outputs).toMatchObject({
        status: String(status),
        response: 'upstream said no',
        'error-code': `http-${status}`
      })
      expect(outcome.annotations).toHaveLength(1)
      expect(outcome.annotations[0]?.message).toMatch(new RegExp(`\\(HTTP ${status}\\)`))
    }
  )

  it('an empty success body', async () => {
    const outcome = await run({ device: fault('e000') })
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      status: '200',
      response: '',
      code: ''
    })
    expect(outcome.annotations).toEqual([])
  })

  it('an empty error body', async () => {
    standIn.script({ status: 404 })
    const outcome = await run({})
    expectOneError(
      outcome,
      'http-404',
      /^No number with ID 6123456789abcdef01234503 in this Wassenger account \(HTTP 404\)/
    )
    expect(outcome.outputs.response).toBe('')
  })

  it('a body larger than an output may be: the response is cut to 1 MiB and a warning says so', async () => {
    const outcome = await run({ device: fault('b16b') })
    expect(outcome.exitCode).toBe(0)
    expect(Buffer.byteLength(outcome.outputs.response ?? '')).toBe(1024 * 1024)
    expect(outcome.outputs.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'warning'])
    expect(outcome.annotations[1]?.message).toMatch(
      /^Wassenger's answer is 2097\d{3} bytes; the response output holds only its first 1048576 bytes/
    )
    expect(Buffer.byteLength(outcome.summary)).toBeLessThan(80 * 1024)
    expect(outcome.summary).toContain('_Cut at 64 KiB; the `response` output holds the rest._')
  })

  it('a body that is not valid UTF-8: a warning, and no code that cannot be typed', async () => {
    const outcome = await run({ device: fault('bad8') })
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      response: '{"code": "AB\uFFFD\uFFFDCD-1234"}',
      code: ''
    })
    expect(outcome.annotations).toEqual([
      {
        level: 'warning',
        title: 'Wassenger auth code',
        message: expect.stringMatching(/^Wassenger's answer is not valid UTF-8/)
      }
    ])
  })

  it('valid UTF-8 that holds a replacement character itself is no such case', async () => {
    const body = '{"message":"Name: \uFFFD café","data":{"code":"QR5T-8KZM"}}'
    standIn.script({ status: 200, body })
    const outcome = await run({})
    expect(outcome.outputs).toMatchObject({ success: 'true', response: body, code: 'QR5T-8KZM' })
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice'])
  })
})

describe('with the defaults, a dead API ends the step in about a minute', () => {
  it('a server that never answers: one attempt, ended by the 30 s timeout', async () => {
    const outcome = await runAction(
      { 'api-key': STAND_IN_KEY, 'api-url': standIn.url, device: fault('dead') },
      { timeoutMs: 90_000 }
    )
    expectOneError(outcome, 'timeout', /within 30 s/)
    expect(standIn.requests).toHaveLength(1)
    expect(outcome.durationMs).toBeGreaterThanOrEqual(29_500)
    expect(outcome.durationMs).toBeLessThan(45_000)
  }, 60_000)
})
