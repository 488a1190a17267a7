import type { AuthCode, ShownBody } from '../wassenger/answers.js'

/** Why the run failed, in the words the annotation, outputs and summary use. */
export interface Failure {
  /** The `error-code` output. */
  readonly code: string
  /** The annotation's title. */
  readonly title: string
  /** The `error-message` output: what happened and what to do. */
  readonly message: string
}

/** The session status of a number that is linked and ready. */
export const ONLINE = 'online'

/** Everything the run learned; reporting turns it into outputs, annotations and the summary. */
export interface RunResult {
  readonly failure?: Failure
  /** HTTP status of the auth-code answer, '' when none came. */
  readonly status: string
  /** The auth-code answer's body as received (the key hidden), '' when none came. */
  readonly response: string
  /** Its size in bytes as received: `response` holds at most the first 4 MiB. */
  readonly responseBytes: number
  /** The same answer as the summary shows it. */
  readonly shownResponse?: ShownBody
  /** The 24-hex device ID used, '' when never known. */
  readonly device: string
  /** The number's alias, when a lookup told it. */
  readonly alias?: string
  /** The last `session.status` seen while waiting, '' when not waiting. */
  readonly sessionStatus: string
  readonly attempts: number
  readonly code?: AuthCode
  /** With `renew`: how many codes were issued so far, and the most there can be. */
  readonly codes?: { readonly issued: number; readonly max: number }
  readonly force: boolean
  /** The `phone` input: masked when usable, `invalid` when given but unusable. */
  readonly phone: { readonly masked: string } | 'invalid' | undefined
  /** Non-fatal things the author should know: each becomes one warning annotation. */
  readonly warnings: readonly string[]
  /** What the person should do now. */
  readonly next: string
}

/** A run that sent nothing and learned nothing yet: the fields every result starts from. */
export function emptyResult(fields: Pick<RunResult, 'force' | 'phone' | 'next'>): RunResult {
  return {
    status: '',
    response: '',
    responseBytes: 0,
    device: '',
    sessionStatus: '',
    attempts: 0,
    warnings: [],
    ...fields
  }
}
