/**
 * The transport: one HTTP attempt, resolved with the answer (its body read within a bound) or
 * with why none came. Never rejects, never retries: client.ts decides what is tried again.
 */
import { isUtf8 } from 'node:buffer'
import diagnostics from 'node:diagnostics_channel'
import * as http from 'node:http'
import * as https from 'node:https'
import type { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import { HttpClient } from '@actions/http-client'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { completeUtf8 } from '../text/untrusted.js'
import { formatSeconds } from '../text/words.js'

export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** One limit for the whole attempt: connect, headers and the last byte of the body. */
  readonly timeoutMs: number
}

/** A complete answer, whatever its status. */
interface HttpResponse {
  readonly kind: 'response'
  /** An answer came, so the request was written to the server's connection. */
  readonly written: true
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

interface HttpFailure {
  readonly kind: 'failure'
  /** Whether the request was written to the server's connection (through a proxy: its tunnel). */
  readonly written: boolean
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

export type Transport = (request: HttpRequest) => Promise<HttpAttempt>

/** What a connection that was never made is called, by Node's error code. */
const CONNECT_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'connecting timed out'
}
/** Node's and OpenSSL's codes for a TLS handshake or certificate that failed. */
const TLS_ERROR =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_)|^(EPROTO|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/
/** A connection the other side closed or broke. */
const RESET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

/** The run's network: the transport its calls use, and what ends all it opened. */
export interface Network {
  readonly transport: Transport
  /**
   * Destroys every agent and every socket opened while the network was open, whoever opened it
   * (a proxy's tunnel is opened by @actions/http-client's agent, out of the transport's sight),
   * so that nothing the network holds can keep the process alive once the run has reported.
   */
  close(): void
}

/**
 * The network of one run: one agent for each origin, kept alive and reused by every attempt,
 * so that the polls of a long wait ride one connection. Behind a proxy (https_proxy, no_proxy,
 * read by @actions/http-client) the agent is @actions/http-client's tunnelling agent, which
 * opens its tunnels out of the transport's sight: so every client socket created while the
 * network is open belongs to it (Node's `net.client.socket` channel), whoever opened it.
 */
export function openNetwork(): Network {
  const agents = new Map<string, Agent>()
  const sockets = new Set<Socket>()
  const opened = (message: unknown): void => {
    const { socket } = message as { socket: Socket }
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  diagnostics.subscribe('net.client.socket', opened)
  return {
    transport: request => {
      const agent = agents.get(request.url.origin) ?? agentFor(request.url)
      agents.set(request.url.origin, agent)
      return send(request, agent)
    },
    close: () => {
      diagnostics.unsubscribe('net.client.socket', opened)
      // A tunnelling agent has no destroy(): its sockets are among those watched.
      for (const { agent } of agents.values()) agent.destroy?.()
      for (const socket of sockets) socket.destroy()
    }
  }
}

interface Agent {
  readonly agent: http.Agent
  /** Whether it tunnels through a proxy: then an error before any socket is the tunnel's. */
  readonly proxied: boolean
}

function agentFor(url: URL): Agent {
  if (getProxyUrl(url)) {
    const client = new HttpClient(undefined, undefined, { keepAlive: true })
    return { agent: client.getAgent(url.href), proxied: true }
  }
  const Kind = url.protocol === 'https:' ? https.Agent : http.Agent
  return { agent: new Kind({ keepAlive: true }), proxied: false }
}

/** One attempt: resolves with the answer or with why none came, never rejects. */
function send(request: HttpRequest, { agent, proxied }: Agent): Promise<HttpAttempt> {
  return new Promise(resolve => {
    const started = performance.now()
    const body = new BodyReader()
    let status: number | undefined
    let connected = false
    let interim: http.InformationEvent | undefined

    // The first end stands: a promise settles once, and a timer cleared twice stays cleared.
    const finish = (attempt: HttpAttempt): void => {
      clearTimeout(timer)
      resolve(attempt)
    }
    const measured = () => ({
      ...body.decoded(),
      durationMs: Math.round(performance.now() - started)
    })
    const answered = (code: number, headers: http.IncomingHttpHeaders): void =>
      finish({ kind: 'response', written: true, status: code, headers, ...measured() })
    const fail = ({ reason, detail }: Problem): void => {
      req.destroy()
      // An interim 1xx with nothing after it is the last thing the server sent: its answer.
      if (interim && status === undefined) return answered(interim.statusCode, interim.headers)
      finish({ kind: 'failure', written: connected, reason, detail, status, ...measured() })
    }

    const start = request.url.protocol === 'https:' ? https.request : http.request
    const req = start(request.url, { method: request.method, headers: headersOf(request), agent })
    const timer = setTimeout(
      () =>
        fail({
          reason: 'timeout',
          detail: `no complete answer within ${formatSeconds(request.timeoutMs)}`
        }),
      request.timeoutMs
    )
    req.on('socket', socket => {
      // The request is written once the connection is made, and for HTTPS its handshake done. A
      // kept-alive socket is both already: a listener on it would never fire, and pile up.
      if (req.reusedSocket) connected = true
      else if (socket instanceof TLSSocket) socket.once('secureConnect', () => (connected = true))
      else if (socket.connecting) socket.once('connect', () => (connected = true))
      else connected = true
    })
    req.on('error', (error: NodeJS.ErrnoException) => fail(classify(error, connected, proxied)))
    // An interim answer (100, 102-199): the final one follows it, as HTTP requires.
    req.on('information', info => (interim = info))
    // A 101 ends the attempt where it stands: Node would hand the socket over, not wait past it.
    req.on('upgrade', (response, socket) => {
      socket.destroy()
      answered(response.statusCode ?? 101, response.headers)
    })
    req.on('response', response => {
      status = response.statusCode
      response.on('data', (chunk: Buffer) => body.add(chunk))
      response.on('end', () => answered(status ?? 0, response.headers))
      // A body cut short: the connection broke while the answer was read.
      const broken = (): void => {
        if (!response.complete) {
          const detail = `the connection was closed while the answer (HTTP ${status}) was being read`
          fail({ reason: 'reset', detail })
        }
      }
      response.on('error', broken)
      response.on('close', broken)
    })
    req.end(request.body)
  })
}

function headersOf(request: HttpRequest): Record<string, string> {
  if (request.method === 'GET') return { ...request.headers }
  return { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body ?? '')) }
}

