/**
 * What came back from one attempt, read one way for every call, and the one mechanism that tries
 * a call again. What a call does with each reading is its caller's policy, passed as data: the
 * rows of "One reading of every attempt" in docs/reference.md for Wassenger, the chat's own row.
 */
import { formatSeconds } from '../text/words.js'
import type { HttpAttempt } from './transport.js'

/** Every reading of an attempt: what came back, whatever the call. */
const READINGS = [
  /** A 2xx. */
  'answered',
  /** A 4xx but 429: the key, the number or the request was refused. */
  'refused',
  /** 429 or 503: the server says it did nothing, and when to come back. */
  'busy',
  /** A 5xx but 503: the server failed, and may have acted. */
  'failing',
  /** A redirect, a 1xx or a status HTTP does not define: no answer a call can use. */
  'unusable',
  /** No complete answer within the attempt's time. */
  'timeout',
  /** No connection was made (refused, DNS, a proxy's tunnel never opened): nothing was sent. */
  'not-connected',
  /** The connection broke after the request was written. */
  'broken',
  'tls'
] as const

export type Reading = (typeof READINGS)[number]

export function readingOf(attempt: HttpAttempt): Reading {
  if (attempt.kind === 'failure') {
    const byReason = { connect: 'not-connected', timeout: 'timeout', tls: 'tls' } as const
    return attempt.reason in byReason ? byReason[attempt.reason as keyof typeof byReason] : 'broken'
  }
  const { status } = attempt
  if (status >= 200 && status < 300) return 'answered'
  if (status === 429 || status === 503) return 'busy'
  if (status >= 400 && status < 500) return 'refused'
  if (status >= 500 && status < 600) return 'failing'
  return 'unusable'
}

/** What a call does with a reading: use the answer, try again, fail, or (a poll) ask again later. */
type Act = 'use' | 'retry' | 'fail' | 'poll-again'

/** A call's row of the attempt table: what it does with each reading. */
export type Row = Readonly<Record<Reading, Act>>

/** A call's row: a 2xx used, each reading named as it says, every other `others`. */
export const row = (others: Act, named: Partial<Record<Reading, Act>> = {}): Row =>
  Object.fromEntries(
    READINGS.map(reading => [reading, named[reading] ?? (reading === 'answered' ? 'use' : others)])
  ) as Row

/** How a call is tried again: its row, how many times, and for how long. */
export interface RetryPolicy {
  readonly row: Row
  readonly retries: number
  /** No retry starts once the time since the first attempt, plus the wait, would pass this. */
  readonly budgetMs?: number
  /** A Retry-After asking longer than this is not waited for: the call ends there. */
  readonly longestWaitMs?: number
}

/** The longest wait a Retry-After header can impose. */
const MAX_RETRY_AFTER_MS = 60_000
const BACKOFF_BASE_MS = 1_000

/**
 * Retry-After in milliseconds (delta-seconds, or an HTTP date read against `now`, a wall clock),
 * capped; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  let ms: number
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  else {
    // An HTTP date names its weekday and month; Date.parse alone would take "-5" as a year.
    const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
    if (Number.isNaN(date)) return undefined
    ms = date - now
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS)
}

/**
 * The wait an answer's Retry-After header asks for, if it has one. A date in it is read against
 * the answer's own Date header (the server's clock), or the runner's wall clock without one.
 */
export function retryAfterOf(attempt: HttpAttempt, wallNow: number): number | undefined {
  if (attempt.kind !== 'response') return undefined
  const value = attempt.headers['retry-after']
  const date = Date.parse(attempt.headers.date ?? '')
  return parseRetryAfter(
    Array.isArray(value) ? value[0] : value,
    Number.isNaN(date) ? wallNow : date
  )
}

/** Exponential backoff from 1 s (1, 2, 4 ...) with up to 25% jitter so that runners do not retry in step. */
export function backoffMs(retry: number, random: () => number): number {
  const base = BACKOFF_BASE_MS * 2 ** (retry - 1)
  return Math.round(base * (1 + 0.25 * random()))
}

export interface RetryDeps {
  /** Waits `ms`, or less when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** A monotonic clock (ms): every deadline and budget is measured on it. */
  readonly now: () => number
  /** The runner's wall clock (ms since the epoch): only when no answer's Date header says better. */
  readonly wallNow: () => number
  /** For the backoff's jitter. */
  readonly random: () => number
  /** Where each retry, and why none follows, is said. */
  readonly log: (message: string) => void
}

export interface Attempted {
  /** The last attempt: the one whose outcome stands. */
  readonly last: HttpAttempt
  /** How many requests were written to the server's connection: a connection never made is none. */
  readonly attempts: number
  /** How many times it was tried, connections never made included. */
  readonly tries: number
}

/**
 * Runs `send` once, then again while the policy's row retries what came back, within its limits.
 * Once `signal` aborts, no retry starts and a pending wait ends: the call is no longer wanted.
 */
export async function withRetries(
  policy: RetryPolicy,
  send: () => Promise<HttpAttempt>,
  deps: RetryDeps,
  signal?: AbortSignal
): Promise<Attempted> {
  const started = deps.now()
  let attempts = 0
  for (let tries = 1; ; tries++) {
    const last = await send()
    if (last.written) attempts++
    if (tries > policy.retries || policy.row[readingOf(last)] !== 'retry' || signal?.aborted) {
      return { last, attempts, tries }
    }
    const retryAfter = retryAfterOf(last, deps.wallNow())
    const wait = retryAfter ?? backoffMs(tries, deps.random)
    const { budgetMs = Infinity, longestWaitMs = Infinity } = policy
    if (wait > longestWaitMs || deps.now() - started + wait > budgetMs) {
      const limit =
        wait > longestWaitMs
          ? `waiting ${formatSeconds(wait)} is longer than this call waits (${formatSeconds(longestWaitMs)})`
          : `waiting ${formatSeconds(wait)} more would pass the ${formatSeconds(budgetMs)} retry budget`
      deps.log(`${describeAttempt(last)}; not retrying: ${limit}.`)
      return { last, attempts, tries }
    }
    deps.log(
      `${describeAttempt(last)}; waiting ${formatSeconds(wait)}${retryAfter === undefined ? '' : ' as Retry-After asks'} before attempt ${tries + 1} of ${policy.retries + 1}.`
    )
    await deps.sleep(wait, signal)
    if (signal?.aborted) return { last, attempts, tries }
  }
}

/** "HTTP 503" or "Connection refused", for the log. */
export function describeAttempt(attempt: HttpAttempt): string {
  return attempt.kind === 'response'
    ? `HTTP ${attempt.status}`
    : attempt.detail.replace(/^./, c => c.toUpperCase())
}
