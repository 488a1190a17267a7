/**
 * The action's sentences about a failure, one family: its title and its message, built from the
 * facts the run returned, for every kind of failure and every HTTP status. Data from outside is
 * set apart in them (words.ts), so that each place shows it harmlessly.
 */
import { E164_HINT } from '../inputs/phone.js'
import type { Call, Failure, RunResult } from '../run/result.js'
import { data, formatSeconds, plural, quoted, sentences, words, type Words } from '../text/words.js'
import type { DeviceInfo } from '../wassenger/answers.js'
import { consoleUrl } from './code.js'
import { describeDevice, hintFor, numberOf } from './number.js'

export function describeFailure(failure: Failure, result: RunResult): FailureWords {
  switch (failure.kind) {
    case 'invalid-input': {
      const names = [...new Set(failure.problems.map(problem => problem.input))].join(', ')
      return failing(
        `Invalid input: ${names}`,
        ...failure.problems.map(p => p.message),
        'Nothing was sent to Wassenger.'
      )
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
          ? words`The search found ${someOf(failure.others, failure.otherCount)}, none ${how}.`
          : []
      return failing(
        'Number not found in Wassenger',
        words`No number in this Wassenger account has the ${numberOf(result)}.`,
        near,
        // Stryker disable next-line StringLiteral: a number not found was named by the author
        result.asked.ref ? hintFor(result.asked.ref) : '',
        "Check the device input, or set it to the number's 24-hex ID."
      )
    }
    case 'ambiguous':
      return failing(
        `${failure.hitCount} numbers match device`,
        words`${failure.hitCount} numbers in this Wassenger account have the ${numberOf(result)}: ${someOf(failure.hits, failure.hitCount)}. Set device to the ID of the one you mean.`
      )
    case 'bad-answer':
      if (failure.call === 'list') {
        return failing(
          "Malformed answer to the list of the account's numbers",
          "Wassenger's answer to the list of the account's numbers is malformed (not a list of numbers with 24-hex IDs), so nothing was listed. Check api-url, then run again."
        )
      }
      return failure.call === 'lookup'
        ? failing(
            'Malformed answer to the number lookup',
            words`Wassenger's answer to the number lookup is malformed (not a list of numbers with 24-hex IDs), so the ${numberOf(result)} could not be resolved and nothing was requested. Set device to the number's 24-hex ID instead.`
          )
        : failing(
            'Malformed answer about the number',
            words`Wassenger's answer about number ${numberOf(result)} is not about that number, so its session could not be read and nothing was requested (skip-if-online). Check api-url, then run again.`
          )
    case 'unlinkable':
      return failing(
        `The number cannot be linked: it is ${failure.numberStatus}`,
        // Stryker disable next-line OptionalChaining: the number was read, so its ID is known
        words`Number ${numberOf(result)} is ${failure.numberStatus} in this Wassenger account, so no code can link it and nothing was requested. Settle that in the Wassenger console first, at ${consoleUrl(result.device?.id ?? '')}: pay its plan if it is unpaid, restore or add it again if it was removed, disabled or banned.`
      )
    case 'lookup-timeout':
      if (failure.call === 'list') {
        return failing(
          "Listing the account's numbers took too long",
          `Reading the account's numbers did not finish within ${formatSeconds(failure.limitMs)} (${plural(failure.pages, 'page')} read). Check that Wassenger is answering, then run again.`
        )
      }
      return failing(
        'The number lookup took too long',
        words`Looking up the number by ${numberOf(result)} did not finish within ${formatSeconds(failure.limitMs)} (${plural(failure.pages, 'page')} read), so nothing was requested. Set device to the number's 24-hex ID, or check that Wassenger is answering, then run again.`
      )
    case 'wait-timeout': {
      const last = failure.lastStatus
        ? words`its last status was ${quoted(failure.lastStatus)}`
        : words`no status could be read`
      return failing(
        'The number did not come online in time',
        words`The code was requested, but the number's session was not online within ${formatSeconds(failure.waitMs)} (the wait input); ${last}. If the code was not entered in time, run again for a new one; to wait longer, raise wait.`
      )
    }
  }
}

/** What each call's failure is about, said first. */
const CALLS: Readonly<Record<Call, (result: RunResult) => Words>> = {
  lookup: result => words`Looking up the number by ${numberOf(result)} failed.`,
  read: result =>
    words`Reading number ${numberOf(result)} failed, so nothing was requested (skip-if-online).`,
  authcode: () => [],
  poll: () => words`Reading the number's session failed.`,
  list: () => words`Reading the account's numbers failed.`
}

/** `a; b; c and 4 more`. */
function someOf(devices: readonly DeviceInfo[], count: number): Words {
  const more = count > devices.length ? ` and ${count - devices.length} more` : ''
  return words`${devices.flatMap((device, index) => [...(index > 0 ? ['; '] : []), ...describeDevice(device)])}${more}`
}

/** A failure as the annotation, the outputs and the summary say it. */
export interface FailureWords {
  readonly title: string
  readonly message: Words
}

/** A failure's title and its message, the sentences joined. */
const failing = (title: string, ...message: ReadonlyArray<Words | string>): FailureWords => ({
  title,
  message: sentences(...message)
})

