/**
 * A sentence the action writes: its own words, with every piece of text from Wassenger or from
 * an input set apart as data. Where it is shown decides how data is made harmless (untrusted.ts):
 * in a log line it is one clean line, in the job summary it goes only inside code.
 */
export type Words = readonly Piece[]

type Piece = string | Data

/** Text from outside: a Wassenger answer, an input, an ID or a phone. */
export interface Data {
  readonly data: string
  /** Shown in quotes where it is not set in code: words, not an ID or a number. */
  readonly quoted?: boolean
}

export const data = (text: string | number): Data => ({ data: String(text) })
/** Data that reads as words (an alias, Wassenger's message): in quotes in a log line. */
export const quoted = (text: string): Data => ({ data: text, quoted: true })

/**
 * The action's own sentence, data set apart: words`No number has the alias ${data(alias)}.`.
 * A string or number placed in it is the action's own text; Words placed in it are spliced in.
 */
export function words(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<string | number | Data | Words>
): Words {
  const pieces: Piece[] = [strings[0] ?? '']
  for (const [index, value] of values.entries()) {
    if (typeof value === 'string' || typeof value === 'number') pieces.push(String(value))
    else if (isData(value)) pieces.push(value)
    else pieces.push(...value)
    pieces.push(strings[index + 1] ?? '')
  }
  return pieces.filter(piece => piece !== '')
}

const isData = (value: Data | Words): value is Data => 'data' in value

/** Sentences joined by a space. */
export const sentences = (...parts: ReadonlyArray<Words | string>): Words =>
  parts
    .filter(part => part.length > 0)
    .flatMap((part, index) => [
      ...(index > 0 ? [' '] : []),
      ...(typeof part === 'string' ? [part] : part)
    ])

/** The words as one plain text, data as it is (quoted data in quotes): what a log line shows. */
export const plain = (sentence: Words | string): string =>
  typeof sentence === 'string'
    ? sentence
    : sentence.map(piece => (typeof piece === 'string' ? piece : quote(piece))).join('')

const quote = (piece: Data): string => (piece.quoted ? `"${piece.data}"` : piece.data)

// Numbers and times as the messages show them.

/** `30 s`, `1.5 s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
}

/** `2026-11-24 21:22:30 UTC`. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** `1 attempt`, `3 attempts`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
