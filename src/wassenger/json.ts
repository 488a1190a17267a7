/** Reading JSON that Wassenger sent, which may be anything or nothing. */

/** The JSON in `text` (a leading byte order mark dropped), or undefined when it holds none. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text)
  } catch {
    return undefined
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
