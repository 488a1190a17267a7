/**
 * What the run did and learned, as facts: the result, its warnings, and why it failed (the
 * closed set of `error-code` values). The report words every sentence from these.
 */
import type { DeviceRef } from '../inputs/checks.js'
import { type AuthCode, type DeviceInfo, readErrorAnswer } from '../wassenger/answers.js'
import type { InputProblem } from '../inputs/inputs.js'
import { readingOf } from '../http/retries.js'
import type { FailureKind, HttpAttempt } from '../http/transport.js'

/** The code to enter: the latest announced, if any. */
export const latestCode = (result: { readonly codes: readonly AuthCode[] }): AuthCode | undefined =>
  result.codes.at(-1)

/** Whether a `session.status` means linked and ready: `online`, in any letter case. */
export const isOnline = (status: string | undefined): boolean => status?.toLowerCase() === 'online'

/** The auth-code answer whose outcome stands (the latest that gave a code, or the last one). */
export interface Answer {
  /** Undefined when the connection broke before a status line came. */
  readonly status?: number
  /** The body as received, the key hidden; at most the transport's first 4 MiB. */
  readonly body: string
  /** Bytes received, including any beyond the 4 MiB kept. */
  readonly bytes: number
}

/** Something the author should know that did not stop the run: one warning annotation each. */
export type Warning =
  | {
      readonly kind: 'outside-known-ranges'
      readonly input: 'phone' | 'device'
      readonly masked: string
    }
  | { readonly kind: 'renew-without-wait'; readonly renew: number }
  /** `wait` ends before a code could run out with a minute left: no new code can come. */
  | { readonly kind: 'renew-no-time'; readonly waitMs: number; readonly renew: number }
  | { readonly kind: 'invalid-utf8' }
  /** A scheduled run, which nobody watches, waits with no chat to post its code to. */
  | { readonly kind: 'unwatched' }

/** What the run was asked, as the report names it. */
interface Asked {
  /** How the author named the number; undefined when the inputs were unusable. */
  readonly ref?: DeviceRef
  readonly force: boolean
  /** The `phone` input: masked when usable, `invalid` when given but unusable. */
  readonly phone: { readonly masked: string } | 'invalid' | undefined
  /** Wassenger's host, named by messages about the network. */
  readonly host: string
  /** The `timeout` input, named by messages about answers that did not come. */
  readonly timeoutMs: number
  /** The `renew` input: how many new codes there could be. */
  readonly renew: number
}

/** What the run did and learned, as facts; the report words every sentence from them. */
export interface RunResult {
  readonly asked: Asked
  /** The number the lookup found, or the ID given. */
  readonly device?: DeviceInfo
  readonly answer?: Answer
  /** Auth-code requests sent, renewals included. */
  readonly attempts: number
  /** Every code announced, the latest last. */
  readonly codes: readonly AuthCode[]
  /** What the `skip-if-online` read found the session to be, when it was not online. */
  readonly checkedStatus?: string
  /** The last `session.status` seen while waiting; undefined when not waiting. */
  readonly sessionStatus?: string
  /** How long the wait lasted, on the monotonic clock; undefined when not waiting. */
  readonly waitedMs?: number
  /** `skip-if-online` found the number linked: nothing was requested. */
  readonly skipped?: boolean
  readonly failure?: Failure
}

/** The `error-code` values: a closed set a workflow can compare; a new one is a new major version. */
export type ErrorCode =
  | 'invalid-input'
  | 'device-not-found'
  | 'device-ambiguous'
  | 'unauthorized'
  | 'forbidden'
  | 'session-active'
  | 'rejected'
  | 'rate-limited'
  | 'server-error'
  | 'bad-answer'
  | 'timeout'
  | 'network-error'
  | 'wait-timeout'
  | 'internal-error'

/**
 * The request a failure came from: the lookup, the read of the number before requesting
 * (`skip-if-online`), the auth-code POST, a poll while waiting, or the list of every number.
 */
