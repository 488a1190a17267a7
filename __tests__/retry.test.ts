import { describe, expect, it } from '@jest/globals'
import type { HttpAttempt } from '../src/wassenger/http.js'
import { failed, response } from './helpers/attempts.js'
import {
  backoffMs,
  isRetryable,
  parseRetryAfter,
  RETRY_BUDGET_MS,
  withRetries
} from '../src/wassenger/client.js'

const failure = failed

describe('isRetryable', () => {
  it.each([
    [response(429), true, true],
    [response(503), true, true],
    [failure('connect'), true, true],
    [response(500), false, true],
    [response(502), false, true],
    [response(504), false, true],
    [failure('timeout'), false, true],
    [failure('reset'), false, true],
    [response(200), false, false],
    [response(400), false, false],
    [response(401), false, false],
    [response(409), false, false],
    [failure('tls'), false, false],
    [failure('network'), false, false]
  ])('%o: POST %s, GET %s', (attempt, post, get) => {
    expect(isRetryable('POST', attempt)).toBe(post)
    expect(isRetryable('GET', attempt)).toBe(get)
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
    const result = await withRetries('POST', 2, h.send, h.deps)
    expect(result).toEqual({ last: response(200), attempts: 2 })
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
    await withRetries('POST', 2, h.send, h.deps)
    expect(h.waits).toEqual([5000])
  })

  it('backs off exponentially without Retry-After and stops after `retries`', async () => {
    const h = harness([failure('connect')])
    const result = await withRetries('POST', 3, h.send, h.deps)
    expect(result.attempts).toBe(4)
    expect(h.waits).toEqual([1000, 2000, 4000])
  })

  it('never repeats a POST that timed out or was reset', async () => {
    for (const kind of ['timeout', 'reset'] as const) {
      const h = harness([failure(kind)])
      expect((await withRetries('POST', 5, h.send, h.deps)).attempts).toBe(1)
      expect(h.waits).toEqual([])
    }
  })

  it('retries a GET that timed out', async () => {
    const h = harness([failure('timeout'), response(200)])
    expect((await withRetries('GET', 2, h.send, h.deps)).attempts).toBe(2)
  })

  it('sends once with retries 0', async () => {
    const h = harness([response(503)])
    expect(await withRetries('POST', 0, h.send, h.deps)).toEqual({
      last: response(503),
      attempts: 1
    })
  })

  it('stops when the waits would pass the budget', async () => {
    const h = harness([response(503, '', { 'retry-after': '60' })])
    const result = await withRetries('POST', 5, h.send, h.deps)
    expect(h.waits).toEqual([RETRY_BUDGET_MS])
    expect(result.attempts).toBe(2)
    expect(h.log.at(-1)).toBe(
      'HTTP 503; not retrying: waiting 60 s more would pass the 60 s retry budget.'
    )
  })

  it('counts the time attempts take: a GET that times out at 30 s is tried twice, not three times', async () => {
    const h = harness([failure('timeout')], 30_000)
    const result = await withRetries('GET', 2, h.send, h.deps)
    expect(result.attempts).toBe(2)
    expect(h.waits).toEqual([1000])
  })
})
