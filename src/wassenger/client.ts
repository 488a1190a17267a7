/**
 * The Wassenger calls this action makes, and when each is tried again: the request, its URL and
 * headers, and the retry policy, in one place. The transport (http.ts) makes one attempt.
 */
import project from '../../package.json' with { type: 'json' }
import { formatSeconds } from '../text/words.js'
import type { Redactor } from '../text/redactor.js'
import type { HttpAttempt, Transport } from './http.js'

/** Sent in the User-Agent header: the action's name and version (package.json is the one place). */
export const USER_AGENT = `${project.name}/${project.version}`

export interface ClientOptions {
  /** The base URL; slashes at its end are dropped where a path is joined to it. */
  readonly apiUrl: string
  readonly apiKey: string
  readonly timeoutMs: number
  readonly retries: number
}

export interface ClientDeps extends RetryDeps {
  readonly transport: Transport
  readonly debug: (message: string) => void
  /** Hides the key in every answer as it arrives: no output, cut or message can carry it. */
  readonly redactor: Redactor
}

export interface AuthCodeRequest {
  readonly device: string
  readonly force: boolean
  /** E.164; omitted from the body when absent, as Wassenger's own client does. */
  readonly phone?: string
}

/** The Wassenger calls this action makes. The key only ever goes in the `Token` header. */
export function createClient(options: ClientOptions, deps: ClientDeps) {
  const headers = {
    Token: options.apiKey,
    Accept: 'application/json',
    'User-Agent': USER_AGENT
  }

  async function attempt(
    method: 'GET' | 'POST',
    url: URL,
    body?: string,
    timeoutMs = options.timeoutMs
  ): Promise<HttpAttempt> {
    const result = await deps.transport({
      method,
      url,
      headers: method === 'POST' ? { ...headers, 'Content-Type': 'application/json' } : headers,
      body,
      timeoutMs
    })
    const outcome =
      result.kind === 'response' ? `HTTP ${result.status}` : `${result.reason}: ${result.detail}`
    deps.debug(`${method} ${url.href} -> ${outcome} in ${result.durationMs} ms`)
    return { ...result, body: deps.redactor.output(result.body) }
  }

  return {
    /** The POST, with the `retries` input unless told otherwise (a renewal is never retried). */
    requestAuthCode(request: AuthCodeRequest, retries = options.retries): Promise<Attempted> {
      const url = endpoint(
        options.apiUrl,
        ['devices', request.device, 'authcode'],
        request.force ? { force: 'true' } : {}
      )
      const body =
        request.phone === undefined ? undefined : JSON.stringify({ phone: request.phone })
      return withRetries('post', retries, () => attempt('POST', url, body), deps)
    },

    /**
     * One page of `GET /devices?search=`: numbers whose phone, alias or ID contain `search`.
     * Every attempt and retry ends by `deadline`.
     */
    searchDevices(
      search: string,
      page: number,
      size: number,
      deadline: number
    ): Promise<Attempted> {
      const url = endpoint(options.apiUrl, ['devices'], {
        search,
        page: String(page),
        size: String(size)
      })
      const left = (): number => Math.max(1, deadline - deps.now())
      return withRetries(
        'get',
        options.retries,
        () => attempt('GET', url, undefined, Math.min(options.timeoutMs, left())),
        deps,
        Math.min(RETRY_BUDGET_MS, left())
      )
    },

    /** `GET /devices/{id}` with the `retries` input, as a lookup: the number's state, once. */
    readDevice(id: string): Promise<Attempted> {
      const url = endpoint(options.apiUrl, ['devices', id])
      return withRetries('get', options.retries, () => attempt('GET', url), deps)
    },

    /** One attempt at `GET /devices/{id}`: polling paces itself. */
    getDevice(id: string, timeoutMs: number): Promise<HttpAttempt> {
      const url = endpoint(options.apiUrl, ['devices', id])
      return attempt('GET', url, undefined, Math.min(timeoutMs, options.timeoutMs))
    }
  }
}

/** The base URL's path joined with the segments, each encoded; never text pasted onto text. */
function endpoint(
  base: string,
  segments: readonly string[],
  query: Readonly<Record<string, string>> = {}
): URL {
  const url = new URL(base)
  url.pathname = [url.pathname.replace(/\/+$/, ''), ...segments.map(encodeURIComponent)].join('/')
  url.search = new URLSearchParams(query).toString()
  url.hash = ''
  return url
}

export type WassengerClient = ReturnType<typeof createClient>

/** The longest wait a Retry-After header can impose. */
const MAX_RETRY_AFTER_MS = 60_000
/**
 * No retry starts after this long (attempts and waits so far, plus the next wait), so that a
 * dead API ends the step in about a minute even where timeouts are retried (a GET).
 */
export const RETRY_BUDGET_MS = 60_000
const BACKOFF_BASE_MS = 1_000

/**
 * What came back from one attempt: one reading for every call, the rows of "One reading of every
 * attempt" in docs/reference.md.
 */
