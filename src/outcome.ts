import type { HttpAttempt } from './http.js'
import { E164_HINT } from './phone.js'
import type { AuthCode, Failure } from './result.js'

/** What the action knew when it sent the request, for messages that say what to do. */
export interface RequestContext {
  readonly host: string
  readonly timeout: string
  readonly device: string
  readonly phoneGiven: boolean
  readonly attempts: number
}

export interface Interpretation {
  readonly failure?: Failure
  readonly code?: AuthCode
  readonly next: string
}

/** Where the person types the code, in WhatsApp's own words. */
export const LINK_STEPS =
  'on the phone, open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type the code'

/** Turns the last attempt at the auth-code request into a success or one actionable failure. */
export function interpret(attempt: HttpAttempt, context: RequestContext): Interpretation {
  const failure = describeFailure(attempt, context)
  if (failure) return { failure, next: failure.message }
  const code = findCode(parseJson(attempt.body))
  return code
    ? { code, next: `Enter it now: ${LINK_STEPS}.` }
    : {
        next: `The code was requested, but Wassenger's answer does not carry it: open the number in the Wassenger web console to read it, then ${LINK_STEPS}.`
      }
}

/** The failure an attempt stands for, or undefined for a complete 2xx answer. */
export function describeFailure(
  attempt: HttpAttempt,
  context: RequestContext
): Failure | undefined {
  if (attempt.kind === 'failure') return networkFailure(attempt, context)
  if (attempt.status >= 200 && attempt.status < 300) return undefined
  return httpFailure(attempt.status, wassengerError(parseJson(attempt.body)), context)
}

function networkFailure(
  attempt: Extract<HttpAttempt, { kind: 'failure' }>,
  context: RequestContext
): Failure {
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : ''
  switch (attempt.failure) {
    case 'timeout':
      return {
        code: 'timeout',
        title: 'Wassenger did not answer in time',
        message: `${context.host} sent no complete answer within ${context.timeout} (the timeout input). The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console before running again, or raise timeout.`
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
        message: `The connection to ${context.host} was cut${during} before the answer was complete. The request may have been carried out, so it was not repeated: check the number in the Wassenger console before running again.`
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
        message: `${attempt.detail} talking to ${context.host}. The request may have reached Wassenger, so it was not repeated: check the number in the Wassenger console, then run again.`
      }
  }
}

interface WassengerError {
  readonly message?: string
  readonly errorCode?: string
}

function httpFailure(status: number, error: WassengerError, context: RequestContext): Failure {
  const said = error.message ? ` Wassenger said: "${oneLine(error.message)}".` : ''
  const failure = (title: string, message: string): Failure => ({
    code: error.errorCode ?? `http-${status}`,
    title,
    message
  })
  switch (status) {
    case 400: {
      const aboutPhone = /phone|number|e\.?164/i.test(error.message ?? '')
      const hint = !aboutPhone
        ? ''
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
        `Wassenger rejected the API key (HTTP 401). Check the secret passed as api-key: it must hold a current API key of your Wassenger account.`
      )
    case 403:
      return failure(
        'API key lacks permission for this number',
        `The API key has no permission for number ${context.device} (HTTP 403).${said} Use a key of the account that owns the number, with API access (chat-agent keys have none), and check that the secret holds that key whole.`
      )
    case 404:
      return failure(
        'Number not found in Wassenger',
        `No number with ID ${context.device} in this Wassenger account (HTTP 404). Check the device input against the number's ID in the Wassenger console.`
      )
    case 409:
      return failure(
        'A WhatsApp session is already active',
        `Number ${context.device} already has an active WhatsApp session (HTTP 409).${said} To replace it, run again with force: true; this logs the current session out.`
      )
    case 429:
      return failure(
        'Wassenger is rate-limiting',
        `Wassenger is still rate-limiting after ${plural(context.attempts, 'attempt')} (HTTP 429). Wait a few minutes, then run again.`
      )
  }
  if (status >= 500) {
    return failure(
      'Wassenger is failing',
      `Wassenger is failing (HTTP ${status})${context.attempts > 1 ? ` after ${plural(context.attempts, 'attempt')}` : ''}.${said} Try again in a few minutes.`
    )
  }
  return failure(
    `Wassenger answered HTTP ${status}`,
    `Wassenger refused the request (HTTP ${status}).${said}`
  )
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A string `code` at the top level of the body or under `data`, with its validity when given. */
export function findCode(json: unknown): AuthCode | undefined {
  if (!isRecord(json)) return undefined
  for (const holder of [json, json.data]) {
    // A code with replaced bytes cannot be typed: better no code than a wrong one.
    if (
      !isRecord(holder) ||
      typeof holder.code !== 'string' ||
      !/^[\x20-\x7e]+$/.test(holder.code.trim())
    )
      continue
    const { expiresIn, expiresAt } = holder
    return {
      value: holder.code.trim(),
      ...(typeof expiresIn === 'number' && expiresIn > 0 ? { expiresInSeconds: expiresIn } : {}),
      ...(typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))
        ? { expiresAt }
        : {})
    }
  }
  return undefined
}

function wassengerError(json: unknown): WassengerError {
  if (!isRecord(json)) return {}
  const message =
    typeof json.message === 'string' && json.message.trim() ? json.message.trim() : undefined
  const errorCode =
    typeof json.errorCode === 'string' && json.errorCode.trim() ? json.errorCode.trim() : undefined
  return { message, errorCode }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').slice(0, 300)
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
