/**
 * Naming the number by phone or alias, and waiting for it to be linked: the bundled action
 * against the stand-in's list and device endpoints.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { DEVICES, startStandIn, STAND_IN_KEY, type StandIn } from '../stand-in/server.js'
import { runAction, type RunOutcome } from '../scripts/runner.js'

const id = (alias: string): string => DEVICES.find(device => device.alias === alias)?.id ?? ''
const SUPPORT = id('Support')
const SUPPORT_LOWER = id('support')

let standIn: StandIn
beforeAll(async () => void (standIn = await startStandIn()))
afterAll(() => standIn.close())
beforeEach(() => void standIn.requests.splice(0))

const run = (inputs: Record<string, string>): Promise<RunOutcome> =>
  runAction({ 'api-key': STAND_IN_KEY, 'api-url': standIn.url, ...inputs })
const requests = (): string[] => standIn.requests.map(request => `${request.method} ${request.url}`)
const search = (text: string, page: number): string =>
  `GET /v1/devices?search=${encodeURIComponent(text).replace(/%20/g, '+')}&page=${page}&size=100`

describe('device by ID, phone or alias', () => {
  it('an ID is used as given: no lookup', async () => {
    const outcome = await run({ device: SUPPORT, force: 'true' })
    expect(requests()).toEqual([`POST /v1/devices/${SUPPORT}/authcode?force=true`])
    expect(outcome.outputs.device).toBe(SUPPORT)
  })

  it.each(['+1 (212) 555-0100', '+1.212.555.0100', '+12125550100', '+1 212/555 0100'])(
    'the phone %j finds its number on E.164 digits',
    async phone => {
      const outcome = await run({ device: phone, force: 'true' })
      expect(outcome.exitCode).toBe(0)
      expect(requests()).toEqual([
        search('12125550100', 0),
        search('12125550100', 1),
        `POST /v1/devices/${SUPPORT}/authcode?force=true`
      ])
      expect(outcome.outputs).toMatchObject({ success: 'true', device: SUPPORT, attempts: '1' })
      expect(outcome.summary).toContain(`| Number | \`${SUPPORT}\` (Support) |`)
      expect(outcome.stdout).toContain(
        `device phone +1******0100 is number ${SUPPORT} (alias "Support", phone +1******0100).`
      )
    }
  )

  it.each([
    ['sales', 'Sales'],
    ['SALES', 'Sales'],
    ['  Sales  ', 'Sales'],
    ['billing', 'Billing']
  ])('the alias %j finds %s, ignoring case', async (alias, expected) => {
    const outcome = await run({ device: alias, phone: '+44 7400 123456' })
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs.device).toBe(id(expected))
    expect(requests().at(-1)).toBe(`POST /v1/devices/${id(expected)}/authcode`)
  })

  it('follows pages until they end: the exact alias is on the second page', async () => {
    // "Team" also finds "Team Alpha" and "Team Beta"; the stand-in serves two numbers a page.
    const outcome = await run({ device: 'team' })
    expect(outcome.exitCode).toBe(0)
    expect(requests()).toEqual([
      search('team', 0),
      search('team', 1),
      search('team', 2),
      `POST /v1/devices/${id('Team')}/authcode`
    ])
    expect(outcome.outputs.device).toBe(id('Team'))
  })

  it('an alias is compared whole: "Team Alp" matches nothing, and the message lists what the search found', async () => {
    const outcome = await run({ device: 'Team Alp' })
    expect(outcome.exitCode).toBe(1)
    expect(outcome.outputs).toMatchObject({
      'error-code': 'device-not-found',
      device: '',
      attempts: '0',
      status: ''
    })
    expect(outcome.annotations).toEqual([
      {
        level: 'error',
        title: 'Number not found in Wassenger',
        message: `No number in this Wassenger account has the alias "Team Alp". The search found ${id('Team Alpha')} (alias "Team Alpha", phone +33*****5678), none with that alias (compared whole, ignoring case). Check the device input, or set it to the number's 24-hex ID.`
      }
    ])
    expect(requests().filter(r => r.startsWith('POST'))).toEqual([])
  })

  it('an unknown phone is device-not-found, naming the phone masked', async () => {
    const outcome = await run({ device: '+1 212 555 0111' })
    expect(outcome.outputs['error-code']).toBe('device-not-found')
    expect(outcome.annotations[0]?.message).toBe(
      "No number in this Wassenger account has the phone +1******0111. Check the device input, or set it to the number's 24-hex ID."
    )
    expect(requests()).toEqual([search('12125550111', 0)])
  })

  it('an alias two numbers share is device-ambiguous, listing each so the right ID can be pasted', async () => {
    const outcome = await run({ device: 'Support' })
    expect(outcome.exitCode).toBe(1)
    expect(outcome.outputs).toMatchObject({
      'error-code': 'device-ambiguous',
      device: '',
      attempts: '0'
    })
    expect(outcome.annotations).toEqual([
      {
        level: 'error',
        title: '2 numbers match device',
        message: `2 numbers in this Wassenger account have the alias "Support": ${SUPPORT} (alias "Support", phone +1******0100); ${SUPPORT_LOWER} (alias "support", phone +1******0199). Set device to the ID of the one you mean.`
      }
    ])
    expect(requests().filter(r => r.startsWith('POST'))).toEqual([])
  })
})

describe('the lookup is a GET: it may retry what a POST may not', () => {
  it.each([
    ['a 500', { status: 500, body: '{"message":"oops"}' }],
    ['a 503 with Retry-After', { status: 503, headers: { 'Retry-After': '1' } }],
    ['a reset', { fault: 'reset' as const }],
    ['a timeout', { fault: 'hang' as const }]
  ])('%s, then the answer', async (_, fault) => {
    standIn.script({ ...fault, when: 'GET /v1/devices?' })
    const outcome = await run({ device: 'billing', timeout: '1' })
    expect(outcome.exitCode).toBe(0)
    expect(requests()).toEqual([
      search('billing', 0),
      search('billing', 0),
      search('billing', 1),
      `POST /v1/devices/${id('Billing')}/authcode`
    ])
  })

  it('a refused key is reported as the lookup failing, with the same advice', async () => {
    const outcome = await run({ device: 'billing', 'api-key': 'wrong-key' })
    expect(outcome.outputs).toMatchObject({
      'error-code': 'http-401',
      // status and response are the auth-code request's, which was never sent.
      status: '',
      response: '',
      attempts: '0',
      device: ''
    })
    expect(outcome.annotations).toEqual([
      {
        level: 'error',
        title: 'Wassenger rejected the API key',
        message: expect.stringMatching(
          /^Looking up the number by alias "billing" failed\. Wassenger rejected the API key \(HTTP 401\)\. Check the secret passed as api-key/
        )
      }
    ])
  })
})

describe('wait: until the number is linked', () => {
  const LINKING = id('Linking')

  it('polls until the session is online, logging each status once, after showing the code', async () => {
    const outcome = await run({ device: 'Linking', wait: '30', 'wait-interval': '1' })
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      'session-status': 'online',
      device: LINKING
    })
    expect(outcome.outputs.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    const polls = requests().filter(r => r === `GET /v1/devices/${LINKING}`)
    expect(polls).toHaveLength(3)
    const log = outcome.stdout
    // The code comes first: the person needs it to make the session come online.
    expect(log.indexOf('::notice title=WhatsApp code')).toBeLessThan(
      log.indexOf('Waiting up to 30 s')
    )
    for (const status of ['authorize', 'authorizing', 'online']) {
      expect(log.split(`Session status: ${status}.`)).toHaveLength(2)
    }
    expect(outcome.summary).toContain('| Session | `online` |')
    expect(outcome.summary).toMatch(
      /^## ✅ WhatsApp number linked\n\nThe number is linked: its WhatsApp session is online\./
    )
    expect(outcome.durationMs).toBeGreaterThanOrEqual(1900)
  })

  it('ends with wait-timeout naming the last status, keeping the code', async () => {
    const outcome = await run({ device: 'Team', wait: '2.5', 'wait-interval': '1' })
    expect(outcome.exitCode).toBe(1)
    expect(outcome.outputs).toMatchObject({
      success: 'false',
      status: '200',
      attempts: '1',
      'error-code': 'wait-timeout',
      'session-status': 'offline'
    })
    expect(outcome.outputs.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'error'])
    expect(outcome.annotations[1]?.message).toBe(
      `The code was requested, but the number's session was not online within 2.5 s (the wait input); its last status was "offline". If the code was not entered in time, run again for a new one; to wait longer, raise wait.`
    )
    expect(outcome.stdout.split('Session status: offline.')).toHaveLength(2)
    expect(requests().filter(r => r.startsWith('GET /v1/devices/')).length).toBeGreaterThanOrEqual(
      3
    )
    expect(outcome.durationMs).toBeGreaterThanOrEqual(2400)
    expect(outcome.durationMs).toBeLessThan(10_000)
  })

  it('a 429 while polling slows the polls as Retry-After asks', async () => {
    standIn.script({
      when: `GET /v1/devices/${LINKING}`,
      status: 429,
      headers: { 'Retry-After': '2' }
    })
    const outcome = await run({ device: LINKING, wait: '30', 'wait-interval': '1' })
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
    expect(outcome.stdout).toContain('Polling the session: HTTP 429; next poll in 2 s.')
    expect(requests().filter(r => r === `GET /v1/devices/${LINKING}`)).toHaveLength(4)
    expect(outcome.durationMs).toBeGreaterThanOrEqual(3900)
  })

  it('wait 0 does not poll', async () => {
    const outcome = await run({ device: LINKING })
    expect(requests()).toEqual([`POST /v1/devices/${LINKING}/authcode`])
    expect(outcome.outputs['session-status']).toBe('')
  })
})
