import type { AuthCode } from '../wassenger/answers.js'
import { formatSeconds, formatTime } from '../text/format.js'

/** Where the person types the code, in WhatsApp's own words. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type the code'

/** The number's page in Wassenger's web console, where its code and QR code are shown. */
export const consoleUrl = (id: string): string => `https://app.wassenger.com/${id}/scan`

/** "Valid for 60 s, until 2026-11-24 17:53:10 UTC." */
export function validity(code: AuthCode): string {
  const until = code.expiresAt === undefined ? '' : ` until ${formatTime(code.expiresAt)}`
  if (code.expiresInSeconds !== undefined)
    return `Valid for ${formatSeconds(code.expiresInSeconds * 1000)},${until}.`
  return until ? `Valid${until}.` : 'Enter it within a minute or two.'
}
