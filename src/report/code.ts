/**
 * What the person holding the phone is told about a code, wherever it is shown: where to type
 * it, how long it is valid, which code it is, and what to do next.
 */
import { isOnline, latestCode, type RunResult } from '../run/result.js'
import { formatSeconds, formatTime, words, type Words } from '../text/words.js'
import { USUAL_VALIDITY_MS, type AuthCode } from '../wassenger/answers.js'

/** Where the person types the code, in WhatsApp's own words, on either phone. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices (iPhone) or WhatsApp > ⋮ (More options) > Linked devices (Android), then Link a device > Link with phone number instead, and type the code'

/** What the person is told when Wassenger does not say how long the code is valid. */
export const USUAL_VALIDITY = `Valid for about ${formatSeconds(USUAL_VALIDITY_MS)}, the time WhatsApp gives a code.`

/** The number's page in Wassenger's web console, where its code and QR code are shown. */
export const consoleUrl = (id: string): string => `https://app.wassenger.com/${id}/scan`

/** "Valid for 60 s, until 2026-11-24 17:53:10 UTC." */
export function validity(code: AuthCode): Words {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: answers.ts sets both or none
  if (code.validMs === undefined || code.until === undefined) return [USUAL_VALIDITY]
  return words`Valid for ${formatSeconds(code.validMs)}, until ${formatTime(code.until)}.`
}

/** Which code the latest is, after the first: "2 of at most 3, it replaces the previous one". */
export function renewalOf(result: RunResult): string | undefined {
  const count = result.codes.length
  return count > 1
    ? `${count} of at most ${result.asked.renew + 1}, it replaces the previous one`
    : undefined
}

/** What `skip-if-online` says when the number is linked. */
export const SKIPPED =
  'The number is linked: its WhatsApp session is online, so no code was requested (skip-if-online).'

/** What the person should do now, on success: said under the code, or as the notice. */
export function nextStep(result: RunResult): Words {
  if (result.skipped) return [SKIPPED]
  if (isOnline(result.sessionStatus))
    return ['The number is linked: its WhatsApp session is online.']
  if (latestCode(result)) return [`Enter it now: ${LINK_STEPS}.`]
  // Stryker disable next-line OptionalChaining,StringLiteral: a code request knows the ID
  const id = result.device?.id ?? ''
  return [
    `The code was requested, but Wassenger's answer does not carry it: read it in the Wassenger console at ${consoleUrl(id)}, then ${LINK_STEPS}.`
  ]
}