export type Call = 'lookup' | 'read' | 'authcode' | 'poll' | 'list'

/** Why the run failed: what happened, with its data. The report words it. */
export type Failure =
  | { readonly kind: 'invalid-input'; readonly problems: readonly InputProblem[] }
  /** An answer with a status the action cannot go on with. */
  | {
      readonly kind: 'refused'
      readonly call: Call
      readonly status: number
      /** Wassenger's own message, read at the edge. */
      readonly said?: string
      /** Wassenger's own `errorCode`, when it is a plain token. */
      readonly wassengerCode?: string
      /** How many times the call was tried. */
      readonly tries: number
    }
  /** No complete answer. */
  | {
      readonly kind: 'no-answer'
      readonly call: Call
      readonly reason: FailureKind
      readonly detail: string
      /** The status line, when it came before the connection broke. */
      readonly status?: number
      /** How many times the call was tried. */
      readonly tries: number
    }
  /** No number matched; `others` are some the search found, `otherCount` all of them. */
  | {
      readonly kind: 'not-found'
      readonly others: readonly DeviceInfo[]
      readonly otherCount: number
    }
  | { readonly kind: 'ambiguous'; readonly hits: readonly DeviceInfo[]; readonly hitCount: number }
  /**
   * An answer the action cannot use: a lookup that is not a list of devices with 24-hex IDs, a
   * read of the number that is not about it.
   */
  | { readonly kind: 'bad-answer'; readonly call: 'lookup' | 'read' | 'list' }
  /** The number's own status says it cannot be linked: removed, banned, disabled, unpaid. */
  | {
      readonly kind: 'unlinkable'
      readonly numberStatus: 'removed' | 'banned' | 'disabled' | 'unpaid'
    }
  | {
      readonly kind: 'lookup-timeout'
      readonly call: 'lookup' | 'list'
      readonly limitMs: number
      readonly pages: number
    }
  | { readonly kind: 'wait-timeout'; readonly waitMs: number; readonly lastStatus: string }

/** The `error-code` of a failure: the same for the same situation, whatever the body says. */
export function errorCode(failure: Failure): ErrorCode {
  switch (failure.kind) {
    case 'invalid-input':
      return 'invalid-input'
    case 'refused':
      return statusCode(failure.status)
    case 'no-answer':
      return failure.reason === 'timeout' ? 'timeout' : 'network-error'
    case 'not-found':
      return 'device-not-found'
    case 'ambiguous':
      return 'device-ambiguous'
    case 'bad-answer':
      return 'bad-answer'
    case 'unlinkable':
      // Wassenger would refuse a code for it: the request is one it rejects.
      return 'rejected'
    case 'lookup-timeout':
      return 'timeout'
    case 'wait-timeout':
      return 'wait-timeout'
  }
}

function statusCode(status: number): ErrorCode {
  const named: Partial<Record<number, ErrorCode>> = {
    401: 'unauthorized',
    403: 'forbidden',
    404: 'device-not-found',
    409: 'session-active',
    429: 'rate-limited'
  }
  if (named[status]) return named[status]
  if (status >= 400 && status < 500) return 'rejected'
  if (status >= 500 && status < 600) return 'server-error'
  // A redirect, a 1xx or a status HTTP does not define: not an answer the action can use.
  return 'bad-answer'
}

/** The failure an attempt stands for, or undefined for a complete 2xx answer. */
export function failureOf(attempt: HttpAttempt, call: Call, tries: number): Failure | undefined {
  if (attempt.kind === 'failure') {
    const { reason, detail, status } = attempt
    return { kind: 'no-answer', call, reason, detail, status, tries }
  }
  if (readingOf(attempt) === 'answered') return undefined
  const { message, errorCode } = readErrorAnswer(attempt.body)
  return {
    kind: 'refused',
    call,
    status: attempt.status,
    said: message,
    wassengerCode: errorCode,
    tries
  }
}
