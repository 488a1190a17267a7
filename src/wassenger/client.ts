/**
 * The Wassenger calls this action makes: each request, its URL and headers, and its row of the
 * attempt table. The transport makes one attempt; http/retries.ts tries again as a row says.
 */
import project from '../../package.json' with { type: 'json' }
import { row, withRetries, type Attempted, type RetryDeps } from '../http/retries.js'
import type { HttpAttempt, Transport } from '../http/transport.js'
import type { Redactor } from '../text/redactor.js'

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
    postAuthCode(request: AuthCodeRequest, retries = options.retries): Promise<Attempted> {
      const url = endpoint(
        options.apiUrl,
        ['devices', request.device, 'authcode'],
        request.force ? { force: 'true' } : {}
      )
      const body =
        request.phone === undefined ? undefined : JSON.stringify({ phone: request.phone })
      return withRetries(
        { row: ROWS.post, retries, budgetMs: RETRY_BUDGET_MS },
        () => attempt('POST', url, body),
        deps
      )
    },

    /**
     * One page of `GET /devices`: the account's numbers, or with `search` those whose phone,
     * alias or ID contain it. Every attempt and retry ends by `deadline`.
     */
    listDevices(
      search: string | undefined,
      page: number,
      size: number,
      deadline: number
    ): Promise<Attempted> {
      const url = endpoint(options.apiUrl, ['devices'], {
        ...(search === undefined ? {} : { search }),
        page: String(page),
        size: String(size)
      })
      const left = (): number => Math.max(1, deadline - deps.now())
      return withRetries(
        { row: ROWS.get, retries: options.retries, budgetMs: Math.min(RETRY_BUDGET_MS, left()) },
        () => attempt('GET', url, undefined, Math.min(options.timeoutMs, left())),
        deps
      )
    },

    /** `GET /devices/{id}` with the `retries` input, as a lookup: the number's state, once. */
    getDevice(id: string): Promise<Attempted> {
      const url = endpoint(options.apiUrl, ['devices', id])
      return withRetries(
        { row: ROWS.get, retries: options.retries, budgetMs: RETRY_BUDGET_MS },
        () => attempt('GET', url),
        deps
      )
    },

    /** One attempt at `GET /devices/{id}`: polling paces itself. */
    pollDevice(id: string, timeoutMs: number): Promise<HttpAttempt> {
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

/**
 * No retry starts after this long (attempts and waits so far, plus the next wait), so that a
 * dead API ends the step in about a minute even where timeouts are retried (a GET).
 */
export const RETRY_BUDGET_MS = 60_000

/**
 * Wassenger's rows of the attempt table, by what each call may do again: the auth-code POST
 * (Wassenger may already have acted on anything but a 429 or 503, or a connection never made),
 * a GET that must succeed (the lookup, the `skip-if-online` read: a GET changes nothing), and a
 * poll while waiting, which only a refusal ends (the key or the number changed under the wait).
 */
export const ROWS = {
  post: row('fail', { busy: 'retry', 'not-connected': 'retry' }),
  get: row('retry', { refused: 'fail', unusable: 'fail', tls: 'fail' }),
  poll: row('poll-again', { refused: 'fail' })
} as const
