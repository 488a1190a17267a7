import { isOnline, type RunResult, type Warning } from '../run/result.js'
import { formatSeconds } from '../text/format.js'
import { data, words, type Words } from '../text/words.js'
import { consoleUrl, LINK_STEPS } from './code.js'

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
