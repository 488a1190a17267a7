import { formatSeconds, formatTime } from '../text/format.js'
import { words, type Words } from '../text/words.js'
import type { AuthCode } from '../wassenger/answers.js'

/** Where the person types the code, in WhatsApp's own words. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type the code'

/**
 * How long a WhatsApp code lives when Wassenger does not say: about 160 s, the time limit of
 * WhatsApp's linking (the same figure the renewal waits for).
 */
export const USUAL_VALIDITY = 'Valid for about 160 s, the time WhatsApp gives a code.'

/** The number's page in Wassenger's web console, where its code and QR code are shown. */
export const consoleUrl = (id: string): string => `https://app.wassenger.com/${id}/scan`

/** "Valid for 60 s, until 2026-11-24 17:53:10 UTC." */
export function validity(code: AuthCode): Words {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: code-answer.ts sets both or neither
  if (code.validMs === undefined || code.until === undefined) return [USUAL_VALIDITY]
  return words`Valid for ${formatSeconds(code.validMs)}, until ${formatTime(code.until)}.`
}
