import { formatSeconds, formatTime } from './format.js'
import { isRecord, parseJson } from './json.js'
import type { AuthCode } from './result.js'

/** Where the person types the code, in WhatsApp's own words. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type the code'

// What a code the person can type looks like: letters and digits, maybe grouped by - or space.
const TYPABLE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,30}[A-Za-z0-9])?$/

/**
 * A string `code` at the top level of a success body or under `data`, with its validity when
 * given. A relative validity becomes a time on the clock (`now`), which is what the person needs.
 */
export function findCode(body: string, now: number): AuthCode | undefined {
  const json = parseJson(body)
  if (!isRecord(json)) return undefined
  for (const holder of [json, json.data]) {
    // A code with replaced bytes or markup cannot be typed: better no code than a wrong one.
    if (!isRecord(holder) || typeof holder.code !== 'string') continue
    const value = holder.code.trim()
    if (!TYPABLE.test(value)) continue
    const { expiresIn, expiresAt } = holder
    const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : undefined
    const at =
      typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))
        ? expiresAt
        : seconds === undefined
          ? undefined
          : new Date(now + seconds * 1000).toISOString()
    return {
      value,
      ...(seconds === undefined ? {} : { expiresInSeconds: seconds }),
      ...(at === undefined ? {} : { expiresAt: at })
    }
  }
  return undefined
}

/** "Valid for 60 s, until 2026-11-24 17:53:10 UTC." */
export function validity(code: AuthCode): string {
  const until = code.expiresAt ? ` until ${formatTime(Date.parse(code.expiresAt))}` : ''
  if (code.expiresInSeconds !== undefined)
    return `Valid for ${formatSeconds(code.expiresInSeconds * 1000)},${until}.`
  return until ? `Valid${until}.` : 'Enter it within a minute or two.'
}
