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
      return withRetries('POST', retries, () => attempt('POST', url, body), deps)
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
        'GET',
        options.retries,
        () => attempt('GET', url, undefined, Math.min(options.timeoutMs, left())),
        deps,
        Math.min(RETRY_BUDGET_MS, left())
      )
    },

    /** `GET /devices/{id}` with the `retries` input, as a lookup: the number's state, once. */
    readDevice(id: string): Promise<Attempted> {
      const url = endpoint(options.apiUrl, ['devices', id])
      return withRetries('GET', options.retries, () => attempt('GET', url), deps)
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

export type Method = 'GET' | 'POST'

/**
 * Whether an outcome may be tried again. A POST is repeated only when the server said it did
 * nothing (429, 503) or nothing was sent: Wassenger may already have acted on anything else.
 * A GET changes nothing, so server errors, timeouts and resets may be retried too.
 */
export function isRetryable(method: Method, attempt: HttpAttempt): boolean {
  if (attempt.kind === 'response') {
    if (attempt.status === 429 || attempt.status === 503) return true
    return method === 'GET' && attempt.status >= 500
  }
  if (attempt.reason === 'connect') return true
  return method === 'GET' && (attempt.reason === 'timeout' || attempt.reason === 'reset')
}

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
  /** How many requests were sent (or tried to be). */
  readonly attempts: number
}

/**
 * Runs `send` once, then again for each retryable outcome, within `retries` and `budgetMs`
 * (the time from the first attempt after which no retry starts).
 */
export async function withRetries(
  method: Method,
  retries: number,
  send: () => Promise<HttpAttempt>,
  deps: RetryDeps,
  budgetMs = RETRY_BUDGET_MS
): Promise<Attempted> {
  const started = deps.now()
  for (let attempts = 1; ; attempts++) {
    const last = await send()
    if (attempts > retries || !isRetryable(method, last)) return { last, attempts }
    const retryAfter = retryAfterOf(last, deps.wallNow())
    const wait = retryAfter ?? backoffMs(attempts, deps.random)
    if (deps.now() - started + wait > budgetMs) {
      deps.log(
        `${describeAttempt(last)}; not retrying: waiting ${formatSeconds(wait)} more would pass the ${formatSeconds(budgetMs)} retry budget.`
      )
      return { last, attempts }
    }
    deps.log(
      `${describeAttempt(last)}; waiting ${formatSeconds(wait)}${retryAfter === undefined ? '' : ' as Retry-After asks'} before attempt ${attempts + 1} of ${retries + 1}.`
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