export type Reading =
  /** A 2xx. */
  | 'answered'
  /** A 4xx but 429: the key, the number or the request was refused. */
  | 'refused'
  /** 429 or 503: Wassenger says it did nothing, and when to come back. */
  | 'busy'
  /** A 5xx but 503: Wassenger failed, and may have acted. */
  | 'failing'
  /** A redirect, a 1xx or a status HTTP does not define: no answer the action can use. */
  | 'unusable'
  /** No complete answer within `timeout`. */
  | 'timeout'
  /** No connection was made (refused, DNS, a proxy's tunnel never opened): nothing was sent. */
  | 'not-connected'
  /** The connection broke after the request was written. */
  | 'broken'
  | 'tls'

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

/**
 * The calls, by what they may do again: the auth-code POST (Wassenger may already have acted on
 * anything but a 429 or 503, or a connection never made), a GET that must succeed (the lookup,
 * the `skip-if-online` read: a GET changes nothing), and a poll while waiting (polled through).
 */
export type CallKind = 'post' | 'get' | 'poll'

/** What a call does with a reading: use the answer, try again, fail, or poll again later. */
type Act = 'use' | 'retry' | 'fail' | 'poll-on'

const ACTS: Readonly<Record<CallKind, Readonly<Record<Reading, Act>>>> = {
  post: {
    answered: 'use',
    refused: 'fail',
    busy: 'retry',
    failing: 'fail',
    unusable: 'fail',
    timeout: 'fail',
    'not-connected': 'retry',
    broken: 'fail',
    tls: 'fail'
  },
  get: {
    answered: 'use',
    refused: 'fail',
    busy: 'retry',
    failing: 'retry',
    unusable: 'fail',
    timeout: 'retry',
    'not-connected': 'retry',
    broken: 'retry',
    tls: 'fail'
  },
  // Only a refusal (the key or the number changed under the wait) ends a wait.
  poll: {
    answered: 'use',
    refused: 'fail',
    busy: 'poll-on',
    failing: 'poll-on',
    unusable: 'poll-on',
    timeout: 'poll-on',
    'not-connected': 'poll-on',
    broken: 'poll-on',
    tls: 'poll-on'
  }
}

/** What `call` does with `attempt`: the one table every call reads. */
export const actOn = (call: CallKind, attempt: HttpAttempt): Act => ACTS[call][readingOf(attempt)]

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

/** Exponential backoff from 1 s (1, 2, 4 ...) with up to 25% jitter so that runners do not retry in step. */
export function backoffMs(retry: number, random: () => number): number {
  const base = BACKOFF_BASE_MS * 2 ** (retry - 1)
  return Math.round(base * (1 + 0.25 * random()))
}

export interface RetryDeps {
  readonly sleep: (ms: number) => Promise<void>
  /** A monotonic clock (ms): every deadline and budget is measured on it. */
  readonly now: () => number
  /** The runner's wall clock (ms since the epoch): only when no answer's Date header says better. */
  readonly wallNow: () => number
  readonly random: () => number
  readonly log: (message: string) => void
}

export interface Attempted {
  /** The last attempt: the one whose outcome stands. */
  readonly last: HttpAttempt
  /** How many requests were written to Wassenger's connection: a connection never made is none. */
  readonly attempts: number
  /** How many times it was tried, connections never made included. */
  readonly tries: number
}

/**
 * Runs `send` once, then again while `call` retries what came back, within `retries` and
 * `budgetMs` (the time from the first attempt after which no retry starts).
 */
export async function withRetries(
  call: 'post' | 'get',
  retries: number,
  send: () => Promise<HttpAttempt>,
  deps: RetryDeps,
  budgetMs = RETRY_BUDGET_MS
): Promise<Attempted> {
  const started = deps.now()
  let attempts = 0
  for (let tries = 1; ; tries++) {
    const last = await send()
    if (last.written) attempts++
    if (tries > retries || actOn(call, last) !== 'retry') return { last, attempts, tries }
    const retryAfter = retryAfterOf(last, deps.wallNow())
    const wait = retryAfter ?? backoffMs(tries, deps.random)
    if (deps.now() - started + wait > budgetMs) {
      deps.log(
        `${describeAttempt(last)}; not retrying: waiting ${formatSeconds(wait)} more would pass the ${formatSeconds(budgetMs)} retry budget.`
      )
      return { last, attempts, tries }
    }
    deps.log(
      `${describeAttempt(last)}; waiting ${formatSeconds(wait)}${retryAfter === undefined ? '' : ' as Retry-After asks'} before attempt ${tries + 1} of ${retries + 1}.`
    )
    await deps.sleep(wait)
  }
}

/** "HTTP 503" or "Connection refused", for the log. */
export function describeAttempt(attempt: HttpAttempt): string {
  return attempt.kind === 'response'
    ? `HTTP ${attempt.status}`
    : attempt.detail.replace(/^./, c => c.toUpperCase())
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
