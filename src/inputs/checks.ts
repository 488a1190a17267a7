import { plural, quoted, words, type Words } from '../text/words.js'
import { maskDigits, MIN_KEY_LENGTH } from '../text/redactor.js'
import { DEVICE_ID } from '../wassenger/answers.js'
import { parseDigits } from 'libphonenumber-js/min'
import { normalisePhone, startsLikePhone, type Phone } from './phone.js'

/** A checked input value, or what is wrong with it (a sentence's end, after "Input `x` "). */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Words }
export const ok = <T>(value: T): Checked<T> => ({ ok: true, value })
export const bad = <T>(problem: Words | string): Checked<T> => ({
  ok: false,
  problem: typeof problem === 'string' ? [problem] : problem
})

/** How the author named the number: its ID, its phone, or its alias. */
export type DeviceRef =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'phone'; readonly phone: Phone }
  | {
      readonly kind: 'alias'
      readonly alias: string
      /** How messages show it when it looks like a phone written without +. */
      readonly masked?: string
    }

export const DEFAULT_API_URL = 'https://api.wassenger.com/v1'

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** YAML 1.2 core-schema booleans, as GitHub's own `core.getBooleanInput` accepts. */
export function parseBoolean(value: string): Checked<boolean> {
  if (TRUE.includes(value)) return ok(true)
  if (FALSE.includes(value)) return ok(false)
  return bad(words`must be true or false (got ${quoted(value)})`)
}

export function parseApiKey(key: string): Checked<string> {
  if (key === '') {
    return bad(
      'is empty: pass your Wassenger API key from a secret, e.g. api-key: ${{ secrets.WASSENGER_API_KEY }}'
    )
  }
  // A key is one header value: anything else would break or smuggle headers. Never echo it.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return bad(
      'holds spaces, line breaks or non-ASCII characters: copy the key again into the secret, without extra text'
    )
  }
  if (key.length < MIN_KEY_LENGTH) {
    return bad(
      `is ${plural(key.length, 'character')} long, shorter than any Wassenger API key: check that the secret holds the whole key`
    )
  }
  return ok(key)
}

/**
 * Digits written as a phone, but without + and country code, in any script libphonenumber-js
 * reads (ASCII, full-width, Arabic-Indic...): shown masked like a phone.
 */
export function looksLikeUnprefixedPhone(text: string): boolean {
  return /^[\p{Nd}\s().\-/]+$/u.test(text) && parseDigits(text).length >= 7
}

/** A 24-hex ID as is; `+...` a phone number; anything else an alias. */
export function parseDevice(value: string): Checked<DeviceRef> {
  if (value === '') {
    return bad(
      'is empty: give the WhatsApp number as its Wassenger ID (24 hexadecimal characters such as 3bf5d1ff2ff2bd001696ac42), its phone number with + and country code, or its alias'
    )
  }
  if (DEVICE_ID.test(value)) return ok({ kind: 'id', id: value.toLowerCase() })
  if (startsLikePhone(value)) {
    const result = normalisePhone(value)
    return result.ok
      ? ok({ kind: 'phone', phone: result.phone })
      : bad(words`looks like a phone number but is not a usable one: ${result.problem}`)
  }
  const masked = looksLikeUnprefixedPhone(value) ? { masked: maskDigits(parseDigits(value)) } : {}
  return ok({ kind: 'alias', alias: value, ...masked })
}

export function parseOptionalPhone(value: string): Checked<Phone | undefined> {
  if (value === '') return ok(undefined)
  const result = normalisePhone(value)
  return result.ok ? ok(result.phone) : bad(words`is not a usable phone number: ${result.problem}`)
}

/** Loopback hosts: http:// is allowed there, as nothing leaves the machine. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/**
 * A URL a secret is sent to (the key to `api-url`, the messages to `notify-webhook`): https://,
 * or http:// on a loopback host, with no user name or password. Each input words the problem.
 */
export function readServiceUrl(
  value: string
): { ok: true; url: URL } | { ok: false; problem: 'not-a-url' | 'user-info' | 'clear-text' } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, problem: 'not-a-url' }
  }
  // An empty user info (`https://@host`) is dropped by URL: the text says it was there.
  if (url.username !== '' || url.password !== '' || /^[^/]*\/\/[^/?#]*@/.test(value)) {
    return { ok: false, problem: 'user-info' }
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return { ok: false, problem: 'clear-text' }
  }
  return { ok: true, url }
}

export function parseApiUrl(value: string): Checked<string> {
  // Checked on the text: URL drops an empty `?` or `#`, and would hide what was pasted there.
  if (/[?#]/.test(value)) {
    return bad(`must be a base URL without ? or #, e.g. ${DEFAULT_API_URL}`)
  }
  const read = readServiceUrl(value)
  if (read.ok) return ok(read.url.href.replace(/\/+$/, ''))
  switch (read.problem) {
    case 'not-a-url':
      return bad(words`is not a URL (got ${quoted(value)}); the default is ${DEFAULT_API_URL}`)
    case 'user-info':
      return bad('must not hold a user name or password: the key goes in api-key')
    case 'clear-text': {
      const { protocol, host } = new URL(value)
      return bad(
        words`must start with https:// so the API key never travels in clear text (http:// is allowed only for localhost, 127.x.x.x and [::1]); got ${quoted(`${protocol}//${host}`)}`
      )
    }
  }
}

/** A number of seconds from `min` to `max`, fractions allowed; as milliseconds. */
export function parseSeconds(value: string, min: number, max: number): Checked<number> {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min || Number(value) > max) {
    return bad(words`must be a number of seconds from ${min} to ${max} (got ${quoted(value)})`)
  }
  return ok(Math.round(Number(value) * 1000))
}

/** A whole number from `min` to `max`. */
export function parseWhole(value: string, min: number, max: number): Checked<number> {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    return bad(words`must be a whole number from ${min} to ${max} (got ${quoted(value)})`)
  }
  return ok(Number(value))
}
