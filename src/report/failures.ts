import { formatSeconds, plural } from '../text/format.js'
import type { HttpAttempt, HttpFailure } from '../wassenger/http.js'
import { LIMITS, readErrorAnswer, type ErrorAnswer } from '../wassenger/answers.js'
import { E164_HINT } from '../inputs/phone.js'
import type { Failure } from '../run/result.js'
import type { Method } from '../wassenger/retry.js'
import { cut, oneLine } from '../text/untrusted.js'

/** What the action knew when it sent a request, for messages that say what to do. */
export interface FailureContext {
  /** Wassenger's host, from api-url. */
  readonly host: string
  readonly timeoutMs: number
  /** How the number is named in messages: `ID 6123…`, `alias "Support"`, `phone +1******0100`. */
  readonly device: string
  readonly phoneGiven: boolean
  /** Hides the key and the phones in what Wassenger said, before it is cut to length. */
  readonly redact: (text: string) => string
}

/** The request whose last attempt is described: a POST was never repeated after a timeout. */
export interface Sent {
  readonly method: Method
  readonly attempts: number
}

/** The failure an attempt stands for, or undefined for a complete 2xx answer. */
export function describeFailure(
  attempt: HttpAttempt,
  context: FailureContext,
  sent: Sent
): Failure | undefined {
  if (attempt.kind === 'failure') return networkFailure(attempt, context, sent)
  if (attempt.status >= 200 && attempt.status < 300) return undefined
  return httpFailure(attempt.status, readErrorAnswer(attempt.body), context, sent)
}

function networkFailure(attempt: HttpFailure, context: FailureContext, sent: Sent): Failure {
  const tries = sent.attempts > 1 ? ` after ${plural(sent.attempts, 'attempt')}` : ''
  // A GET changes nothing and was retried; a POST may have been acted on and never is.
  const notRepeated =
    sent.method === 'POST'
      ? 'The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console before running again'
      : 'Check that Wassenger is reachable from the runner, then run again'
  switch (attempt.reason) {
    case 'timeout':
      return {
        code: 'timeout',
        title: 'Wassenger did not answer in time',
        message: `${context.host} sent no complete answer within ${formatSeconds(context.timeoutMs)} (the timeout input)${tries}. ${notRepeated}, or raise timeout.`
      }
    case 'connect':
      return {
        code: 'network-error',
        title: 'Could not reach Wassenger',
        message: `Could not connect to ${context.host}: ${attempt.detail}${tries}. Check api-url and the runner's network or proxy settings (https_proxy, no_proxy), then run again.`
      }
    case 'reset': {
      const during =
        attempt.status === undefined ? '' : ` after Wassenger answered HTTP ${attempt.status}`
      return {
        code: 'network-error',
        title: 'Connection to Wassenger broke',
        message: `The connection to ${context.host} was cut${during} before the answer was complete${tries}. ${notRepeated}.`
      }
    }
    case 'tls':
      return {
        code: 'network-error',
        title: 'Secure connection to Wassenger failed',
        message: `${attempt.detail} talking to ${context.host}. Check api-url, and that no proxy intercepts HTTPS on the runner.`
      }
    case 'network':
      return {
        code: 'network-error',
        title: 'Network error talking to Wassenger',
        message: `${attempt.detail} talking to ${context.host}${tries}. ${notRepeated}.`
      }
  }
}

function httpFailure(
  status: number,
  error: ErrorAnswer,
  context: FailureContext,
  sent: Sent
): Failure {
  const said = error.message ? ` Wassenger said: "${quote(error.message, context.redact)}".` : ''
  const failure = (title: string, message: string): Failure => ({
    // Wassenger's own code, when it is a plain token (answers.ts): an output others compare.
    code: error.errorCode ?? `http-${status}`,
    title,
    message
  })
  switch (status) {
    case 400: {
      const aboutPhone = /phone|number|e\.?164/i.test(error.message ?? '')
      const hint = !aboutPhone
        ? ' Check the device and phone inputs against what Wassenger said; if they are right, check the number in the Wassenger console.'
        : context.phoneGiven
          ? ` Check the phone input: ${E164_HINT}.`
          : ' This number was never connected, so Wassenger needs the phone that will receive the code: set the phone input, e.g. phone: "+1 600 123 4560".'
      return failure(
        'Wassenger rejected the request',
        `Wassenger rejected the request (HTTP 400).${said}${hint}`
      )
    }
    case 401:
      return failure(
        'Wassenger rejected the API key',
        'Wassenger rejected the API key (HTTP 401). Check the secret passed as api-key: it must hold a current API key of your Wassenger account.'
      )
    case 403:
      return failure(
        'API key lacks permission for this number',
        `The API key has no permission for number ${context.device} (HTTP 403).${said} Use a key of the account that owns the number, with API access (chat-agent keys have none), and check that the secret holds that key whole.`
      )
    case 404:
      return failure(
        'Number not found in Wassenger',
        `No number with ${context.device} in this Wassenger account (HTTP 404). Check the device input against the number's ID in the Wassenger console.`
      )
    case 409:
      return failure(
        'A WhatsApp session is already active',
        `Number ${context.device} already has an active WhatsApp session (HTTP 409).${said} To replace it, run again with force: true; this logs the current session out.`
      )
    case 429:
      return failure(
        'Wassenger is rate-limiting',
        `Wassenger is still rate-limiting after ${plural(sent.attempts, 'attempt')} (HTTP 429). Wait a few minutes, then run again.`
      )
  }
  if (status >= 500) {
    const tries = sent.attempts > 1 ? ` after ${plural(sent.attempts, 'attempt')}` : ''
    return failure(
      'Wassenger is failing',
      `Wassenger is failing (HTTP ${status})${tries}.${said} Try again in a few minutes.`
    )
  }
  return failure(
    `Wassenger answered HTTP ${status}`,
    `Wassenger refused the request (HTTP ${status}).${said} ${OTHER_4XX[status] ?? OTHER_ADVICE}`
  )
}

/** What to check for the 4xx statuses Wassenger documents beyond those above. */
const OTHER_4XX: Readonly<Record<number, string>> = {
  402: "The Wassenger account's plan does not cover this: check its billing in the Wassenger console.",
  410: 'The number is gone from this Wassenger account: check the device input in the Wassenger console.',
  413: 'The request was too large for Wassenger: check that the phone input holds one phone number.'
}
const OTHER_ADVICE =
  "Check api-url (Wassenger's API base, e.g. https://api.wassenger.com/v1), the device input and the number in the Wassenger console, then run again."

/** Wassenger's words, secrets and phones hidden first, on one line, cut to length. */
export function quote(text: string, redact: (text: string) => string): string {
  return cut(oneLine(redact(text)).replace(/\s+/g, ' '), LIMITS.message)
}
