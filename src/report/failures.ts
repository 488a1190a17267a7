/**
 * The action's sentences about a failure: its title and its message, built from the facts the
 * run returned. Data from outside is set apart in them (words.ts), so that each place shows it
 * harmlessly. The HTTP ones are in refusals.ts.
 */
import type { Call, Failure } from '../run/failure.js'
import type { RunResult } from '../run/result.js'
import { formatSeconds, plural } from '../text/format.js'
import { quoted, sentences, words, type Words } from '../text/words.js'
import type { DeviceInfo } from '../wassenger/answers.js'
import { consoleUrl } from './code.js'
import { describeDevice, hintFor, numberOf } from './names.js'
import { noAnswer, refused, type Told } from './refusals.js'

export function tell(failure: Failure, result: RunResult): Told {
  switch (failure.kind) {
    case 'invalid-input': {
      const names = [...new Set(failure.problems.map(problem => problem.input))].join(', ')
      return {
        title: `Invalid input: ${names}`,
        message: sentences(
          ...failure.problems.map(p => p.message),
          'Nothing was sent to Wassenger.'
        )
      }
    }
    case 'refused':
    case 'no-answer': {
      const told = failure.kind === 'refused' ? refused(failure, result) : noAnswer(failure, result)
      return { ...told, message: sentences(CALLS[failure.call](result), told.message) }
    }
    case 'not-found': {
      const how =
        // Stryker disable next-line OptionalChaining: a number not found was named by the author
        result.asked.ref?.kind === 'phone'
          ? 'with that phone number'
          : 'with that alias (compared whole, ignoring case and spacing)'
      const near =
        failure.otherCount > 0
          ? words`The search found ${list(failure.others, failure.otherCount)}, none ${how}.`
          : []
      return {
        title: 'Number not found in Wassenger',
        message: sentences(
          words`No number in this Wassenger account has the ${numberOf(result)}.`,
          near,
          // Stryker disable next-line StringLiteral: a number not found was named by the author
          result.asked.ref ? hintFor(result.asked.ref) : '',
          "Check the device input, or set it to the number's 24-hex ID."
        )
      }
    }
    case 'ambiguous':
      return {
        title: `${failure.hitCount} numbers match device`,
        message: words`${failure.hitCount} numbers in this Wassenger account have the ${numberOf(result)}: ${list(failure.hits, failure.hitCount)}. Set device to the ID of the one you mean.`
      }
    case 'bad-answer':
      return failure.call === 'lookup'
        ? {
            title: 'Malformed answer to the number lookup',
            message: words`Wassenger's answer to the number lookup is malformed (not a list of numbers with 24-hex IDs), so the ${numberOf(result)} could not be resolved and nothing was requested. Set device to the number's 24-hex ID instead.`
          }
        : {
            title: 'Malformed answer about the number',
            message: words`Wassenger's answer about number ${numberOf(result)} is not about that number, so its session could not be read and nothing was requested (skip-if-online). Check api-url, then run again.`
          }
    case 'unlinkable':
      return {
        title: `The number cannot be linked: it is ${failure.numberStatus}`,
        // Stryker disable next-line OptionalChaining: the number was read, so its ID is known
        message: words`Number ${numberOf(result)} is ${failure.numberStatus} in this Wassenger account, so no code can link it and nothing was requested. Settle that in the Wassenger console first, at ${consoleUrl(result.device?.id ?? '')}: pay its plan if it is unpaid, restore or add it again if it was removed, disabled or banned.`
      }
    case 'lookup-timeout':
      return {
        title: 'The number lookup took too long',
        message: words`Looking up the number by ${numberOf(result)} did not finish within ${formatSeconds(failure.limitMs)} (${plural(failure.pages, 'page')} read), so nothing was requested. Set device to the number's 24-hex ID, or check that Wassenger is answering, then run again.`
      }
    case 'wait-timeout': {
      const last = failure.lastStatus
        ? words`its last status was ${quoted(failure.lastStatus)}`
        : words`no status could be read`
      return {
        title: 'The number did not come online in time',
        message: words`The code was requested, but the number's session was not online within ${formatSeconds(failure.waitMs)} (the wait input); ${last}. If the code was not entered in time, run again for a new one; to wait longer, raise wait.`
      }
    }
  }
}

/** What each call's failure is about, said first. */
const CALLS: Readonly<Record<Call, (result: RunResult) => Words>> = {
  lookup: result => words`Looking up the number by ${numberOf(result)} failed.`,
  read: result =>
    words`Reading number ${numberOf(result)} failed, so nothing was requested (skip-if-online).`,
  authcode: () => [],
  poll: () => words`Reading the number's session failed.`
}

/** `a; b; c and 4 more`. */
function list(devices: readonly DeviceInfo[], count: number): Words {
  const more = count > devices.length ? ` and ${count - devices.length} more` : ''
  return words`${devices.flatMap((device, index) => [...(index > 0 ? ['; '] : []), ...describeDevice(device)])}${more}`
}
