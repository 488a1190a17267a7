/** Reading JSON that Wassenger sent, which may be anything or nothing. */

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A non-empty string field, trimmed; undefined otherwise. */
export function textField(holder: Record<string, unknown>, name: string): string | undefined {
  const value = holder[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
