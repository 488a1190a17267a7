import type { DeviceRef } from '../inputs/checks.js'
import type { AuthCode, DeviceInfo } from '../wassenger/answers.js'
import type { Failure } from './failure.js'

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
  /** The last `session.status` seen while waiting; undefined when not waiting. */
  readonly sessionStatus?: string
  readonly warnings: readonly Warning[]
  /** `skip-if-online` found the number linked: nothing was requested. */
  readonly skipped?: boolean
  readonly failure?: Failure
}
