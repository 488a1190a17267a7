/**
 * What the action says besides a failure: how long a code is valid, what to do next, each
 * warning, and how its messages name a number.
 */
import { looksLikeUnprefixedPhone, type DeviceRef } from '../inputs/checks.js'
import { maskPhone } from '../inputs/phone.js'
import type { ChatReport } from '../notify/webhook.js'
import { isOnline, type RunResult, type Warning } from '../run/result.js'
import { data, formatSeconds, formatTime, quoted, words, type Words } from '../text/words.js'
import { USUAL_VALIDITY_MS, type AuthCode, type DeviceInfo } from '../wassenger/answers.js'

/** Where the person types the code, in WhatsApp's own words. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type the code'

/** What the person is told when Wassenger does not say how long the code is valid. */
export const USUAL_VALIDITY = `Valid for about ${formatSeconds(USUAL_VALIDITY_MS)}, the time WhatsApp gives a code.`

/** The number's page in Wassenger's web console, where its code and QR code are shown. */
export const consoleUrl = (id: string): string => `https://app.wassenger.com/${id}/scan`

/** "Valid for 60 s, until 2026-11-24 17:53:10 UTC." */
export function validity(code: AuthCode): Words {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: answers.ts sets both or neither
  if (code.validMs === undefined || code.until === undefined) return [USUAL_VALIDITY]
  return words`Valid for ${formatSeconds(code.validMs)}, until ${formatTime(code.until)}.`
}

/** What the person should do now, on success: said under the code, or as the notice. */
export function nextStep(result: RunResult): Words {
  if (result.skipped) return [SKIPPED]
  if (isOnline(result.sessionStatus))
    return ['The number is linked: its WhatsApp session is online.']
  if (result.codes.length > 0) return [`Enter it now: ${LINK_STEPS}.`]
  // Stryker disable next-line OptionalChaining,StringLiteral: a code is requested only once the number's ID is known
  const id = result.device?.id ?? ''
  return [
    `The code was requested, but Wassenger's answer does not carry it: read it in the Wassenger console at ${consoleUrl(id)}, then ${LINK_STEPS}.`
  ]
}

/** What `skip-if-online` says when the number is linked. */
export const SKIPPED =
  'The number is linked: its WhatsApp session is online, so no code was requested (skip-if-online).'

/** A warning's words. */
export function warningMessage(warning: Warning): Words {
  switch (warning.kind) {
    case 'outside-known-ranges':
      return words`${warning.input} ${data(warning.masked)} has a possible length but is outside the number ranges known for its country; it was used as given. If Wassenger rejects it or no code arrives, check the number.`
    case 'renew-without-wait':
      return [
        `renew is ${warning.renew}, but wait is 0: a new code is requested only while waiting for the number to be linked. Set wait (e.g. 300) to use renew.`
      ]
    case 'renew-no-time':
      return [
        `renew is ${warning.renew}, but wait (${formatSeconds(warning.waitMs)}) ends before the code runs out with a minute left, so no new code can be requested. Raise wait (e.g. 600) to use renew.`
      ]
    case 'invalid-utf8':
      return [
        "Wassenger's answer is not valid UTF-8: the bytes that are not were replaced with U+FFFD in the response output and the summary."
      ]
  }
}

/** How messages name the number the author gave: `ID …`, `phone +1******0100`, `alias "Support"`. */
export function describeRef(ref: DeviceRef): Words {
  switch (ref.kind) {
    case 'id':
      return words`ID ${data(ref.id)}`
    case 'phone':
      return words`phone ${data(ref.phone.masked)}`
    case 'alias':
      return ref.masked ? words`alias ${data(ref.masked)}` : words`alias ${quoted(ref.alias)}`
  }
}

/** `6123…01 (alias "Support", phone +1******0100)`: enough to tell numbers apart and paste the right ID. */
export function describeDevice(device: DeviceInfo): Words {
  const alias = device.alias ? words`alias ${quoted(device.alias)}` : words`no alias`
  const phone = device.phone ? words`, phone ${data(maskPhone(device.phone))}` : []
  return words`${data(device.id)} (${alias}${phone})`
}

/** What an alias that looks like something else probably meant. */
export function hintFor(ref: DeviceRef): string {
  if (ref.kind !== 'alias') return ''
  const text = ref.alias
  if (/^[0-9a-f]+$/i.test(text) && /[a-f]/i.test(text) && /\d/.test(text) && text.length >= 16) {
    return `It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has ${text.length}.`
  }
  if (looksLikeUnprefixedPhone(text)) {
    return 'It looks like a phone number without + and country code: write it as + then the country code and the number, e.g. +44 20 7946 0000.'
  }
  return ''
}

/** How messages name the number: its ID once known, else as the author gave it. */
export const numberOf = (result: RunResult): Words =>
  result.device
    ? words`ID ${data(result.device.id)}`
    : result.asked.ref
      ? describeRef(result.asked.ref)
      : []

/** The one warning of a chat that did not accept a message: its host, never its URL. */
export function chatRefused(refused: NonNullable<ChatReport['refused']>): Words {
  const answer =
    refused.status === undefined
      ? words`got no answer (${quoted(refused.said)})`
      : words`answered HTTP ${refused.status}${refused.said ? words` (${quoted(refused.said)})` : []}`
  return words`The chat at ${data(refused.host)} did not accept a message: it ${answer}. Check the notify-webhook secret; the code, the outputs and the step's result are unaffected.`
}
