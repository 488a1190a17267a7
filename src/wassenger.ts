import type { HttpAttempt, Transport } from './http.js'
import type { Redactor } from './redactor.js'
import { withRetries, type Attempted, type RetryDeps } from './retry.js'
import { USER_AGENT } from './version.js'

export interface ClientOptions {
  /** Base URL without a trailing slash. */
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
    requestAuthCode(request: AuthCodeRequest): Promise<Attempted> {
      const url = new URL(
        `${options.apiUrl}/devices/${encodeURIComponent(request.device)}/authcode`
      )
      if (request.force) url.searchParams.set('force', 'true')
      const body =
        request.phone === undefined ? undefined : JSON.stringify({ phone: request.phone })
      return withRetries('POST', options.retries, () => attempt('POST', url, body), deps)
    },

    /** One page of `GET /devices?search=`: numbers whose phone, alias or ID contain `search`. */
    searchDevices(search: string, page: number, size: number): Promise<Attempted> {
      const url = new URL(`${options.apiUrl}/devices`)
      url.search = new URLSearchParams({
        search,
        page: String(page),
        size: String(size)
      }).toString()
      return withRetries('GET', options.retries, () => attempt('GET', url), deps)
    },

    /** One attempt at `GET /devices/{id}`: polling paces itself. */
    getDevice(id: string, timeoutMs: number): Promise<HttpAttempt> {
      const url = new URL(`${options.apiUrl}/devices/${encodeURIComponent(id)}`)
      return attempt('GET', url, undefined, Math.min(timeoutMs, options.timeoutMs))
    }
  }
}

export type WassengerClient = ReturnType<typeof createClient>