interface Problem {
  readonly reason: FailureKind
  readonly detail: string
}

/**
 * Why a request failed, by Node's error code and by whether a connection had been made: before
 * one, nothing was sent, whatever the error says.
 */
export function classify(
  error: NodeJS.ErrnoException,
  connected: boolean,
  proxied: boolean
): Problem {
  const code = error.code ?? ''
  // A handshake that failed is TLS's, whether or not the request could have been written.
  if (TLS_ERROR.test(code)) return { reason: 'tls', detail: `TLS failed (${code})` }
  if (!connected) {
    const known = CONNECT_ERRORS[code]
    if (known) return { reason: 'connect', detail: known }
    const first = error.message.split('\n')[0] ?? ''
    return proxied
      ? { reason: 'connect', detail: `the proxy did not open a tunnel (${first})` }
      : { reason: 'connect', detail: `no connection (${code || first})` }
  }
  if (RESET_ERRORS.has(code)) {
    return { reason: 'reset', detail: 'the connection was closed before an answer came' }
  }
  return { reason: 'network', detail: code ? `network error ${code}` : 'network error' }
}

/** Far above any answer Wassenger gives; bounds memory against a runaway body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

/** A body as it arrives: at most MAX_BODY_BYTES kept, every byte counted. */
export class BodyReader {
  private readonly chunks: Buffer[] = []
  private stored = 0
  private received = 0

  add(chunk: Buffer): void {
    this.received += chunk.length
    // A view of at most the room left: a chunk within it is kept whole, and past 4 MiB, nothing.
    const kept = chunk.subarray(0, MAX_BODY_BYTES - this.stored)
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty view adds nothing
    if (kept.length > 0) this.chunks.push(kept)
    this.stored += kept.length
  }

  decoded(): { body: string; bytes: number; invalidUtf8: boolean } {
    return decode(this.chunks, this.received)
  }
}

function decode(
  chunks: Buffer[],
  bytes: number
): { body: string; bytes: number; invalidUtf8: boolean } {
  const raw = Buffer.concat(chunks)
  // A body cut at MAX_BODY_BYTES may end inside a character: that is the cut, not bad UTF-8.
  const whole = raw.length < bytes ? completeUtf8(raw) : raw
  return { body: whole.toString('utf8'), bytes, invalidUtf8: !isUtf8(whole) }
}
