/**
 * What a failure shows on the run page: one error annotation, whose title is the headline of
 * the failure and whose message is the error-message output. Run in process on a scripted
 * Wassenger and the fake clocks, one run for each way the action can fail.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import type { HttpAttempt, HttpRequest } from '../src/wassenger/http.js'
import { failed, response } from './helpers/attempts.js'
import { cleanUp, runInProcess, type Clock } from './helpers/in-process.js'

afterAll(cleanUp)

const ID = '6123456789abcdef01234505'
const KEY = 'wsk_live_annotations_0123456789'
const json = (value: unknown) => JSON.stringify(value)
const page = (...devices: Array<{ id: string; alias: string }>) => response(200, json(devices))
const number = (suffix: string, alias: string) => ({ id: `6123456789abcdef012345${suffix}`, alias })

/** How the scripted Wassenger answers: the POST, and any GET (a lookup page or a session read). */
interface Script {
  readonly post?: HttpAttempt
  readonly get?: (request: HttpRequest, clock: Clock) => HttpAttempt
}

async function fail(inputs: Record<string, string>, script: Script) {
  const outcome = await runInProcess(
    { 'api-key': KEY, device: ID, ...inputs },
    {
      transport: async (request, clock) =>
        request.method === 'POST'
          ? (script.post ?? response(200, json({ code: 'K7QX-9MZD' })))
          : (script.get?.(request, clock) ?? response(200, json({ id: ID, session: {} })))
    }
  )
  const errors = outcome.annotations.filter(annotation => annotation.level === 'error')
  expect(errors).toEqual([
    { level: 'error', title: expect.any(String), message: outcome.outputs['error-message'] }
  ])
  expect(outcome.exitCode).toBe(1)
  return { title: errors[0]?.title, code: outcome.outputs['error-code'] }
}

describe('the title of each failure', () => {
  it.each<[string, HttpAttempt, string, string]>([
    ['no answer in time', failed('timeout'), 'timeout', 'Wassenger did not answer in time'],
    ['no connection', failed('connect'), 'network-error', 'Could not reach Wassenger'],
    ['a connection cut', failed('reset'), 'network-error', 'Connection to Wassenger broke'],
    ['a TLS failure', failed('tls'), 'network-error', 'Secure connection to Wassenger failed'],
    [
      'another network error',
      failed('network'),
      'network-error',
      'Network error talking to Wassenger'
    ],
    [
      'HTTP 400',
      response(400, json({ message: 'Invalid' })),
      'rejected',
      'Wassenger rejected the request'
    ],
    ['HTTP 401', response(401), 'unauthorized', 'Wassenger rejected the API key'],
    ['HTTP 403', response(403), 'forbidden', 'API key lacks permission for this number'],
    ['HTTP 404', response(404), 'device-not-found', 'Number not found in Wassenger'],
    ['HTTP 409', response(409), 'session-active', 'A WhatsApp session is already active'],
    ['HTTP 429', response(429), 'rate-limited', 'Wassenger is rate-limiting'],
    ['HTTP 503', response(503), 'server-error', 'Wassenger is failing'],
    ['HTTP 402', response(402), 'rejected', 'Wassenger answered HTTP 402'],
    ['HTTP 302', response(302), 'bad-answer', 'Unexpected answer from Wassenger (HTTP 302)']
  ])('the auth-code request meeting %s', async (_, post, code, title) => {
    expect(await fail({}, { post })).toEqual({ title, code })
  })

  it('an input that is not valid names the inputs', async () => {
    expect(await fail({ timeout: 'soon', retries: '-1' }, {})).toEqual({
      title: 'Invalid input: timeout, retries',
      code: 'invalid-input'
    })
  })

  it.each<[string, Record<string, string>, Script, string, string]>([
    [
      'an alias no number has',
      { device: 'Sales' },
      { get: () => page() },
      'device-not-found',
      'Number not found in Wassenger'
    ],
    [
      'an alias three numbers have',
      { device: 'Team' },
      {
        get: request =>
          request.url.searchParams.get('page') === '0'
            ? page(number('06', 'Team'), number('07', 'team'), number('08', 'TEAM'))
            : page()
      },
      'device-ambiguous',
      '3 numbers match device'
    ],
    [
      'a lookup answer that is not a list of numbers',
      { device: 'Sales' },
      { get: () => response(200, json({ devices: [] })) },
      'bad-answer',
      'Malformed answer to the number lookup'
    ],
    [
      'a lookup that reads pages for longer than its limit',
      { device: 'Sales' },
      {
        get: (request, clock) => {
          clock.advance(30_000)
          return page(number(`a${request.url.searchParams.get('page') ?? ''}`, 'Other'))
        }
      },
      'timeout',
      'The number lookup took too long'
    ],
    [
      'a number read about another number (skip-if-online)',
      { 'skip-if-online': 'true' },
      { get: () => response(200, json({ id: '6123456789abcdef01234599', session: {} })) },
      'bad-answer',
      'Malformed answer about the number'
    ],
    [
      'a number its account has not paid for (skip-if-online)',
      { 'skip-if-online': 'true' },
      { get: () => response(200, json({ id: ID, status: 'unpaid', session: {} })) },
      'rejected',
      'The number cannot be linked: it is unpaid'
    ],
    [
      'a number that stays offline through the wait',
      { wait: '30' },
      { get: () => response(200, json({ id: ID, session: { status: 'offline' } })) },
      'wait-timeout',
      'The number did not come online in time'
    ]
  ])('%s', async (_, inputs, script, code, title) => {
    expect(await fail(inputs, script)).toEqual({ title, code })
  })
})
