import type { Phone } from './phone.js'

/**
 * Text that must not leave the run as given, and what stands in its place: the API key
 * everywhere, phone numbers in everything a person reads (logs, annotations, the summary).
 */
export class Redactor {
  private readonly secrets: string[] = []
  private readonly phones: Array<[RegExp, string]> = []

  /** The key, in every form an answer can carry it: as is, JSON-, HTML- or URL-escaped. */
  secret(value: string): void {
    if (value !== '') this.secrets.push(...encodings(value))
    // Longest first, so that no form is left half-replaced by a shorter one inside it.
    this.secrets.sort((a, b) => b.length - a.length)
  }

  /** A phone, in any spacing, with or without its country code or national prefix. */
  phone(phone: Phone): void {
    this.phones.push([new RegExp(escapeRegExp(phone.given), 'g'), phone.masked])
    this.phones.push([phonePattern(phone), phone.masked])
  }

  /** For outputs: the key hidden, the rest as Wassenger sent it. */
  output(text: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join('***'), text)
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

const HTML_NAMES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}
const hex = (char: string): string => char.charCodeAt(0).toString(16).padStart(2, '0')

/**
 * The forms a secret takes when an answer echoes it: as is; JSON-escaped (also with `\/` and
 * with `\u00XX` for HTML-sensitive characters); HTML-escaped with names or numbers; URL-encoded.
 * Literal strings, not one pattern: a regular expression with an alternation for each character
 * costs milliseconds to compile on first use.
 */
function encodings(secret: string): string[] {
  const each = (encode: (char: string) => string): string => [...secret].map(encode).join('')
  const json = JSON.stringify(secret).slice(1, -1)
  const forms = [
    secret,
    json,
    json.replace(/\//g, '\\/'),
    each(c => ("<>&'".includes(c) ? `\\u00${hex(c)}` : JSON.stringify(c).slice(1, -1))),
    each(c => HTML_NAMES[c] ?? c),
    each(c => (HTML_NAMES[c] ? `&#${c.charCodeAt(0)};` : c)),
    each(c => (HTML_NAMES[c] ? `&#x${hex(c)};` : c)),
    encodeURIComponent(secret)
  ]
  // Hex digits come in either case.
  const hexDigits = /(\\u00|&#x|%)([0-9a-fA-F]{2})/g
  const withCase = forms.flatMap(form => [
    form,
    form.replace(hexDigits, (_, p: string, h: string) => p + h.toUpperCase()),
    form.replace(hexDigits, (_, p: string, h: string) => p + h.toLowerCase())
  ])
  return [...new Set(withCase)]
}

// What may stand between the digits of a written phone number.
const SEP = '[\\s\\u00a0().\\-/]*'

/** `+44 20 7946 0018`, `0044 20…`, `442079460018`, `020 7946 0018`, `(0)20 7946-0018`… */
function phonePattern(phone: Phone): RegExp {
  const national = [...phone.national].join(SEP)
  const international = `(?:(?:\\+|00)${SEP})?${phone.countryCode}${SEP}(?:\\(0\\)${SEP})?`
  return new RegExp(`(?<!\\d)(?:${international}|0${SEP})?${national}(?!\\d)`, 'g')
}
