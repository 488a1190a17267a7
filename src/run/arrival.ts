import type { Arrival } from '../wassenger/code-answer.js'
import type { HttpAttempt } from '../wassenger/http.js'

/** When an answer arrived, on both clocks, with its `Date` header. */
export function arrivalOf(
  attempt: HttpAttempt,
  clocks: { readonly now: () => number; readonly wallNow: () => number }
): Arrival {
  // Stryker disable next-line ConditionalExpression: only answers (2xx) are read for a code
  const date = attempt.kind === 'response' ? attempt.headers.date : undefined
  // Stryker disable next-line ConditionalExpression: a date: undefined is no date to its readers
  return { at: clocks.now(), wall: clocks.wallNow(), ...(date === undefined ? {} : { date }) }
}
