// `min`: the metadata that checks lengths and number ranges, without what only formatting needs.
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min'
import type { PhoneForms } from '../text/redactor.js'
import { data, words, type Words } from '../text/words.js'

export interface Phone extends PhoneForms {
  /** As the author wrote it (trimmed): hidden wherever the run shows text. */
  readonly given: string
  /** E.164, as sent to Wassenger: `+16001234560`. */
  readonly e164: string
  /** `1` for +1 ...: kept readable in the masked form. */
  readonly countryCode: string
  /** The number without its country code: `6001234560`. */
  readonly national: string
  /** For logs and the summary: `+1******4560`. */
  readonly masked: string
  /** A possible length for its country but outside the number ranges libphonenumber knows. */
  readonly outsideKnownRanges: boolean
}

export type PhoneResult = { ok: true; phone: Phone } | { ok: false; problem: Words }

export const E164_HINT =
  'write it in international form: + then the country code and the number, e.g. +1 600 123 4560 or +44 20 7946 0000'

// What people type around a number: spaces, dashes, dots, slashes, brackets; its digits in any
// script libphonenumber-js reads (ASCII, full-width, Arabic-Indic...).
const HUMAN_FORMAT = /^\+[\p{Nd}\s\u00a0().\-/]*$/u

/** Whether a text is written as an international phone number: `+` or a full-width `＋` first. */
export const startsLikePhone = (text: string): boolean => /^[+\uff0b]/.test(text)

/** Normalises a human-formatted phone number to E.164, or says what is wrong with it. */
export function normalisePhone(raw: string): PhoneResult {
  // A full-width ＋ is the same +: one number, however its writer's keyboard spells it.
  const given = raw.trim()
  const text = given.replace(/^\uff0b/, '+')
  if (!text.startsWith('+')) {
    const digits = text.replace(/\D/g, '')
    // The suggestion is the whole number: masked like any other phone the run shows.
    const guess =
      text.startsWith('00') && digits.length > 2
        ? words` (did you mean ${data(maskPhone(`+${digits.slice(2)}`))}, with + instead of 00?)`
        : ''
    return { ok: false, problem: words`it has no + and country code${guess}; ${E164_HINT}` }
  }
  if (!HUMAN_FORMAT.test(text)) {
    return {
      ok: false,
      problem: [`it holds characters other than digits, spaces and - . / ( ); ${E164_HINT}`]
    }
  }
  // One parse on the way that every run takes; the reason for a refusal only when refusing.
  const parsed = parsePhoneNumberFromString(text)
  if (parsed === undefined || !parsed.isPossible()) {
    const reason =
      LENGTH_PROBLEMS[validatePhoneNumberLength(text) ?? ''] ?? 'it is not a possible phone number'
    return { ok: false, problem: [`${reason}; ${E164_HINT}`] }
  }
  return {
    ok: true,
    phone: {
      given,
      e164: parsed.number,
      countryCode: parsed.countryCallingCode,
      national: parsed.nationalNumber,
      masked: maskPhone(parsed.number, parsed.countryCallingCode),
      outsideKnownRanges: !parsed.isValid()
    }
  }
}

const LENGTH_PROBLEMS: Record<string, string> = {
  INVALID_COUNTRY: 'its country code is unknown',
  NOT_A_NUMBER: 'it is not a phone number',
  TOO_SHORT: 'it is too short for its country',
  TOO_LONG: 'it is too long for its country',
  INVALID_LENGTH: 'no number of its country has that length'
}

/** `+16001234560` -> `+1******4560`: the country code and the last four digits stay readable. */
export function maskPhone(e164: string, countryCallingCode?: string): string {
  const digits = e164.replace(/\D/g, '')
  const shown = 4
  const head =
    countryCallingCode ?? parsePhoneNumberFromString(`+${digits}`)?.countryCallingCode ?? ''
  if (digits.length <= head.length + shown) return `+${'*'.repeat(digits.length)}`
  const hidden = digits.length - head.length - shown
  return `+${head}${'*'.repeat(hidden)}${digits.slice(-shown)}`
}

/**
 * A phone as a Wassenger device's field may write it (`+44 (0)20 7946 0018`, `0044 20 7946 0018`,
 * `442079460018`) in E.164, as the input is normalised; undefined when it is not a phone number.
 */
export function e164Of(text: string): string | undefined {
  return parsePhoneNumberFromString(`+${text.trim().replace(/^(?:00|\+)/, '')}`)?.number
}
