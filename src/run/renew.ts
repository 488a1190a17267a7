import { readCodeAnswer, readErrorAnswer, showBody, type AuthCode } from '../wassenger/answers.js'
import { quote, type FailureContext } from '../report/failures.js'
import { formatSeconds } from '../text/format.js'
import { ONLINE, type RunResult } from './result.js'
import { describeAttempt } from '../wassenger/retry.js'
import type { AuthCodeRequest, WassengerClient } from '../wassenger/client.js'

/**
 * How long a code lives when Wassenger does not say: WhatsApp's linking socket lives about 160 s
 * (whatsmeow's PairPhone), so a code is not replaced before that.
 */
export const DEFAULT_VALIDITY_MS = 160_000

export interface RenewDeps {
  readonly now: () => number
  readonly log: (message: string) => void
  readonly debug: (message: string) => void
  /** Puts a new code where the person is looking, as the first was. */
  readonly announce: (result: RunResult) => void
}

/** A new code when the current one has run out unused: the contract's "A second code". */
export interface Renewal {
  /** Called with the status each poll read: may request, and announce, a new code. */
  afterPoll(status: string): Promise<void>
  /** The run so far: the latest code and its answer, every POST counted. */
  current(): RunResult
}

/**
 * Renews at most `max` times, and only when the current code's validity has passed, the session
 * is not online and its status has not moved since that code's first poll (a move means linking
 * is under way), and the previous request gave a code. Never with `force`. The first refusal
 * ends renewing, without a retry.
 */
export function createRenewal(
  first: RunResult,
  request: AuthCodeRequest,
  max: number,
  client: WassengerClient,
  context: FailureContext,
  deps: RenewDeps
): Renewal {
  let result = first
  let left = first.code ? max : 0
  let code = codeClock(first.code, deps.now())
  let held = false

  async function renew(): Promise<void> {
    left--
    const { last, attempts } = await client.requestAuthCode({ ...request, force: false }, 0)
    result = { ...result, attempts: result.attempts + attempts }
    const answered = last.kind === 'response' && last.status >= 200 && last.status < 300
    const { code: next, ignored } = answered
      ? readCodeAnswer(last.body, deps.now())
      : { ignored: [] }
    for (const note of ignored) deps.debug(`In Wassenger's answer, ${note}: ignored.`)
    if (!answered || !next) {
      left = 0
      return deps.log(`No new code: ${refusal(last, answered, context)}. ${STOPS}`)
    }
    const same = next.value === result.code?.value
    code = codeClock(next, deps.now())
    result = {
      ...result,
      code: next,
      status: String(last.status),
      response: last.body,
      responseBytes: last.bytes,
      shownResponse: showBody(last.body),
      codes: same ? result.codes : { issued: (result.codes?.issued ?? 1) + 1, max: max + 1 }
    }
    if (same) {
      return deps.log(
        `Wassenger answered with the same code, ${next.value}: it is still the one to enter. ${validityNote(code.validUntil, deps.now())}`
      )
    }
    deps.announce(result)
  }

  return {
    current: () => result,
    async afterPoll(status) {
      code.baseline ??= status
      if (status !== code.baseline) code.moved = true
      if (left === 0 || status === ONLINE || deps.now() < code.validUntil) return
      if (code.moved) {
        if (!held) deps.log(HELD)
        held = true
        return
      }
      try {
        await renew()
      } catch (error) {
        // Whatever breaks, the code already shown stands and the wait goes on.
        left = 0
        const reason = error instanceof Error ? error.message : String(error)
        deps.log(`No new code: the request for one failed (${reason}). ${STOPS}`)
      }
    }
  }
}

/** A code and what decides its renewal. */
interface CodeClock {
  readonly validUntil: number
  /** The status the first poll after the code read; a different one later means linking moved. */
  baseline?: string
  moved: boolean
}

function codeClock(code: AuthCode | undefined, now: number): CodeClock {
  // The edge works out expiresAt from expiresIn, so one field says when a code runs out.
  return { validUntil: code?.expiresAt ?? now + DEFAULT_VALIDITY_MS, moved: false }
}

const STOPS = 'Renewing stops here; the wait goes on.'

const HELD =
  "The code's validity has passed, but the session's status has changed since it was issued: linking is under way, so no new code is requested."

function validityNote(validUntil: number, now: number): string {
  return `Valid for ${formatSeconds(Math.max(0, validUntil - now))} more.`
}

function refusal(
  last: Parameters<typeof describeAttempt>[0],
  answered: boolean,
  context: FailureContext
): string {
  if (answered) return "Wassenger's answer to the new request carries no code"
  const said = last.kind === 'response' ? readErrorAnswer(last.body).message : undefined
  const words = said ? ` ("${quote(said, context.redact)}")` : ''
  return `Wassenger answered the request for a new code with ${describeAttempt(last)}${words}`
}

/** "code 2 of 3": which code this is, when codes are renewed. */
export function codeOrdinal(result: RunResult): string | undefined {
  const { codes } = result
  return codes && codes.issued > 1 ? `code ${codes.issued} of at most ${codes.max}` : undefined
}
