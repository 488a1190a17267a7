import { isUtf8 } from 'node:buffer'
import * as http from 'node:http'
import * as https from 'node:https'
import { HttpClient } from '@actions/http-client'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { formatSeconds } from '../text/format.js'

export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** One limit for the whole attempt: connect, headers and the last byte of the body. */
  readonly timeoutMs: number
}

/** A complete answer, whatever its status. */
export interface HttpResponse {
  readonly kind: 'response'
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  /** The body decoded as UTF-8 (invalid bytes become U+FFFD), at most MAX_BODY_BYTES of it. */
  readonly body: string
  /** Bytes received, including any beyond MAX_BODY_BYTES. */
  readonly bytes: number
  readonly invalidUtf8: boolean
  readonly durationMs: number
}

/**
 * Why no complete answer came. `connect`: no connection was made, so nothing was sent and the
 * request may be tried again. Any other kind may have reached the server.
 */
export type FailureKind = 'connect' | 'timeout' | 'reset' | 'tls' | 'network'

export interface HttpFailure {
  readonly kind: 'failure'
  readonly reason: FailureKind
  /** Short, human: "connection refused", "no answer within 30 s". */
  readonly detail: string
  /** Set when the status line arrived before the failure. */
  readonly status?: number
  readonly body: string
  readonly bytes: number
  readonly invalidUtf8: boolean
  readonly durationMs: number
}

export type HttpAttempt = HttpResponse | HttpFailure

/** Far above any answer Wassenger gives; bounds memory against a runaway body. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

export type Transport = (request: HttpRequest) => Promise<HttpAttempt>

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available'
}

/** Sends one request with node:http(s), honouring https_proxy / no_proxy like @actions/http-client. */
export const sendHttp: Transport = request => {
  const module = request.url.protocol === 'https:' ? https : http
  // The tunnelling agent @actions/http-client builds for a proxy, when one applies.
  const agent = getProxyUrl(request.url) ? new HttpClient().getAgent(request.url.href) : undefined
  return send(module.request, agent, request)
}

function send(
  start: typeof http.request,
  agent: http.Agent | undefined,
  request: HttpRequest
): Promise<HttpAttempt> {
  return new Promise(resolve => {
    // Date.now, not performance.now: the perf_hooks module costs start-up time; ms are enough.
    const started = Date.now()
    const elapsed = (): number => Date.now() - started
    const chunks: Buffer[] = []
    let stored = 0
    let received = 0
    let status: number | undefined
    let connected = false
    let settled = false

    const finish = (attempt: HttpAttempt): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(attempt)
    }
    const fail = (reason: FailureKind, detail: string): void => {
      req.destroy()
      finish({
        kind: 'failure',
        reason,
        detail,
        status,
        ...decode(chunks, received),
        durationMs: elapsed()
      })
    }

    const req = start(request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.method === 'GET'
          ? {}
          : { 'Content-Length': String(Buffer.byteLength(request.body ?? '')) })
      },
      agent
    })

    const timer = setTimeout(
      () => fail('timeout', `no complete answer within ${formatSeconds(request.timeoutMs)}`),
      request.timeoutMs
    )

    req.on('socket', socket => {
      // A kept-alive socket is connected already: a listener on it would never fire, and pile up.
      if (socket.connecting) socket.once('connect', () => (connected = true))
      else connected = true
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return
      const code = error.code ?? ''
      // The tunnel agent's words for a proxy that would not connect: nothing reached Wassenger.
      const tunnel = error.message.match(/^tunneling socket could not be established,?\s*(.*)$/)
      if (tunnel) return fail('connect', `the proxy did not open a tunnel (${tunnel[1] || code})`)
      if (!connected && code in CONNECT_ERRORS) return fail('connect', CONNECT_ERRORS[code] ?? code)
      if (code.startsWith('ERR_TLS') || code.includes('CERT') || /ssl|tls/i.test(error.message)) {
        return fail('tls', `TLS failed (${code || 'handshake'})`)
      }
      if (code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up') {
        return fail('reset', 'the connection was closed before an answer came')
      }
      fail('network', code ? `network error ${code}` : 'network error')
    })
    req.on('response', response => {
      status = response.statusCode
      let complete = false
      response.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (stored >= MAX_BODY_BYTES) return
        const room = MAX_BODY_BYTES - stored
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
        stored += Math.min(chunk.length, room)
      })
      response.on('end', () => {
        complete = true
        finish({
          kind: 'response',
          status: response.statusCode ?? 0,
          headers: response.headers,
          ...decode(chunks, received),
          durationMs: elapsed()
        })
      })
      const broken = (): void => {
        if (!complete)
          fail(
            'reset',
            `the connection was closed while the answer (HTTP ${status}) was being read`
          )
      }
      response.on('error', broken)
      response.on('aborted', broken)
      response.on('close', broken)
    })
    req.end(request.body)
  })
}

function decode(
  chunks: Buffer[],
  bytes: number
): { body: string; bytes: number; invalidUtf8: boolean } {
  const raw = Buffer.concat(chunks)
  // A body cut at MAX_BODY_BYTES may end inside a character: that is the cut, not bad UTF-8.
  const whole = raw.length < bytes ? raw.subarray(0, completeUtf8Length(raw)) : raw
  return { body: whole.toString('utf8'), bytes, invalidUtf8: !isUtf8(whole) }
}

/** The length of `bytes` without a multi-byte character that its end cuts short. */
export function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0
    if ((byte & 0xc0) !== 0x80) {
      // A lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3, 11110xxx 4; ASCII stands alone.
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
      return length > back ? bytes.length - back : bytes.length
    }
  }
  return bytes.length
}
