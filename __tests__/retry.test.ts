import { describe, expect, it } from '@jest/globals'
import type { HttpAttempt } from '../src/http/transport.js'
import { failed, response } from './helpers/attempts.js'
import {
  backoffMs,
  parseRetryAfter,
  readingOf,
  withRetries,
  type RetryPolicy
} from '../src/http/retries.js'
import { RETRY_BUDGET_MS, ROWS } from '../src/wassenger/client.js'

/** Wassenger's calls as the client makes them: `retries` within the budget. */
const post = (retries: number): RetryPolicy => ({
  row: ROWS.post,
  retries,
  budgetMs: RETRY_BUDGET_MS
})
const get = (retries: number): RetryPolicy => ({
  row: ROWS.get,
  retries,
  budgetMs: RETRY_BUDGET_MS
})

const failure = failed

describe('one reading of every attempt, and what each call does with it', () => {
  it.each([
    [response(200), 'use', 'use', 'use'],
    [response(204), 'use', 'use', 'use'],
    [response(400), 'fail', 'fail', 'fail'],
    [response(401), 'fail', 'fail', 'fail'],
    [response(404), 'fail', 'fail', 'fail'],
    [response(409), 'fail', 'fail', 'fail'],
    [response(429), 'retry', 'retry', 'poll-again'],
    [response(503), 'retry', 'retry', 'poll-again'],
    [response(500), 'fail', 'retry', 'poll-again'],
    [response(502), 'fail', 'retry', 'poll-again'],
    [response(504), 'fail', 'retry', 'poll-again'],
    [response(302), 'fail', 'fail', 'poll-again'],
    [response(304), 'fail', 'fail', 'poll-again'],
    [response(102), 'fail', 'fail', 'poll-again'],
    [response(600), 'fail', 'fail', 'poll-again'],
    [response(999), 'fail', 'fail', 'poll-again'],
    [failure('connect'), 'retry', 'retry', 'poll-again'],
    [failure('timeout'), 'fail', 'retry', 'poll-again'],
    [failure('reset'), 'fail', 'retry', 'poll-again'],
    [failure('network'), 'fail', 'retry', 'poll-again'],
    [failure('tls'), 'fail', 'fail', 'poll-again']
  ])('%o: the POST does %s, a lookup %s, a poll %s', (attempt, post, get, poll) => {
    const reading = readingOf(attempt)
    expect([ROWS.post[reading], ROWS.get[reading], ROWS.poll[reading]]).toEqual([post, get, poll])
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T12:00:00Z')
  it.each([
    ['5', 5000],
    [' 0 ', 0],
    ['120', 60_000],
    ['Tue, 24 Nov 2026 12:00:10 GMT', 10_000],
    ['Tue, 24 Nov 2026 11:59:00 GMT', 0],
    ['Tue, 24 Nov 2026 13:00:00 GMT', 60_000],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined]
  ])('%j waits %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms)
  })
})

describe('backoffMs', () => {
  it('doubles from 1 s with at most 25% jitter', () => {
    expect([1, 2, 3].map(n => backoffMs(n, () => 0))).toEqual([1000, 2000, 4000])
    expect([1, 2, 3].map(n => backoffMs(n, () => 1))).toEqual([1250, 2500, 5000])
  })
})

describe('withRetries', () => {
  /** A fake clock: sleeping moves it, and each attempt takes `attemptMs`. */
  function harness(answers: HttpAttempt[], attemptMs = 0) {
    const waits: number[] = []
    const log: string[] = []
    let sent = 0
    // The monotonic clock that budgets run on, and a wall clock far from it.
    let clock = 0
    const deps = {
      sleep: async (ms: number) => {
        waits.push(ms)
        clock += ms
      },
      now: () => clock,
      wallNow: () => Date.parse('2026-11-24T12:00:00Z') + clock,
      random: () => 0,
      log: (message: string) => void log.push(message)
    }
    const send = async () => {
      clock += attemptMs
      return answers[Math.min(sent++, answers.length - 1)] as HttpAttempt
    }
    return { deps, send, waits, log, sent: () => sent }
  }

  it('retries a 429 as Retry-After says, then returns the success', async () => {
    const h = harness([response(429, '', { 'retry-after': '3' }), response(200)])
    const result = await withRetries(post(2), h.send, h.deps)
    expect(result).toEqual({ last: response(200), attempts: 2, tries: 2 })
    expect(h.waits).toEqual([3000])
    expect(h.log).toEqual(['HTTP 429; waiting 3 s as Retry-After asks before attempt 2 of 3.'])
  })

  it("reads a Retry-After date against the answer's Date header, not the runner's clock", async () => {
    const h = harness([
      response(429, '', {
        'retry-after': 'Tue, 24 Nov 2026 08:00:05 GMT',
        date: 'Tue, 24 Nov 2026 08:00:00 GMT'
      }),
      response(200)
    ])
    await withRetries(post(2), h.send, h.deps)
    expect(h.waits).toEqual([5000])
  })

  it('backs off exponentially without Retry-After and stops after `retries`', async () => {
    const h = harness([failure('connect')])
    const result = await withRetries(post(3), h.send, h.deps)
    // Tried four times; a connection never made sent nothing, so no attempt is counted.
    expect(result).toMatchObject({ tries: 4, attempts: 0 })
    expect(h.waits).toEqual([1000, 2000, 4000])
  })

  it('never repeats a POST that timed out or was reset', async () => {
    for (const kind of ['timeout', 'reset'] as const) {
      const h = harness([failure(kind)])
      expect((await withRetries(post(5), h.send, h.deps)).attempts).toBe(1)
      expect(h.waits).toEqual([])
    }
  })

  it('retries a GET that timed out', async () => {
    const h = harness([failure('timeout'), response(200)])
    expect((await withRetries(get(2), h.send, h.deps)).attempts).toBe(2)
  })

  it('sends once with retries 0', async () => {
    const h = harness([response(503)])
    expect(await withRetries(post(0), h.send, h.deps)).toEqual({
      last: response(503),
      attempts: 1,
      tries: 1
    })
  })

  it('stops when the waits would pass the budget', async () => {
    const h = harness([response(503, '', { 'retry-after': '60' })])
    const result = await withRetries(post(5), h.send, h.deps)
    expect(h.waits).toEqual([RETRY_BUDGET_MS])
    expect(result.attempts).toBe(2)
    expect(h.log.at(-1)).toBe(
      'HTTP 503; not retrying: waiting 60 s more would pass the 60 s retry budget.'
    )
  })

  it('counts the time attempts take: a GET that times out at 30 s is tried twice, not three times', async () => {
    const h = harness([failure('timeout')], 30_000)
    const result = await withRetries(get(2), h.send, h.deps)
    expect(result.attempts).toBe(2)
    expect(h.waits).toEqual([1000])
  })
})
