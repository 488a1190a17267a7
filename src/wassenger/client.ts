import type { HttpAttempt, Transport } from './http.js'
import type { Redactor } from '../text/redactor.js'
import { RETRY_BUDGET_MS, withRetries, type Attempted, type RetryDeps } from './retry.js'
import { USER_AGENT } from './version.js'

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
