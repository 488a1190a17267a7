import { formatSeconds } from '../text/words.js'
import { readSession } from '../wassenger/answers.js'
import { describeAttempt, readingOf, retryAfterOf, type RetryDeps } from '../http/retries.js'
import type { HttpAttempt } from '../http/transport.js'
import { ROWS, type WassengerClient } from '../wassenger/client.js'
import { type Failure, failureOf, isOnline } from './result.js'

export interface WaitOptions {
  readonly waitMs: number
  readonly intervalMs: number
  /** Called with each status a poll read, before the next poll (a renewal may act on it). */
  readonly afterPoll?: (status: string) => Promise<void>
}

export interface WaitResult {
  /** The last `session.status` seen, '' if none was. */
  readonly sessionStatus: string
  readonly failure?: Failure
}

/**
 * Polls `GET /devices/{id}` until the number's session is online or the wait is over. Only an
 * answer that refuses the poll (401, 404...) ends the wait; anything else is polled through (a
 * GET changes nothing), a 429 or 503 no sooner than Retry-After asks.
 */
export async function waitUntilOnline(
  id: string,
  client: WassengerClient,
  options: WaitOptions,
  deps: Omit<RetryDeps, 'random'>
): Promise<WaitResult> {
  const deadline = deps.now() + options.waitMs
  let status = ''
  deps.log(
    `Waiting up to ${formatSeconds(options.waitMs)} for the number's session to come online: enter the code on the phone now.`
  )
  for (;;) {
    let pause = options.intervalMs
    const attempt = await pollOnce(client, id, Math.max(1000, deadline - deps.now()))
    if (attempt instanceof Error) {
      // A poll that cannot be made is polled through, like a passing fault: the code stands.
      deps.log(
        `Polling the session failed (${attempt.message}); next poll in ${formatSeconds(pause)}.`
      )
    } else if (ROWS.poll[readingOf(attempt)] === 'use') {
      const seen = readSession(attempt.body, id)
      if (!seen.ok) {
        deps.log(`Polling the session: ${seen.problem}; next poll in ${formatSeconds(pause)}.`)
      } else {
        if (seen.status !== status) deps.log(`Session status: ${seen.status || 'unknown'}.`)
        status = seen.status
        if (isOnline(status)) return { sessionStatus: status }
        await options.afterPoll?.(status)
      }
    } else if (ROWS.poll[readingOf(attempt)] === 'fail') {
      const failure = failureOf(attempt, 'poll', 1)
      // Stryker disable next-line ConditionalExpression: failureOf is undefined only for a 2xx
      if (failure) return { sessionStatus: status, failure }
    } else {
      // Polled through; a 429 or 503 says when to come back.
      pause = Math.max(pause, retryAfterOf(attempt, deps.wallNow()) ?? 0)
      deps.log(
        `Polling the session: ${describeAttempt(attempt)}; next poll in ${formatSeconds(pause)}.`
      )
    }
    const left = deadline - deps.now()
    if (left <= 0) {
      return {
        sessionStatus: status,
        failure: { kind: 'wait-timeout', waitMs: options.waitMs, lastStatus: status }
      }
    }
    await deps.sleep(Math.min(pause, left))
  }
}

/** One poll; an error thrown on the way is returned, so that it ends nothing. */
async function pollOnce(
  client: WassengerClient,
  id: string,
  timeoutMs: number
): Promise<HttpAttempt | Error> {
  try {
    return await client.pollDevice(id, timeoutMs)
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
