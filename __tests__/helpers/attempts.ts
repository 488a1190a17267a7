import type { FailureKind, HttpAttempt } from '../../src/http/transport.js'

/** A complete answer, as the transport gives it. */
export const response = (
  status: number,
  body = '',
  headers: Record<string, string> = {}
): HttpAttempt => ({
  kind: 'response',
  written: true,
  status,
  headers,
  body,
  bytes: Buffer.byteLength(body),
  invalidUtf8: false,
  durationMs: 1
})

/** No complete answer. */
export const failed = (reason: FailureKind, status?: number): HttpAttempt => ({
  kind: 'failure',
  written: reason !== 'connect',
  reason,
  detail: `${reason} detail`,
  status,
  body: '',
  bytes: 0,
  invalidUtf8: false,
  durationMs: 1
})
