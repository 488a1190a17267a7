/**
 * The edge: every answer from Wassenger is read here, and only here, into a bounded, typed shape.
 * Numbers are range-checked, strings made one clean line and cut, and JSON too deep to
 * pretty-print is shown as text. Nothing past this module sees Wassenger's raw JSON; what
 * reaches a person still goes through untrusted.ts, which hides the key and the phones.
 */
import { cut, oneLine, withoutFormat } from '../text/untrusted.js'
import { isRecord, parseJson } from './json.js'

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

// Runs of white space, line breaks and other controls: one space each.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/g

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
  const text = oneLine(withoutFormat(head).replace(SPACES, ' ').trim())
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
    const device = readDevice(entry)
    if (device === undefined) return undefined
    devices.push(device)
  }
  return devices
}

function readDevice(json: unknown): DeviceInfo | undefined {
  if (!isRecord(json) || typeof json.id !== 'string' || !DEVICE_ID.test(json.id)) return undefined
  return {
    id: json.id.toLowerCase(),
    alias: textOf(json.alias, LIMITS.name),
    phone: textOf(json.phone, LIMITS.phone)
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
