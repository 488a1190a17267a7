import { readDevice } from './devices.js'
import { formatSeconds } from './http.js'
import { describeFailure, parseJson, type RequestContext } from './outcome.js'
import type { Failure } from './result.js'
import { describe, isRetryable, retryAfterOf, type RetryDeps } from './retry.js'
import type { WassengerClient } from './wassenger.js'

export interface WaitOptions {
  readonly waitMs: number
  readonly intervalMs: number
}

export interface WaitResult {
  /** The last `session.status` seen, '' if none was. */
  readonly sessionStatus: string
  readonly failure?: Failure
}

export const ONLINE = 'online'

/**
 * Polls `GET /devices/{id}` until the session is online or the wait is over. A 429 or 503 slows
 * the polls as Retry-After asks; other passing faults are polled through (a GET changes nothing).
 */
export async function waitForOnline(
  id: string,
  client: WassengerClient,
  options: WaitOptions,
  context: Omit<RequestContext, 'attempts'>,
  deps: Omit<RetryDeps, 'random'>
): Promise<WaitResult> {
  const deadline = deps.now() + options.waitMs
  let status = ''
  deps.log(
    `Waiting up to ${formatSeconds(options.waitMs)} for the number's session to come online: enter the code on the phone now.`
  )
  for (;;) {
    const attempt = await client.getDevice(id, Math.max(1000, deadline - deps.now()))
    let pause = options.intervalMs
    if (attempt.kind === 'response' && attempt.status >= 200 && attempt.status < 300) {
      const seen = readDevice(parseJson(attempt.body))?.sessionStatus ?? ''
      if (seen !== status) deps.log(`Session status: ${seen || 'unknown'}.`)
      status = seen
      if (status === ONLINE) return { sessionStatus: status }
    } else if (isRetryable('GET', attempt)) {
      pause = Math.max(pause, retryAfterOf(attempt, deps.now()) ?? 0)
      deps.log(`Polling the session: ${describe(attempt)}; next poll in ${formatSeconds(pause)}.`)
    } else {
      const failure = describeFailure(attempt, { ...context, attempts: 1 })
      if (failure)
        return {
          sessionStatus: status,
          failure: {
            ...failure,
            message: `Reading the number's session failed. ${failure.message}`
          }
        }
    }
    const left = deadline - deps.now()
    if (left <= 0) return { sessionStatus: status, failure: waitTimeout(status, options.waitMs) }
    await deps.sleep(Math.min(pause, left))
  }
}

function waitTimeout(status: string, waitMs: number): Failure {
  const last = status ? `its last status was "${status}"` : 'no status could be read'
  return {
    code: 'wait-timeout',
    title: 'The number did not come online in time',
    message: `The code was requested, but the number's session was not online within ${formatSeconds(waitMs)} (the wait input); ${last}. If the code was not entered in time, run again for a new one; to wait longer, raise wait.`
  }
}
