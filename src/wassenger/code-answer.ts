/**
 * The edge for the one answer that matters most: a success body of the auth-code request, read
 * into the code the person types and how long it is valid.
 */
import { cut } from '../text/untrusted.js'
import { isRecord, parseJson } from './json.js'

/** A validity outside this is not one a WhatsApp code can have: ignored, and said so in the debug log. */
const EXPIRES_IN_SECONDS = { min: 1, max: 86_400 } as const

/** An authentication code found in Wassenger's answer. */
export interface AuthCode {
  readonly value: string
  /** When its answer arrived, on the run's monotonic clock (ms). */
  readonly issuedAt: number
  /** How long it is valid from then, when the answer says so plausibly (ms). */
  readonly validMs?: number
  /** When it runs out by the runner's wall clock (ms since the epoch), for printing only. */
  readonly until?: number
}

/** When an answer arrived, on both clocks, and the `Date` header it came with. */
export interface Arrival {
  /** Monotonic ms: what deadlines and validities are measured on. */
  readonly at: number
  /** The runner's wall clock (ms since the epoch): only to print times. */
  readonly wall: number
  /** The answer's `Date` header, if any: Wassenger's clock, which `expiresAt` is read against. */
  readonly date?: string
}

// What a code the person can type looks like: letters and digits, maybe grouped by - or space.
const TYPABLE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,30}[A-Za-z0-9])?$/
// What a WhatsApp linking code looks like: 8 letters or digits, maybe shown as XXXX-XXXX.
const WHATSAPP_CODE = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/

/** Whether two codes are the one code: letter case and `-` or spaces between groups aside. */
export const sameCode = (a: string, b: string): boolean =>
  a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase()

/**
 * A string `code` at the top level of a success body or under `data` (the one shaped like a
 * WhatsApp code when both are there), with its validity when it is a plausible one. `ignored`
 * says, for the debug log, what was left out and why.
 */
export function readCodeAnswer(
  body: string,
  arrival: Arrival
): { readonly code?: AuthCode; readonly ignored: readonly string[] } {
  const json = parseJson(body)
  if (!isRecord(json)) return { ignored: [] }
  // A code with replaced bytes or markup cannot be typed: better no code than a wrong one.
  const holders = [json, json.data].filter(
    (holder): holder is Record<string, unknown> & { code: string } =>
      isRecord(holder) && typeof holder.code === 'string' && TYPABLE.test(holder.code.trim())
  )
  const holder = holders.find(each => WHATSAPP_CODE.test(each.code.trim())) ?? holders[0]
  if (!holder) return { ignored: [] }
  const ignored: string[] = []
  const validMs =
    readExpiresIn(holder.expiresIn, ignored) ??
    (holder.expiresIn === undefined ? readExpiresAt(holder.expiresAt, arrival, ignored) : undefined)
  return {
    code: {
      value: holder.code.trim(),
      issuedAt: arrival.at,
      ...(validMs === undefined ? {} : { validMs, until: arrival.wall + validMs })
    },
    ignored
  }
}

function readExpiresIn(value: unknown, ignored: string[]): number | undefined {
  if (value === undefined) return undefined
  const { min, max } = EXPIRES_IN_SECONDS
  if (typeof value === 'number' && value >= min && value <= max) return value * 1000
  ignored.push(`expiresIn ${describe(value)} is not a number of seconds from ${min} to ${max}`)
  return undefined
}

// A date and time that names its zone: without one it would be read in the runner's zone.
const ZONED = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/i

/**
 * How long from the answer an `expiresAt` leaves, read against the answer's own `Date` (so a
 * runner clock that is off changes nothing), or the runner's clock when there is none. Only in
 * the future and at most EXPIRES_IN_SECONDS.max ahead.
 */
function readExpiresAt(value: unknown, arrival: Arrival, ignored: string[]): number | undefined {
  if (value === undefined) return undefined
  const at = typeof value === 'string' && ZONED.test(value) ? Date.parse(value) : Number.NaN
  const date = arrival.date === undefined ? Number.NaN : Date.parse(arrival.date)
  // Whole seconds: a Date header says no more.
  const left = Math.floor((at - (Number.isNaN(date) ? arrival.wall : date)) / 1000) * 1000
  if (left > 0 && left <= EXPIRES_IN_SECONDS.max * 1000) return left
  ignored.push(
    `expiresAt ${describe(value)} is not a date with its zone from now to ${EXPIRES_IN_SECONDS.max} s ahead`
  )
  return undefined
}

/** A value named briefly for the debug log, whatever its size. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `"${cut(value, 40)}"`
  if (typeof value === 'object' && value !== null)
    return Array.isArray(value) ? 'a list' : 'an object'
  return String(value)
}