/** The words for an answer that refused the request, by its status: what happened, what to do. */
function refused(failure: Extract<Failure, { kind: 'refused' }>, result: RunResult): FailureWords {
  const { status, tries } = failure
  const said = failure.said ? words`Wassenger said: ${quoted(failure.said)}.` : []
  const number = numberOf(result)
  // The list of numbers is `GET /devices`: a 404 there is not a number, but the wrong base URL.
  if (status === 404 && failure.call === 'list') {
    return failing(
      'No list of numbers at api-url',
      `Wassenger answered HTTP 404 to the list of numbers. ${CHECK_URL}`
    )
  }
  switch (status) {
    case 400: {
      const aboutPhone = /phone|number|e\.?164/i.test(failure.said ?? '')
      const hint = !aboutPhone
        ? 'Check the device and phone inputs against what Wassenger said; if they are right, check the number in the Wassenger console.'
        : result.asked.phone !== undefined
          ? `Check the phone input: ${E164_HINT}.`
          : 'This number was never connected, so Wassenger needs the phone that will receive the code: set the phone input, e.g. phone: "+1 600 123 4560".'
      return failing(
        'Wassenger rejected the request',
        'Wassenger rejected the request (HTTP 400).',
        said,
        hint
      )
    }
    case 401:
      return failing(
        'Wassenger rejected the API key',
        'Wassenger rejected the API key (HTTP 401). Check the secret passed as api-key: it must hold a current API key of your Wassenger account.'
      )
    case 403:
      return failing(
        'API key lacks permission for this number',
        words`The API key has no permission for number ${number} (HTTP 403).`,
        said,
        'Use a key of the account that owns the number, with API access (chat-agent keys have none), and check that the secret holds that key whole.'
      )
    case 404:
      return failing(
        'Number not found in Wassenger',
        words`No number with ${number} in this Wassenger account (HTTP 404). Check the device input against the number's ID in the Wassenger console.`
      )
    case 409:
      return failing(
        'A WhatsApp session is already active',
        words`Number ${number} already has an active WhatsApp session (HTTP 409).`,
        said,
        'To replace it, run again with force: true; this logs the current session out.'
      )
    case 429:
      return failing(
        'Wassenger is rate-limiting',
        `Wassenger is still rate-limiting after ${plural(tries, 'attempt')} (HTTP 429). Wait a few minutes, then run again.`
      )
  }
  if (status >= 500 && status < 600) {
    const after = tries > 1 ? ` after ${plural(tries, 'attempt')}` : ''
    return failing(
      'Wassenger is failing',
      [`Wassenger is failing (HTTP ${status})${after}.`],
      said,
      'Try again in a few minutes.'
    )
  }
  // Stryker disable next-line EqualityOperator: 400 and 500 are answered above
  if (status >= 400 && status < 500) {
    return failing(
      `Wassenger answered HTTP ${status}`,
      [`Wassenger refused the request (HTTP ${status}).`],
      said,
      OTHER_4XX[status] ?? CHECK_URL
    )
  }
  return failing(
    `Unexpected answer from Wassenger (HTTP ${status})`,
    [`Wassenger answered HTTP ${status}, which is not an answer the action can use.`],
    said,
    CHECK_URL
  )
}

/** What to check for the 4xx statuses Wassenger documents beyond those above. */
const OTHER_4XX: Readonly<Record<number, string>> = {
  402: "The Wassenger account's plan does not cover this: check its billing in the Wassenger console.",
  410: 'The number is gone from this Wassenger account: check the device input in the Wassenger console.',
  413: 'The request was too large for Wassenger: check that the phone input holds one phone number.'
}
const CHECK_URL =
  "Check api-url (Wassenger's API base, e.g. https://api.wassenger.com/v1), the device input and the number in the Wassenger console, then run again."

/** The words for no complete answer: what broke, where, and whether the request was sent. */
function noAnswer(
  failure: Extract<Failure, { kind: 'no-answer' }>,
  result: RunResult
): FailureWords {
  const { tries, call } = failure
  const host = data(result.asked.host)
  // Node's words for what broke, with its error code: data, as the host is.
  const detail = data(failure.detail)
  const after = tries > 1 ? ` after ${plural(tries, 'attempt')}` : ''
  // A GET changes nothing and was retried; a POST may have been acted on and never is.
  const notRepeated =
    call === 'authcode'
      ? 'The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console before running again'
      : 'Check that Wassenger is reachable from the runner, then run again'
  switch (failure.reason) {
    case 'timeout':
      return failing(
        'Wassenger did not answer in time',
        words`${host} sent no complete answer within ${formatSeconds(result.asked.timeoutMs)} (the timeout input)${after}. ${notRepeated}, or raise timeout.`
      )
    case 'connect':
      return failing(
        'Could not reach Wassenger',
        words`Could not connect to ${host}: ${detail}${after}. Check api-url and the runner's network or proxy settings (https_proxy, no_proxy), then run again.`
      )
    case 'reset': {
      const during =
        failure.status === undefined ? '' : ` after Wassenger answered HTTP ${failure.status},`
      return failing(
        'Connection to Wassenger broke',
        words`The connection to ${host} was cut${during} before the answer was complete${after}. ${notRepeated}.`
      )
    }
    case 'tls':
      return failing(
        'Secure connection to Wassenger failed',
        words`${detail} talking to ${host}. Check api-url, and that no proxy intercepts HTTPS on the runner.`
      )
    case 'network':
      return failing(
        'Network error talking to Wassenger',
        words`${detail} talking to ${host}${after}. ${notRepeated}.`
      )
  }
}
