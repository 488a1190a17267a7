import type { Phone } from './phone.js'

/**
 * Text that must not leave the run as given, and what stands in its place: the API key
 * everywhere, phone numbers in everything a person reads (logs, annotations, the summary).
 */
export class Redactor {
  private readonly secrets: RegExp[] = []
  private readonly phones: Array<[RegExp, string]> = []

  /** The key, in every form an answer can carry it: as is, JSON-, HTML- or URL-escaped. */
  secret(value: string): void {
    if (value !== '') this.secrets.push(new RegExp([...value].map(anyEncoding).join(''), 'g'))
  }

  /** A phone, in any spacing, with or without its country code or national prefix. */
  phone(phone: Phone): void {
    this.phones.push([new RegExp(escapeRegExp(phone.given), 'g'), phone.masked])
    this.phones.push([phonePattern(phone), phone.masked])
  }

  /** For outputs: the key hidden, the rest as Wassenger sent it. */
  output(text: string): string {
    return this.secrets.reduce((out, secret) => out.replace(secret, '***'), text)
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

const HTML_NAMES: Record<string, string[]> = {
  '&': ['amp'],
  '<': ['lt'],
  '>': ['gt'],
  '"': ['quot'],
  "'": ['apos']
}

/** A hex number that matches in either case, with any leading zeros: `0*[4][fF]`. */
function hex(code: number): string {
  const digits = code.toString(16)
  return `0*${[...digits].map(d => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('')}`
}

/** One character of a secret, as it may appear escaped in JSON, HTML or a URL. */
function anyEncoding(char: string): string {
  const code = char.charCodeAt(0)
  const forms = [
    escapeRegExp(char),
    `\\\\[uU]${hex(code).replace('0*', '0{0,4}')}`,
    `&#0*${code};`,
    `&#[xX]${hex(code)};`,
    `%${hex(code).replace('0*', '')}`,
    ...(HTML_NAMES[char] ?? []).map(name => `&${name};`),
    ...('"\\/'.includes(char) ? [`\\\\${escapeRegExp(char)}`] : [])
  ]
  return `(?:${forms.join('|')})`
}

// What may stand between the digits of a written phone number.
const SEP = '[\\s\\u00a0().\\-/]*'

/** `+44 20 7946 0018`, `0044 20…`, `442079460018`, `020 7946 0018`, `(0)20 7946-0018`… */
function phonePattern(phone: Phone): RegExp {
  const national = [...phone.national].join(SEP)
  const international = `(?:(?:\\+|00)${SEP})?${phone.countryCode}${SEP}(?:\\(0\\)${SEP})?`
  return new RegExp(`(?<!\\d)(?:${international}|0${SEP})?${national}(?!\\d)`, 'g')
}
