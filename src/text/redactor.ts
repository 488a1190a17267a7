/** A phone number in the forms the redactor hides it by. */
export interface PhoneForms {
  /** As the author wrote it. */
  readonly given: string
  readonly countryCode: string
  /** The number without its country code. */
  readonly national: string
  /** What stands in its place: `+1******4560`. */
  readonly masked: string
}

/** A value the run must never show as given: the inputs hand these over, all in one list. */
export type Hidden =
  /** The API key, the chat's webhook URL and its token: hidden in every form an answer can carry. */
  | { readonly kind: 'secret'; readonly value: string }
  | { readonly kind: 'phone'; readonly phone: PhoneForms }
  /** A phone written without + and country code (a `device`): as given, and its ASCII digits. */
  | { readonly kind: 'digits'; readonly given: string; readonly digits: string }

/**
 * No real key is shorter. A shorter value is neither masked for the runner nor hidden in the
 * action's own text, which it would garble (it could be any common word); it is an input error.
 */
export const MIN_KEY_LENGTH = 8
/** Far above any real key or webhook URL: a longer value is an input error, never read into a pattern. */
const MAX_SECRET_LENGTH = 2048

/** `2125550100` -> `******0100`: digits of no known country keep only their last four. */
export function maskDigits(digits: string): string {
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`
}

/**
 * Text that must not leave the run as given, and what stands in its place: the API key
 * everywhere, phone numbers in everything a person reads (logs, annotations, the summary).
 */
export class Redactor {
  /** The key's forms that are one fixed string: as is, JSON-escaped, base64. Longest first. */
  private readonly literal: string[] = []
  private readonly keys: string[] = []
  /** Any character of a key as is or escaped, mixed freely; built on first need. */
  private escaped: RegExp | undefined
  private readonly phones: Array<[RegExp, string]> = []

  hide(value: Hidden): void {
    if (value.kind === 'secret') this.secret(value.value)
    else if (value.kind === 'phone') this.phone(value.phone)
    else this.digits(value.given, value.digits)
  }

  /** The key, in every form an answer can carry it. */
  private secret(value: string): void {
    if (value.length < MIN_KEY_LENGTH || value.length > MAX_SECRET_LENGTH) return
    this.keys.push(value)
    this.escaped = undefined
    this.literal.push(...literalForms(value))
    // Longest first, so that no form is left half-replaced by a shorter one inside it.
    this.literal.sort((a, b) => b.length - a.length)
  }

  /** A phone, in any spacing, with or without its country code or national prefix. */
  private phone(phone: PhoneForms): void {
    this.phones.push([new RegExp(escapeRegExp(phone.given), 'g'), phone.masked])
    this.phones.push([phonePattern(phone), phone.masked])
  }

  /** Digits that may be a phone written without + and country code: masked in any spacing. */
  private digits(given: string, digits: string): void {
    if (digits.length < 7) return
    const pattern = new RegExp(`(?<!${DIGIT})${spread(digits)}(?!${DIGIT})`, 'g')
    this.phones.push([new RegExp(escapeRegExp(given), 'g'), maskDigits(digits)])
    this.phones.push([pattern, maskDigits(digits)])
  }

  /** For outputs: the key hidden, the rest as Wassenger sent it. */
  output(text: string): string {
    const plain = this.literal.reduce((out, form) => out.split(form).join('***'), text)
    // Escaped forms need an escape character; most text has none, and then the pattern is never built.
    if (this.keys.length === 0 || !ESCAPE_MARK.test(plain)) return plain
    this.escaped ??= new RegExp(this.keys.map(escapedPattern).join('|'), 'g')
    return plain.replace(this.escaped, '***')
  }

  /** For what a person reads: the key and the phones hidden. */
  text(text: string): string {
    return this.phones.reduce(
      (out, [phone, masked]) => out.replace(phone, masked),
      this.output(text)
    )
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** The forms that are one string whatever the answer: as is, JSON-escaped, base64 and base64url. */
function literalForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  return [...new Set([secret, json, ...base64Forms(secret)])]
}

/**
 * The key base64-encoded inside any longer text: for each of the three alignments a key can
 * have within the encoded bytes, the characters that encode the key's bits alone.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret)
  return [0, 1, 2].flatMap(offset => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const core = encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6)
    )
    return [core, core.replace(/\+/g, '-').replace(/\//g, '_')]
  })
}

// A backslash (JSON), %XX, or one of XML's five entities: without one, no escaped form is there.
const ESCAPE_MARK = /\\|%[0-9a-fA-F]{2}|&(?:amp|lt|gt|quot|apos);/

// XML's escapes, as the runner's masker writes them (SecurityElement.Escape).
const XML: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

/** A hex number in either case: `3c` -> `3[cC]`. */
const anyCase = (hex: string): string =>
  [...hex].map(c => (/[a-f]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('')

/**
 * Each character of the key as is or in an escape that the runner's own masker hides a secret
 * in (actions/runner's value encoders), mixed freely: JSON's `\"`, `\\`, `\/` and `\u00XX`,
 * percent-encoding in any case, XML's five entities. No wider: every form here is one the
 * runner would hide too.
 */
function escapedPattern(secret: string): string {
  return [...secret]
    .map(char => {
      const hex = anyCase(char.charCodeAt(0).toString(16).padStart(2, '0'))
      const forms = [
        escapeRegExp(char),
        ...('"\\/'.includes(char) ? [`\\\\${escapeRegExp(char)}`] : []),
        `\\\\u00${hex}`,
        `%${hex}`,
        ...(XML[char] ? [XML[char]] : [])
      ]
      return `(?:${forms.join('|')})`
    })
    .join('')
}

// ASCII and full-width digits.
const DIGIT = '[\\d\\uff10-\\uff19]'
// What may stand between the digits of a written phone number: spaces, dashes of any kind,
// dots, underscores, slashes, brackets (full-width too), or a space encoded in a URL (+, %20).
const SEP =
  '(?:[\\s().+\\-_/\\u2010-\\u2015\\u2212\\uff08\\uff09\\uff0d\\uff0e\\uff0f\\uff3f]|%20)*'

/** Each digit as itself or its full-width form, anything in SEP between. */
const spread = (digits: string): string =>
  [...digits].map(d => `[${d}${String.fromCharCode(0xff10 + Number(d))}]`).join(SEP)

/** `+44 20 7946 0018`, `0044 20…`, `%2B442079460018`, `020-7946-0018`, `(0)20 7946 0018`… */
function phonePattern(phone: PhoneForms): RegExp {
  const national = spread(phone.national)
  const plus = '(?:\\+|\\uff0b|%2[bB]|00)'
  const international = `(?:${plus}${SEP})?${spread(phone.countryCode)}${SEP}(?:\\(0\\)${SEP})?`
  return new RegExp(
    `(?<!${DIGIT})(?:${international}|[0\\uff10]${SEP})?${national}(?!${DIGIT})`,
    'g'
  )
}
