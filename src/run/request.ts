import { readCodeAnswer, showBody } from '../wassenger/answers.js'
import { consoleUrl, LINK_STEPS } from '../report/code.js'
import { plural } from '../text/format.js'
import { describeRef, resolveDevice } from './lookup.js'
import { describeFailure, type FailureContext } from '../report/failures.js'
import type { GivenPhone, Inputs, InputProblem } from '../inputs/inputs.js'
import type { Phone } from '../inputs/phone.js'
import { emptyResult, type RunResult } from './result.js'
import { createRenewal } from './renew.js'
import { waitUntilOnline } from './wait.js'
import { createClient, type ClientDeps } from '../wassenger/client.js'

export interface CoreDeps extends ClientDeps {
  /** Called as soon as the code is known, before any wait: the person needs it now. */
  readonly announce: (result: RunResult) => void
}

/**
 * The action's work, given checked inputs: find the number, request the code (one POST plus
 * retries), announce it, then, when asked, wait until the number's session is online.
 */
export async function requestAuthCode(
  inputs: Inputs,
  phones: readonly GivenPhone[],
  deps: CoreDeps
): Promise<RunResult> {
  const client = createClient(inputs, deps)
  const contextFor = (device: string): FailureContext => ({
    host: new URL(inputs.apiUrl).host,
    timeoutMs: inputs.timeoutMs,
    device,
    phoneGiven: inputs.phone !== undefined,
    redact: text => deps.redactor.text(text)
  })
  const start = emptyResult({
    force: inputs.force,
    phone: inputs.phone && { masked: inputs.phone.masked },
    next: ''
  })
  const warnings = [...phoneWarnings(phones), ...renewWarnings(inputs)]

  const resolved = await resolveDevice(
    inputs.device,
    client,
    contextFor(describeRef(inputs.device)),
    deps
  )
  if (!resolved.ok) {
    const { failure } = resolved
    return { ...start, warnings, failure, next: failure.message }
  }
  const { id, alias } = resolved.device
  const context = contextFor(`ID ${id}`)

  const request = { device: id, force: inputs.force, phone: inputs.phone?.e164 }
  const { last, attempts } = await client.requestAuthCode(request)
  const answered = {
    ...start,
    status: last.status === undefined ? '' : String(last.status),
    response: last.body,
    responseBytes: last.bytes,
    shownResponse: showBody(last.body),
    device: id,
    alias,
    attempts,
    warnings: last.invalidUtf8 ? [...warnings, INVALID_UTF8] : warnings
  }
  const failure = describeFailure(last, context, { method: 'POST', attempts })
  if (failure) return { ...answered, failure, next: failure.message }

  const { code, ignored } = readCodeAnswer(last.body, deps.now())
  for (const note of ignored) deps.debug(`In Wassenger's answer, ${note}: ignored.`)
  const renewing = inputs.renew > 0 && inputs.waitMs > 0 && code !== undefined
  const requested: RunResult = {
    ...answered,
    code,
    ...(renewing ? { codes: { issued: 1, max: inputs.renew + 1 } } : {}),
    next: code
      ? `Enter it now: ${LINK_STEPS}.`
      : `The code was requested, but Wassenger's answer does not carry it: read it in the Wassenger console at ${consoleUrl(id)}, then ${LINK_STEPS}.`
  }
  deps.announce(requested)
  if (inputs.waitMs === 0) return requested

  const renewal = renewing
    ? createRenewal(requested, request, inputs.renew, client, context, deps)
    : undefined
  if (renewal) {
    deps.log(
      `If this code runs out before it is entered, up to ${plural(inputs.renew, 'new code')} will be requested, each shown like this one.`
    )
  }
  const waited = await waitUntilOnline(
    id,
    client,
    { waitMs: inputs.waitMs, intervalMs: inputs.waitIntervalMs, afterPoll: renewal?.afterPoll },
    context,
    deps
  )
  return {
    ...(renewal?.current() ?? requested),
    sessionStatus: waited.sessionStatus,
    failure: waited.failure,
    next: waited.failure?.message ?? 'The number is linked: its WhatsApp session is online.'
  }
}

const INVALID_UTF8 =
  "Wassenger's answer is not valid UTF-8: the bytes that are not were replaced with U+FFFD in the response output and the summary."

function renewWarnings(inputs: Inputs): string[] {
  if (inputs.renew === 0 || inputs.waitMs > 0) return []
  return [
    `renew is ${inputs.renew}, but wait is 0: a new code is requested only while waiting for the number to be linked. Set wait (e.g. 300) to use renew.`
  ]
}

function phoneWarnings(phones: readonly GivenPhone[]): string[] {
  return phones
    .filter(({ phone }) => phone.outsideKnownRanges)
    .map(
      ({ input, phone }) =>
        `${input} ${phone.masked} has a possible length but is outside the number ranges known for its country; it was used as given. If Wassenger rejects it or no code arrives, check the number.`
    )
}

/** A run stopped before any request because inputs are unusable. */
export function invalidInputs(
  problems: readonly InputProblem[],
  given: { force: boolean; phone?: Phone }
): RunResult {
  const names = [...new Set(problems.map(problem => problem.input))].join(', ')
  const phoneInvalid = problems.some(problem => problem.input === 'phone')
  return {
    ...emptyResult({
      force: given.force,
      phone: phoneInvalid ? 'invalid' : given.phone && { masked: given.phone.masked },
      next: 'Fix the input and run again.'
    }),
    failure: {
      code: 'invalid-input',
      title: `Invalid input: ${names}`,
      message: `${problems.map(problem => problem.message).join(' ')} Nothing was sent to Wassenger.`
    }
  }
}
