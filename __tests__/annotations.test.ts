/**
 * What a failure shows on the run page: one error annotation, whose title is the headline of
 * the failure and whose message is the error-message output. Run in process on a scripted
 * Wassenger and the fake clocks, one run for each way the action can fail.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
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
  return {
    title: errors[0]?.title,
    code: outcome.outputs['error-code'],
    message: outcome.outputs['error-message']
  }
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
    ['HTTP 302', response(302), 'bad-answer', 'Unexpected answer from Wassenger (HTTP 302)'],
    ['HTTP 600', response(600), 'bad-answer', 'Unexpected answer from Wassenger (HTTP 600)']
  ])('the auth-code request meeting %s', async (_, post, code, title) => {
    expect(await fail({}, { post })).toMatchObject({ title, code })
  })

  it('an input that is not valid names the inputs', async () => {
    expect(await fail({ timeout: 'soon', retries: '-1' }, {})).toMatchObject({
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
    expect(await fail(inputs, script)).toMatchObject({ title, code })
  })
})

const SEARCH_FOUND = [
  { id: '6123456789abcdef01234506', alias: 'Sales team', phone: '+33612345678' },
  { id: '6123456789abcdef01234507' }
]
const TEAM = Array.from({ length: 7 }, (_, index) => number(`0${index}`, 'Team'))
describe('the message of each failure: what happened, then what to do', () => {
  it('the auth-code request meeting each failure: its message says what happened, then what to do', async () => {
    const cases: Array<[string, HttpAttempt, Record<string, string>]> = [
      ['a TLS failure', failed('tls'), {}],
      ['another network error', failed('network'), {}],
      ['a connection cut while the answer came', failed('reset', 500), {}],
      ['no connection, retried', failed('connect'), {}],
      ['HTTP 400 about something else', response(400, json({ message: 'Invalid request' })), {}],
      [
        'HTTP 400 about the phone, none given',
        response(400, json({ message: 'Invalid phone number' })),
        {}
      ],
      [
        'HTTP 400 about the phone given',
        response(400, json({ message: 'Wrong E.164 format' })),
        { phone: '+44 7400 123456' }
      ],
      [
        'HTTP 400 about an E164 number, written without the dot',
        response(400, json({ message: 'Bad E164' })),
        { phone: '+44 7400 123456' }
      ],
      ['HTTP 402', response(402), {}],
      ['HTTP 410', response(410), {}],
      ['HTTP 413', response(413), {}],
      ['HTTP 499, the last of the 4xx', response(499, json({ message: 'Closed' })), {}],
      ['HTTP 500, the first of the 5xx', response(500), {}],
      ['HTTP 599, the last of the 5xx', response(599, json({ message: 'Down' })), {}],
      ['HTTP 600', response(600), {}],
      ['HTTP 399', response(399), {}]
    ]
    const messages: Record<string, string | undefined> = {}
    for (const [name, post, inputs] of cases)
      messages[name] = (await fail(inputs, { post })).message
    expect(messages).toMatchInlineSnapshot(`
     {
       "HTTP 399": "Wassenger answered HTTP 399, which is not an answer the action can use. Check api-url (Wassenger's API base, e.g. https://api.wassenger.com/v1), the device input and the number in the Wassenger console, then run again.",
       "HTTP 400 about an E164 number, written without the dot": "Wassenger rejected the request (HTTP 400). Wassenger said: "Bad E164". Check the phone input: write it in international form: + then the country code and the number, e.g. +1 600 123 4560 or +44 20 7946 0000.",
       "HTTP 400 about something else": "Wassenger rejected the request (HTTP 400). Wassenger said: "Invalid request". Check the device and phone inputs against what Wassenger said; if they are right, check the number in the Wassenger console.",
       "HTTP 400 about the phone given": "Wassenger rejected the request (HTTP 400). Wassenger said: "Wrong E.164 format". Check the phone input: write it in international form: + then the country code and the number, e.g. +1 600 123 4560 or +44 20 7946 0000.",
       "HTTP 400 about the phone, none given": "Wassenger rejected the request (HTTP 400). Wassenger said: "Invalid phone number". This number was never connected, so Wassenger needs the phone that will receive the code: set the phone input, e.g. phone: "+1 600 123 4560".",
       "HTTP 402": "Wassenger refused the request (HTTP 402). The Wassenger account's plan does not cover this: check its billing in the Wassenger console.",
       "HTTP 410": "Wassenger refused the request (HTTP 410). The number is gone from this Wassenger account: check the device input in the Wassenger console.",
       "HTTP 413": "Wassenger refused the request (HTTP 413). The request was too large for Wassenger: check that the phone input holds one phone number.",
       "HTTP 499, the last of the 4xx": "Wassenger refused the request (HTTP 499). Wassenger said: "Closed". Check api-url (Wassenger's API base, e.g. https://api.wassenger.com/v1), the device input and the number in the Wassenger console, then run again.",
       "HTTP 500, the first of the 5xx": "Wassenger is failing (HTTP 500). Try again in a few minutes.",
       "HTTP 599, the last of the 5xx": "Wassenger is failing (HTTP 599). Wassenger said: "Down". Try again in a few minutes.",
       "HTTP 600": "Wassenger answered HTTP 600, which is not an answer the action can use. Check api-url (Wassenger's API base, e.g. https://api.wassenger.com/v1), the device input and the number in the Wassenger console, then run again.",
       "a TLS failure": "tls detail talking to api.wassenger.com. Check api-url, and that no proxy intercepts HTTPS on the runner.",
       "a connection cut while the answer came": "The connection to api.wassenger.com was cut after Wassenger answered HTTP 500, before the answer was complete. The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console before running again.",
       "another network error": "network detail talking to api.wassenger.com. The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console before running again.",
       "no connection, retried": "Could not connect to api.wassenger.com: connect detail after 3 attempts. Check api-url and the runner's network or proxy settings (https_proxy, no_proxy), then run again.",
     }
    `)
  })

  it('a lookup of each kind that fails: its message names the number and what to do', async () => {
    const cases: Array<[string, string, unknown[]]> = [
      ['a phone no number has', '+44 7400 123456', []],
      ['an alias no number has, among those the search found', 'Sales', SEARCH_FOUND],
      [
        'a phone no number has, among those the search found',
        '+33 6 12 34 56 70',
        SEARCH_FOUND.slice(0, 1)
      ],
      ['an alias of 16 hex characters', 'abcdef0123456789', []],
      ['an alias of 15 hex characters', 'abcdef012345678', []],
      ['an alias of hex letters only', 'deadbeefdeadbeefdeadbeef0', []],
      ['hex letters without a digit', 'abcdefabcdefabcdef', []],
      ['an ID-like tail after other letters', 'xyzabcdef0123456789', []],
      ['a name of letters a to f only', 'facade-bead', []],
      ['a phone without +', '447400123456', []],
      ['an alias seven numbers have', 'Team', TEAM],
      ['an alias two numbers have', 'Team', TEAM.slice(0, 2)]
    ]
    const messages: Record<string, string | undefined> = {}
    for (const [name, device, found] of cases) {
      const get = (request: HttpRequest) =>
        request.url.searchParams.get('page') === '0' ? response(200, json(found)) : page()
      messages[name] = (await fail({ device }, { get })).message
    }
    expect(messages).toMatchInlineSnapshot(`
     {
       "a name of letters a to f only": "No number in this Wassenger account has the alias "facade-bead". Check the device input, or set it to the number's 24-hex ID.",
       "a phone no number has": "No number in this Wassenger account has the phone +44******3456. Check the device input, or set it to the number's 24-hex ID.",
       "a phone no number has, among those the search found": "No number in this Wassenger account has the phone +33*****5670. The search found 6123456789abcdef01234506 (alias "Sales team", phone +33*****5678), none with that phone number. Check the device input, or set it to the number's 24-hex ID.",
       "a phone without +": "No number in this Wassenger account has the alias ********3456. It looks like a phone number without + and country code: write it as + then the country code and the number, e.g. +44 20 7946 0000. Check the device input, or set it to the number's 24-hex ID.",
       "an ID-like tail after other letters": "No number in this Wassenger account has the alias "xyzabcdef0123456789". Check the device input, or set it to the number's 24-hex ID.",
       "an alias no number has, among those the search found": "No number in this Wassenger account has the alias "Sales". The search found 6123456789abcdef01234506 (alias "Sales team", phone +33*****5678); 6123456789abcdef01234507 (no alias), none with that alias (compared whole, ignoring case and spacing). Check the device input, or set it to the number's 24-hex ID.",
       "an alias of 15 hex characters": "No number in this Wassenger account has the alias "abcdef012345678". Check the device input, or set it to the number's 24-hex ID.",
       "an alias of 16 hex characters": "No number in this Wassenger account has the alias "abcdef0123456789". It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has 16. Check the device input, or set it to the number's 24-hex ID.",
       "an alias of hex letters only": "No number in this Wassenger account has the alias "deadbeefdeadbeefdeadbeef0". It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has 25. Check the device input, or set it to the number's 24-hex ID.",
       "an alias seven numbers have": "7 numbers in this Wassenger account have the alias "Team": 6123456789abcdef01234500 (alias "Team"); 6123456789abcdef01234501 (alias "Team"); 6123456789abcdef01234502 (alias "Team"); 6123456789abcdef01234503 (alias "Team"); 6123456789abcdef01234504 (alias "Team") and 2 more. Set device to the ID of the one you mean.",
       "an alias two numbers have": "2 numbers in this Wassenger account have the alias "Team": 6123456789abcdef01234500 (alias "Team"); 6123456789abcdef01234501 (alias "Team"). Set device to the ID of the one you mean.",
       "hex letters without a digit": "No number in this Wassenger account has the alias "abcdefabcdefabcdef". Check the device input, or set it to the number's 24-hex ID.",
     }
    `)
  })

  it('a lookup that reaches its limit exactly, after two pages of 30 s', async () => {
    const get = (request: HttpRequest, clock: Clock) => {
      clock.advance(30_000)
      return page(number(`a${request.url.searchParams.get('page') ?? ''}`, 'Other'))
    }
    expect((await fail({ device: 'Sales' }, { get })).message).toBe(
      'Looking up the number by alias "Sales" did not finish within 60 s (2 pages read), so nothing was requested. Set device to the number\'s 24-hex ID, or check that Wassenger is answering, then run again.'
    )
  })

  it('a number read about another number (skip-if-online)', async () => {
    const get = () => response(200, json({ id: '6123456789abcdef01234599', session: {} }))
    expect((await fail({ 'skip-if-online': 'true' }, { get })).message).toBe(
      `Wassenger's answer about number ID ${ID} is not about that number, so its session could not be read and nothing was requested (skip-if-online). Check api-url, then run again.`
    )
  })
})
