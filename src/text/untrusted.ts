import { plain, type Words } from './words.js'

/**
 * The one place through which text from Wassenger or from an input reaches what a person reads:
 * log lines and annotations (`line`), the job summary (`markdown`, `cell`, `codeBlock`). Format
 * characters go first (they could split a key or a phone), then the key and phone numbers are
 * hidden, and only then is anything cut to length, so that no cut can leave part of them behind.
 * In the summary, data goes only inside code, where GitHub's Markdown links, mentions and
 * markup nothing; the action's own words are written as they are.
 */
export interface Untrusted {
  /**
   * One harmless line for a log line or an annotation, at most MAX_LINE characters; or, given a
   * `max`, at most that (a piece of data in a chat message, a chat's refusal quoted).
   */
  line(text: string | Words, max?: number): string
  /** A sentence for the summary: the action's words as written, each piece of data a code span. */
  markdown(sentence: Words): string
  /** A code span for a table cell (`|` escaped, as GFM tables need even inside code). */
  cell(text: string): string
  /** A fenced block of at most `maxBytes` of UTF-8; `cut` when the text was longer. */
  codeBlock(text: string, language: string, maxBytes: number): { block: string; cut: boolean }
}

/** The longest log line, annotation message or `error-message` the action writes. */
const MAX_LINE = 1000

export function untrusted(redact: (text: string) => string): Untrusted {
  const shown = (text: string, max = MAX_LINE): string =>
    cut(oneLine(redact(withoutFormat(text))), max)
  return {
    line: (text, max) => shown(plain(text), max),
    markdown: sentence =>
      sentence
        .map(piece => (typeof piece === 'string' ? piece : codeSpan(shown(piece.data))))
        .join(''),
    cell: text => codeSpan(shown(text)).replace(/\|/g, '\\|'),
    codeBlock: (text, language, maxBytes) => {
      const all = redact(withoutFormat(text))
      const kept = truncateUtf8(all, maxBytes)
      const fence = '`'.repeat(Math.max(3, longestRun(kept) + 1))
      return { block: `${fence}${language}\n${kept}\n${fence}`, cut: kept.length < all.length }
    }
  }
}

// Line breaks (the runner also ends a line at a lone \r), other C0 and C1 controls, DEL, and
// the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

// Bidirectional and invisible format characters: they can make text display as something it is
// not (U+202E reverses what follows) or hide what it is (a zero-width space inside a key).
const FORMAT = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g

// Runs of white space, line breaks and other controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/g

/** Runs of white space, line breaks and other controls as one space each. */
export const foldSpaces = (text: string): string => text.replace(SPACES, ' ')

/** The text without bidirectional and invisible format characters. */
export function withoutFormat(text: string): string {
  return text.replace(FORMAT, '')
}

/**
 * One line that the runner cannot take for a command: no line break, and neither a leading
 * `::` (the runner trims the line first) nor the legacy `##[` anywhere.
 */
export function oneLine(text: string): string {
  return text
    .replace(CONTROLS, ' ')
    .replace(/##\[/g, '## [')
    .replace(/^(\s*)::/, '$1: :')
}

/** At most `max` characters (UTF-16 units, never half a pair), `…` marking a cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1
  return `${text.slice(0, end)}…`
}

/** `` `text` ``, with a fence longer than any backtick run; nothing for no text. */
function codeSpan(text: string): string {
  if (text === '') return ''
  const fence = '`'.repeat(longestRun(text) + 1)
  // A space each side keeps a backtick or a space at an end from being read as part of the fence.
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** The longest run of backticks in `text`. */
function longestRun(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0)
}

/** At most `limit` bytes of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, limit: number): string {
  const bytes = Buffer.from(text)
  return bytes.length <= limit ? text : completeUtf8(bytes.subarray(0, limit)).toString('utf8')
}

/** `bytes` without a multi-byte character that its end cuts short: where a cut of UTF-8 may end. */
export function completeUtf8(bytes: Buffer): Buffer {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the bounds only cap the reads
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0
    if ((byte & 0xc0) !== 0x80) {
      // A lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3, 11110xxx 4; ASCII stands alone.
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
      return length > back ? bytes.subarray(0, bytes.length - back) : bytes
    }
  }
  return bytes
}
