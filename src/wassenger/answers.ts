/**
 * The edge: every answer from Wassenger is read here, and only here, into a bounded, typed shape:
 * the code and its validity, an error body, a page of numbers, a number's session. Numbers are
 * range-checked, strings made one clean line and cut, and JSON too deep to pretty-print is shown
 * as text. Nothing past this module sees Wassenger's raw JSON; what reaches a person still goes
 * through untrusted.ts, which hides the key and the phones.
 */
import { cut, foldSpaces, oneLine, withoutFormat } from '../text/untrusted.js'
import type { HttpAttempt } from '../http/transport.js'

/** What Wassenger accepts as a number's ID. */
export const DEVICE_ID = /^[0-9a-f]{24}$/i

/** How long each kind of string from Wassenger may be, in characters. */
const LIMITS = {
  /** An alias or a session status. */
  name: 100,
  /** A device's phone field. */
  phone: 32,
  /** Wassenger's own message, as quoted in ours. */
  message: 300
} as const

/** Deeper JSON is shown as received: pretty-printing it would overflow the stack. */
const MAX_SHOWN_DEPTH = 64

// Printable ASCII words, single spaces between, that no runner could take for a command.
const PLAIN = /^(?!::|.*##\[)[!-~]+(?: [!-~]+)*$/

/** A string as one clean line, cut to `max` characters; undefined unless a non-empty string. */
export function textOf(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  // Most fields are short printable ASCII with nothing to clean: one test, where a lookup page
  // of many thousands of numbers would otherwise pay every cleaning pass for each.
  if (value.length <= max && PLAIN.test(value)) return value
  // Cleaning costs what it reads: read no more than can be shown, however long the string.
  const start = value.trimStart()
  const head = start.length > max * 8 ? `${start.slice(0, max * 8)}…` : start
  const text = oneLine(foldSpaces(withoutFormat(head)).trim())
  return text === '' ? undefined : cut(text, max)
}

/** What a Wassenger error body says, when it says it in the documented shape. */
export interface ErrorAnswer {
  /** One line, at most LIMITS.message characters. */
  readonly message?: string
  /** Only a plain token, as others may compare it: a letter, then letters, digits, `_ . : -`, never `::`. */
  readonly errorCode?: string
}

const PLAIN_TOKEN = /^[A-Za-z][\w.:-]{0,63}$/

export function readErrorAnswer(body: string): ErrorAnswer {
  const json = parseJson(body)
  if (!isRecord(json)) return {}
  const { errorCode } = json
  const plain =
    typeof errorCode === 'string' && PLAIN_TOKEN.test(errorCode) && !errorCode.includes('::')
  return {
    message: textOf(json.message, LIMITS.message),
    ...(plain ? { errorCode } : {})
  }
}

/** The fields of a Wassenger device this action uses. */
export interface DeviceInfo {
  /** 24 hex characters, lower case. */
  readonly id: string
  readonly alias?: string
  readonly phone?: string
  /** The number's own `status` in the account: operative, unpaid, banned… */
  readonly status?: string
  /** Its `session.status`: online, offline, authorize… */
  readonly sessionStatus?: string
}

/**
 * A page of `GET /devices?search=`: every entry read, or undefined when the answer is not a
 * list of devices with IDs Wassenger could have issued. Reading is linear in the answer.
 */
export function readDeviceList(body: string): readonly DeviceInfo[] | undefined {
  const json = parseJson(body)
  if (!Array.isArray(json)) return undefined
  const devices: DeviceInfo[] = []
  for (const entry of json) {
    const device = deviceOf(entry)
    if (device === undefined) return undefined
    devices.push(device)
  }
  return devices
}

function deviceOf(json: unknown): DeviceInfo | undefined {
  if (!isRecord(json) || typeof json.id !== 'string' || !DEVICE_ID.test(json.id)) return undefined
  const session = isRecord(json.session) ? json.session : {}
  return {
    id: json.id.toLowerCase(),
    alias: textOf(json.alias, LIMITS.name),
    phone: textOf(json.phone, LIMITS.phone),
    status: textOf(json.status, LIMITS.name),
    sessionStatus: textOf(session.status, LIMITS.name)
  }
}

/** A poll of `GET /devices/{id}`: the session status, or why the answer cannot be used. */
export type SessionReading =
  | {
      readonly ok: true
      /** `session.status`: online, offline, authorizing… */
      readonly status: string
      /** The number's own `status` in the account: operative, unpaid, banned… */
      readonly numberStatus?: string
    }
  | { readonly ok: false; readonly problem: string }

/** The answer must be about the number polled; its `session.status` is '' when it has none. */
export function readSession(body: string, id: string): SessionReading {
  const json = parseJson(body)
  if (!isRecord(json)) return { ok: false, problem: 'the answer is not a JSON object' }
  if (typeof json.id !== 'string' || json.id.toLowerCase() !== id) {
    return { ok: false, problem: 'the answer is not about the number polled (its id differs)' }
  }
  const session = isRecord(json.session) ? json.session : {}
  const number = textOf(json.status, LIMITS.name)
  return {
    ok: true,
    status: textOf(session.status, LIMITS.name) ?? '',
    ...(number === undefined ? {} : { numberStatus: number })
  }
}

/** An answer as the summary shows it: JSON pretty-printed when it can be, else as received. */
export interface ShownBody {
  readonly text: string
  readonly language: 'json' | 'text'
}

export function showBody(body: string): ShownBody {
  const json = parseJson(body)
  if (json === undefined || !depthAtMost(json, MAX_SHOWN_DEPTH))
    return { text: body, language: 'text' }
  return { text: JSON.stringify(json, null, 2), language: 'json' }
}

/** Whether no value in `json` is nested deeper than `limit`: a walk without recursion. */
function depthAtMost(json: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: json, depth: 1 }]
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue
    if (item.depth > limit) return false
    for (const child of Object.values(item.value))
      stack.push({ value: child, depth: item.depth + 1 })
  }
  return true
}

/** The JSON in `text` (a leading byte order mark dropped), or undefined when it holds none. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text)
  } catch {
    return undefined
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// The one answer that matters most: a success body of the auth-code request, read into the
// code the person types and how long it is valid.
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

/**
 * How long a code lives when Wassenger does not say: WhatsApp's linking socket lives about 160 s
 * (whatsmeow's PairPhone), so a code is not replaced before that.
 */
export const USUAL_VALIDITY_MS = 160_000

/** How long a code is valid from its answer's arrival: what the answer said, or the usual. */
export const validityOf = (code: AuthCode): number => code.validMs ?? USUAL_VALIDITY_MS

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
