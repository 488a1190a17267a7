import { readSession } from '../wassenger/answers.js'
import type { WassengerClient } from '../wassenger/client.js'
import { failureOf, type Failure } from './failure.js'

/** A number's own statuses that no code can link. */
const UNLINKABLE = ['removed', 'banned', 'disabled', 'unpaid'] as const

const unlinkable = (status: string): (typeof UNLINKABLE)[number] | undefined =>
  UNLINKABLE.find(each => each === status.toLowerCase())

/** What reading the number before requesting found: its session status, or why not to go on. */
export type NumberState =
  | { readonly ok: true; readonly sessionStatus: string }
  | { readonly ok: false; readonly failure: Failure }

/**
 * `skip-if-online`: reads the number (`GET /devices/{id}`, retried as a lookup is). A read that
 * fails, an answer about another number, or a number that cannot be linked stops the run before
 * anything is requested.
 */
export async function readNumber(id: string, client: WassengerClient): Promise<NumberState> {
  const { last, attempts } = await client.readDevice(id)
  const failure = failureOf(last, 'read', attempts)
  if (failure) return { ok: false, failure }
  const seen = readSession(last.body, id)
  if (!seen.ok) return { ok: false, failure: { kind: 'bad-answer', call: 'read' } }
  const numberStatus = unlinkable(seen.numberStatus ?? '')
  if (numberStatus) return { ok: false, failure: { kind: 'unlinkable', numberStatus } }
  return { ok: true, sessionStatus: seen.status }
}
