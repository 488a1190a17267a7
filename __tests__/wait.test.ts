/**
 * Waiting for the number to be linked, on a scripted Wassenger and the fake clocks: what the
 * person reads in the log while they type the code, and when the wait ends.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
import { failed, response } from './helpers/attempts.js'
import { cleanUp, runInProcess, type FakeTransport } from './helpers/in-process.js'

afterAll(cleanUp)

const ID = '6123456789abcdef01234505'
const CODE = response(200, '{"code":"K7QX-9MZD","expiresIn":160}')
const session = (status: string) => response(200, JSON.stringify({ id: ID, session: { status } }))

/** Wassenger answering the POST with a code, then each poll with the next of `polls`. */
function wassenger(polls: Array<HttpAttempt | Error>) {
  const requests: HttpRequest[] = []
  const transport: FakeTransport = async request => {
    requests.push(request)
    if (request.method === 'POST') return CODE
    const next = polls.length > 1 ? polls.shift() : polls[0]
    if (next instanceof Error) throw next
    return next ?? session('offline')
  }
  return { transport, requests, gets: () => requests.filter(r => r.method === 'GET') }
}

const run = (inputs: Record<string, string>, transport: FakeTransport) =>
  runInProcess(
    { 'api-key': 'wsk_live_wait_0123456789', device: ID, 'wait-interval': '5', ...inputs },
    { transport }
  )

describe('waiting', () => {
  it('says how long it waits, then each status once, and ends when online', async () => {
    const api = wassenger([session('offline'), session('offline'), session(''), session('online')])
    const outcome = await run({ wait: '60' }, api.transport)
    expect(outcome.log.slice(2)).toEqual([
      "Waiting up to 60 s for the number's session to come online: enter the code on the phone now.",
      'Session status: offline.',
      'Session status: unknown.',
      'Session status: online.'
    ])
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
    expect(api.gets()).toHaveLength(4)
  })

  it('gives each poll what is left of the wait, never less than 1 s, never more than timeout', async () => {
    const api = wassenger([session('offline')])
    await run({ wait: '12', timeout: '10' }, api.transport)
    expect(api.gets().map(r => r.timeoutMs)).toEqual([10_000, 7000, 2000, 1000])
  })

  it('a poll that throws is polled through, said in the log, and the wait goes on', async () => {
    const api = wassenger([new Error('socket exploded'), session('online')])
    const outcome = await run({ wait: '60' }, api.transport)
    expect(outcome.log).toContainEqual(
      'Polling the session failed (socket exploded); next poll in 5 s.'
    )
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
  })

  it.each([
    ['HTTP 401', 'unauthorized', response(401, '{"message":"Invalid token"}')],
    ['HTTP 404', 'device-not-found', response(404, '{"message":"Device not found"}')],
    ['HTTP 400', 'rejected', response(400, '{"message":"Bad request"}')]
  ])('a poll refused with %s ends the wait: %s', async (_, code, answer) => {
    const api = wassenger([answer, session('online')])
    const outcome = await run({ wait: '60' }, api.transport)
    expect(api.gets()).toHaveLength(1)
    expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': code })
    expect(outcome.outputs['error-message']).toMatch(/^Reading the number's session failed\. /)
  })

  it.each([
    ['a redirect', response(302, '', { location: 'https://elsewhere.example/' })],
    ['HTTP 304', response(304)],
    ['HTTP 300', response(300, '{"id":"x"}')],
    ['HTTP 102', response(102)],
    ['HTTP 600', response(600)],
    ['HTTP 500', response(500)],
    ['a TLS failure', failed('tls')],
    ['no answer in time', failed('timeout')],
    ['a connection never made', failed('connect')]
  ])(
    'a poll answered with %s is polled through: the next shows the number online',
    async (_, answer) => {
      const api = wassenger([answer, session('online')])
      const outcome = await run({ wait: '60' }, api.transport)
      expect(api.gets()).toHaveLength(2)
      expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
    }
  )

  it('a wait whose every poll is a redirect ends as wait-timeout', async () => {
    const api = wassenger([response(302, '', { location: 'https://elsewhere.example/' })])
    const outcome = await run({ wait: '20' }, api.transport)
    expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'wait-timeout' })
  })

  it('a passing fault (503, a reset) is polled through', async () => {
    const api = wassenger([response(503), failed('reset'), session('online')])
    const outcome = await run({ wait: '60' }, api.transport)
    expect(outcome.log).toContainEqual('Polling the session: HTTP 503; next poll in 5 s.')
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
  })

  it('an answer about another number is polled through, said in the log', async () => {
    const other = response(
      200,
      JSON.stringify({ id: 'f'.repeat(24), session: { status: 'online' } })
    )
    const api = wassenger([other, session('online')])
    const outcome = await run({ wait: '60' }, api.transport)
    expect(outcome.log).toContainEqual(
      'Polling the session: the answer is not about the number polled (its id differs); next poll in 5 s.'
    )
    expect(api.gets()).toHaveLength(2)
  })

  it('when no poll could read a status, the failure says so', async () => {
    const api = wassenger([response(503)])
    const outcome = await run({ wait: '12' }, api.transport)
    expect(outcome.outputs['error-message']).toContain('; no status could be read.')
  })

  it('ends at the wait exactly, with the last status named', async () => {
    const api = wassenger([session('offline')])
    const outcome = await run({ wait: '12' }, api.transport)
    expect(outcome.elapsedMs).toBe(12_000)
    expect(outcome.outputs).toMatchObject({
      'error-code': 'wait-timeout',
      'session-status': 'offline'
    })
    expect(outcome.outputs['error-message']).toContain('its last status was "offline"')
  })
})
