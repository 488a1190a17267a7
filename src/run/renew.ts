/** A second code (`renew`): every rule of when a code is replaced, and the requests it makes. */
import { formatSeconds } from '../text/words.js'
import {
  arrivalOf,
  type AuthCode,
  readCodeAnswer,
  readErrorAnswer,
  sameCode,
  validityOf
} from '../wassenger/answers.js'
import { readingOf } from '../http/retries.js'
import type { HttpAttempt } from '../http/transport.js'
import type { AuthCodeRequest, WassengerClient } from '../wassenger/client.js'
import { type Answer, isOnline, latestCode } from './result.js'

/** A code announced in the wait's last minute cannot be typed in time: none is requested then. */
const LAST_MINUTE_MS = 60_000

/** The codes so far and the answer that gave the latest. */
export interface Codes {
  readonly codes: readonly AuthCode[]
  readonly answer: Answer
  /** Auth-code requests sent, the first included. */
  readonly attempts: number
}

export interface RenewDeps {
  /** Monotonic ms. */
  readonly now: () => number
  readonly wallNow: () => number
  readonly log: (message: string) => void
  readonly debug: (message: string) => void
  /** Puts a new code where the person is looking, as the first was. */
  readonly announce: (codes: Codes) => void
}

/** A new code when the current one has run out unused: "A second code" in docs/. */
export interface Renewal {
  /** Called with the status each poll read: may request, and announce, a new code. */
  afterPoll(status: string): Promise<void>
  current(): Codes
}

/** When a code runs out: its validity from its answer's arrival. */
const runsOutAt = (code: AuthCode): number => code.issuedAt + validityOf(code)

/** Whether a wait of `waitMs` can see a code valid `validMs` run out with its last minute still ahead. */
export const renewalFits = (validMs: number, waitMs: number): boolean =>
  waitMs >= validMs + LAST_MINUTE_MS

/**
 * Renews at most `max` times, and only when the current code's validity has passed, the session
 * is not online, no poll since that code was issued has shown a status other than the one seen
 * last before it (a change means linking is under way), at least LAST_MINUTE_MS of the wait are
 * left, and the previous request gave a code. Never with `force`. The first refusal ends
 * renewing, without a retry.
 */
export function createRenewal(
  first: Codes,
  request: AuthCodeRequest,
  limits: { readonly max: number; readonly deadline: number },
  client: WassengerClient,
  deps: RenewDeps
): Renewal {
  let state = first
  let left = limits.max
  // The status last seen before the current code was issued; the first poll's for the first.
  let baseline: string | undefined
  let lastSeen: string | undefined
  let moved = false
  let saidLinking = false

  async function renew(): Promise<void> {
    left--
    const { last, attempts } = await client.postAuthCode({ ...request, force: false }, 0)
    state = { ...state, attempts: state.attempts + attempts }
    const answered = readingOf(last) === 'answered'
    const { code: next, ignored } = answered
      ? readCodeAnswer(last.body, arrivalOf(last, deps))
      : { ignored: [] }
    for (const note of ignored) deps.debug(`In Wassenger's answer, ${note}: ignored.`)
    if (!answered || !next) {
      left = 0
      return deps.log(`No new code: ${refusal(last, answered)}. ${RENEWING_ENDS}`)
    }
    baseline = lastSeen
    moved = false
    const previous = latestCode(state)
    const answer = { status: last.status, body: last.body, bytes: last.bytes }
    if (previous && sameCode(previous.value, next.value)) {
      // The same code: still the one to enter, its validity counted from this answer.
      state = { ...state, codes: [...state.codes.slice(0, -1), next], answer }
      return deps.log(
        `Wassenger answered with the same code, ${next.value}: it is still the one to enter. Valid for ${formatSeconds(runsOutAt(next) - deps.now())} more.`
      )
    }
    state = { ...state, codes: [...state.codes, next], answer }
    deps.announce(state)
  }

  return {
    current: () => state,
    async afterPoll(status) {
      lastSeen = status
      baseline ??= status
      if (status !== baseline) moved = true
      const code = latestCode(state)
      if (left === 0 || !code || isOnline(status) || deps.now() < runsOutAt(code)) return
      if (limits.deadline - deps.now() < LAST_MINUTE_MS) return
      if (moved) {
        if (!saidLinking) deps.log(LINKING_UNDER_WAY)
        saidLinking = true
        return
      }
      try {
        await renew()
      } catch (error) {
        // Whatever breaks, the code already shown stands and the wait goes on.
        left = 0
        const reason = error instanceof Error ? error.message : String(error)
        deps.log(`No new code: the request for one failed (${reason}). ${RENEWING_ENDS}`)
      }
    }
  }
}

const RENEWING_ENDS = 'Renewing stops here; the wait goes on.'

const LINKING_UNDER_WAY =
  "The code's validity has passed, but the session's status has changed since it was issued: linking is under way, so no new code is requested."

/** Why no new code came, a whole clause for each way: an answer without one, a refusal, none. */
function refusal(last: HttpAttempt, answered: boolean): string {
  if (answered) return "Wassenger's answer to the new request carries no code"
  if (last.kind === 'failure') return `the request for a new code went unanswered (${last.detail})`
  const said = readErrorAnswer(last.body).message
  return `Wassenger answered the request for a new code with HTTP ${last.status}${said ? ` ("${said}")` : ''}`
}
