/**
 * A second code when the first runs out (`renew`): each rule of the contract's section, in
 * process against the stand-in's renewal numbers (codes valid 2 s) with a fake clock.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { DEVICES } from '../stand-in/numbers.js'
import { failed, response } from './helpers/attempts.js'
import {
  cleanUp,
  runInProcess,
  WALL_START,
  type FakeTransport,
  type InProcessOutcome
} from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

const KEY = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const id = (alias: string): string => DEVICES.find(device => device.alias === alias)?.id ?? ''

const standIn = useStandIn(KEY)
afterAll(cleanUp)

const run = (alias: string, inputs: Record<string, string> = {}): Promise<InProcessOutcome> =>
  runInProcess({
    'api-key': KEY,
    'api-url': standIn().url,
    device: id(alias),
    // Codes live 2 s; a renewal needs a minute of the wait left.
    wait: '70',
    'wait-interval': '1',
    renew: '2',
    ...inputs
  })

const posts = (): string[] =>
  standIn()
    .requests.filter(request => request.method === 'POST')
    .map(request => request.url)
const notices = (outcome: InProcessOutcome): string[] =>
  outcome.annotations.filter(a => a.level === 'notice').map(a => a.message)
/** The code each notice announced, in order. */
const announced = (outcome: InProcessOutcome): string[] =>
  notices(outcome).map(message => /^WhatsApp code (.+?)(?: \(\d|\. )/.exec(message)?.[1] ?? '')

describe('renew', () => {
  it('0 (the default) sends one POST however long the wait, as before', async () => {
    const outcome = await run('Renew', { renew: '0', wait: '30' })
    expect(posts()).toHaveLength(1)
    expect(notices(outcome)).toHaveLength(1)
    expect(outcome.outputs).toMatchObject({ attempts: '1', 'error-code': 'wait-timeout' })
    expect(outcome.summary).not.toContain('| Codes |')
  })

  it('a new code once the validity has passed, each announced as the first was; code is the latest', async () => {
    const outcome = await run('Renew')
    const codes = announced(outcome)
    expect(codes).toHaveLength(3)
    expect(new Set(codes).size).toBe(3)
    expect(notices(outcome)[1]).toMatch(
      new RegExp(
        `^WhatsApp code ${codes[1]} \\(2 of at most 3, it replaces the previous one\\)\\. Valid for 2 s, until .* UTC\\. Enter it now: on the phone`
      )
    )
    expect(notices(outcome)[2]).toMatch(/\(3 of at most 3, it replaces/)
    expect(outcome.log).toContain(`    ${codes[2]}`)
    expect(outcome.outputs).toMatchObject({ code: codes[2], attempts: '3' })
    expect(outcome.summary).toContain(`| Code | \`${codes[2]}\` |`)
    expect(outcome.summary).toContain(
      '| Codes | 3 sent (`renew`: up to 2 after the first); the latest is shown |'
    )
  })

  it('renews only after the validity: the second POST follows the poll at 2 s', async () => {
    await run('Renew', { renew: '1' })
    const methods = standIn().requests.map(request => request.method)
    // POST, polls at 0, 1 and 2 s, then the second POST.
    expect(methods.slice(0, 5)).toEqual(['POST', 'GET', 'GET', 'GET', 'POST'])
  })

  it('a code without a stated validity is given 160 s', async () => {
    standIn().script({ when: 'POST', status: 200, body: '{"code":"AAAA-1111"}' })
    await run('Renew', { renew: '1', wait: '300', 'wait-interval': '10' })
    const methods = standIn().requests.map(request => request.method)
    const second = methods.indexOf('POST', 1)
    expect(methods.slice(1, second).every(method => method === 'GET')).toBe(true)
    // Polls at 0, 10, ..., 160 s: seventeen before the code is 160 s old.
    expect(second - 1).toBe(17)
  })

  it('never with force, though the first request had it', async () => {
    await run('Renew', { force: 'true', renew: '1' })
    expect(posts()).toEqual([
      `/v1/devices/${id('Renew')}/authcode?force=true`,
      `/v1/devices/${id('Renew')}/authcode`
    ])
  })

  it('the same code again: said to be still the one to enter, not announced as new', async () => {
    const outcome = await run('Renew same')
    expect(announced(outcome)).toHaveLength(1)
    const [code] = announced(outcome)
    expect(outcome.log).toContainEqual(
      `Wassenger answered with the same code, ${code}: it is still the one to enter. Valid for 2 s more.`
    )
    expect(outcome.outputs).toMatchObject({ code, attempts: '3' })
  })

  it.each([
    ['Renew 409', 'HTTP 409 ("An authentication code is already pending")'],
    ['Renew 429', 'HTTP 429 ("Too many requests, try again later")']
  ])(
    '%s: the first refusal ends renewing, without a retry; the wait goes on',
    async (alias, said) => {
      const outcome = await run(alias)
      expect(posts()).toHaveLength(2)
      expect(outcome.log).toContainEqual(
        `No new code: Wassenger answered the request for a new code with ${said}. Renewing stops here; the wait goes on.`
      )
      // The first code stands; the wait ran its course.
      const [code] = announced(outcome)
      expect(outcome.outputs).toMatchObject({
        code,
        attempts: '2',
        status: '200',
        'error-code': 'wait-timeout'
      })
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(70_000)
    }
  )

  it('a 2xx without a code is a refusal too', async () => {
    standIn().script(
      { when: 'POST', status: 200, body: '{"code":"AAAA-1111","expiresIn":2}' },
      { when: 'POST', status: 200, body: '{"status":"pending"}' }
    )
    const outcome = await run('Renew')
    expect(posts()).toHaveLength(2)
    expect(outcome.log).toContainEqual(
      "No new code: Wassenger's answer to the new request carries no code. Renewing stops here; the wait goes on."
    )
    expect(outcome.outputs.code).toBe('AAAA-1111')
  })

  it('a status that moved since the code (linking under way) holds renewal, said once', async () => {
    const outcome = await run('Renew linking')
    expect(posts()).toHaveLength(1)
    expect(
      outcome.log.filter(line => line.includes('linking is under way, so no new code'))
    ).toHaveLength(1)
  })

  it('a request for a new code that throws ends renewing; the first code and the wait stand', async () => {
    let posts = 0
    const transport: FakeTransport = async request => {
      if (request.method === 'POST' && ++posts > 1) throw new Error('socket exploded')
      return request.method === 'POST'
        ? response(200, '{"code":"AAAA-1111","expiresIn":2}')
        : response(200, JSON.stringify({ id: id('Renew'), session: { status: 'offline' } }))
    }
    const outcome = await runInProcess(
      { 'api-key': KEY, device: id('Renew'), wait: '70', 'wait-interval': '1', renew: '2' },
      { transport }
    )
    expect(outcome.log).toContainEqual(
      'No new code: the request for one failed (socket exploded). Renewing stops here; the wait goes on.'
    )
    expect(posts).toBe(2)
    expect(outcome.outputs).toMatchObject({ code: 'AAAA-1111', 'error-code': 'wait-timeout' })
  })

  it('a first answer without a code: nothing to renew, and no warning about it', async () => {
    standIn().script({ when: 'POST', status: 200, body: '{"status":"pending"}' })
    const outcome = await run('Renew', { wait: '300' })
    expect(posts()).toHaveLength(1)
    expect(outcome.annotations.filter(a => a.level === 'warning')).toEqual([])
  })

  it('no renewal once the number is linked', async () => {
    const outcome = await run('Linking', { renew: '5', wait: '60' })
    expect(posts()).toHaveLength(1)
    expect(outcome.outputs['session-status']).toBe('online')
  })

  /** Wassenger on a script: each POST answers the next code, each poll the status for its time. */
  function scripted(codes: string[], status: (ms: number) => string, expiresIn = 20) {
    let posts = 0
    const transport: FakeTransport = async (request, clock) => {
      if (request.method === 'POST') {
        const code = codes[Math.min(posts++, codes.length - 1)]
        return response(200, JSON.stringify({ code, expiresIn }))
      }
      const session = { status: status(clock.now()) }
      return response(200, JSON.stringify({ id: id('Renew'), session }))
    }
    return { transport, posts: () => posts }
  }
  const runScripted = (inputs: Record<string, string>, transport: FakeTransport) =>
    runInProcess(
      { 'api-key': KEY, device: id('Renew'), 'wait-interval': '1', renew: '2', ...inputs },
      { transport }
    )

  it('a renewed code is never replaced once the status moves after it was issued', async () => {
    // Code 1 at 0 s runs out at 20 s; code 2 comes then; the person starts linking at 21 s.
    const wassenger = scripted(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], ms =>
      ms > 20_500 ? 'authorizing' : 'offline'
    )
    const outcome = await runScripted({ wait: '200' }, wassenger.transport)
    expect(wassenger.posts()).toBe(2)
    expect(outcome.outputs.code).toBe('BBBB-2222')
    expect(
      outcome.log.filter(line => line.includes('linking is under way, so no new code'))
    ).toHaveLength(1)
  })

  it('no new code in the last minute of the wait: it could not be typed in time', async () => {
    const late = scripted(['AAAA-1111', 'BBBB-2222'], () => 'offline')
    await runScripted({ wait: '79' }, late.transport)
    expect(late.posts()).toBe(1)
    const early = scripted(['AAAA-1111', 'BBBB-2222'], () => 'offline')
    await runScripted({ wait: '81', renew: '1' }, early.transport)
    expect(early.posts()).toBe(2)
  })

  it('a wait too short for any renewal: one warning says so when the inputs are read, before the code, and none is tried', async () => {
    const wassenger = scripted(['AAAA-1111', 'BBBB-2222'], () => 'offline')
    const outcome = await runScripted({ wait: '60' }, wassenger.transport)
    expect(wassenger.posts()).toBe(1)
    expect(outcome.annotations.map(a => a.level).slice(0, 2)).toEqual(['warning', 'notice'])
    const warnings = outcome.annotations.filter(a => a.level === 'warning')
    expect(warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^renew is 2, but wait \(60 s\) ends before the code runs out with a minute left/
        )
      })
    ])
  })

  it.each(['aaaa-1111', 'AAAA1111', 'aaaa1111'])(
    'the same code written %s is the same code: not announced again',
    async again => {
      const wassenger = scripted(['AAAA-1111', again], () => 'offline')
      const outcome = await runScripted({ wait: '100', renew: '1' }, wassenger.transport)
      expect(wassenger.posts()).toBe(2)
      expect(announced(outcome)).toEqual(['AAAA-1111'])
      expect(outcome.log).toContainEqual(
        expect.stringMatching(
          /^Wassenger answered with the same code, .*: it is still the one to enter/
        )
      )
    }
  )

  it('a wait of exactly the validity and a minute: one renewal, with a minute left to type it', async () => {
    const wassenger = scripted(['AAAA-1111', 'BBBB-2222'], () => 'offline')
    await runScripted({ wait: '80', renew: '1' }, wassenger.transport)
    expect(wassenger.posts()).toBe(2)
  })

  it('no renewal once less than a minute of the wait is left, though renewals remain', async () => {
    // Code 1 runs out at 30 s (70 s left): renewed. Code 2 runs out at 60 s (40 s left): not.
    const wassenger = scripted(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], () => 'offline', 30)
    const outcome = await runScripted({ wait: '100', renew: '2' }, wassenger.transport)
    expect(wassenger.posts()).toBe(2)
    expect(outcome.outputs.code).toBe('BBBB-2222')
  })

  it('says before the wait how many new codes may come', async () => {
    const wassenger = scripted(['AAAA-1111'], () => 'online')
    const outcome = await runScripted({ wait: '100', renew: '2' }, wassenger.transport)
    expect(outcome.log).toContainEqual(
      'If this code runs out before it is entered, up to 2 new codes will be requested, each shown like this one.'
    )
  })

  it('a new code answered with HTTP 300 is not taken, though it holds a code', async () => {
    let posts = 0
    const outcome = await runScripted({ wait: '100', renew: '1' }, async request => {
      if (request.method === 'GET')
        return response(200, JSON.stringify({ id: id('Renew'), session: { status: 'offline' } }))
      posts++
      const code = posts === 1 ? 'AAAA-1111' : 'BBBB-2222'
      return response(posts === 1 ? 200 : 300, JSON.stringify({ code, expiresIn: 20 }))
    })
    expect(posts).toBe(2)
    expect(outcome.outputs.code).toBe('AAAA-1111')
    expect(outcome.log).toContainEqual(
      'No new code: Wassenger answered the request for a new code with HTTP 300. Renewing stops here; the wait goes on.'
    )
  })

  it('a request for a new code that gets no answer: said as one whole sentence, the first code stands', async () => {
    let posts = 0
    const outcome = await runScripted({ wait: '100', renew: '1', timeout: '3' }, async request => {
      if (request.method === 'GET')
        return response(200, JSON.stringify({ id: id('Renew'), session: { status: 'offline' } }))
      posts++
      return posts === 1
        ? response(200, JSON.stringify({ code: 'AAAA-1111', expiresIn: 20 }))
        : failed('timeout')
    })
    expect(posts).toBe(2)
    expect(outcome.outputs.code).toBe('AAAA-1111')
    expect(outcome.log).toContainEqual(
      'No new code: the request for a new code went unanswered (timeout detail). Renewing stops here; the wait goes on.'
    )
  })

  it('the same code again counts once in the summary', async () => {
    const wassenger = scripted(['AAAA-1111', 'AAAA-1111'], () => 'offline')
    const outcome = await runScripted({ wait: '100', renew: '1' }, wassenger.transport)
    expect(wassenger.posts()).toBe(2)
    expect(outcome.summary).toContain(
      '| Codes | 1 sent (`renew`: up to 1 after the first); the latest is shown |'
    )
  })

  it('a runner wall clock stepped by hours during the wait changes neither renewal nor the wait', async () => {
    const steady = scripted(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], () => 'offline')
    const before = await runScripted({ wait: '150' }, steady.transport)
    const stepped = scripted(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], () => 'offline')
    const after = await runInProcess(
      { 'api-key': KEY, device: id('Renew'), 'wait-interval': '1', renew: '2', wait: '150' },
      // Three hours ahead from the fifth second on, then back a day.
      {
        transport: stepped.transport,
        wall: ms =>
          WALL_START + ms + (ms > 5000 ? 3 * 3600_000 : 0) - (ms > 30_000 ? 86_400_000 : 0)
      }
    )
    expect([stepped.posts(), after.elapsedMs]).toEqual([steady.posts(), before.elapsedMs])
    expect(steady.posts()).toBe(3)
  })

  it('renew without wait: a warning that says to set wait', async () => {
    const outcome = await run('Renew', { wait: '0' })
    expect(posts()).toHaveLength(1)
    expect(outcome.annotations).toContainEqual({
      level: 'warning',
      title: 'Wassenger auth code',
      message:
        'renew is 2, but wait is 0: a new code is requested only while waiting for the number to be linked. Set wait (e.g. 300) to use renew.'
    })
  })
})
