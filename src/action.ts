import { describeRef, resolveDevice } from './devices.js'
import { formatSeconds } from './http.js'
import { givenPhones, type InputProblem, type Inputs } from './inputs.js'
import { interpret, type RequestContext } from './outcome.js'
import type { RunResult } from './result.js'
import { waitForOnline } from './session.js'
import { createClient, type ClientDeps } from './wassenger.js'

export interface CoreDeps extends ClientDeps {
  /** Called as soon as the code is known, before any wait: the person needs it now. */
  readonly announce: (result: RunResult) => void
}

/**
 * The action's work, given checked inputs: find the number, request the code (one POST plus
 * retries), then, when asked, wait for the number's session to come online.
 */
export async function requestAuthCode(inputs: Inputs, deps: CoreDeps): Promise<RunResult> {
  const client = createClient(inputs, deps)
  const context: Omit<RequestContext, 'attempts'> = {
    host: new URL(inputs.apiUrl).host,
    timeout: formatSeconds(inputs.timeoutMs),
    device: describeRef(inputs.device),
    phoneGiven: inputs.phone !== undefined
  }
  const base = {
    force: inputs.force,
    phoneMasked: inputs.phone?.masked,
    sessionStatus: '',
    warnings: phoneWarnings(inputs)
  }

  const resolved = await resolveDevice(inputs.device, client, context, deps.log)
  if (!resolved.ok) {
    const { failure } = resolved
    return {
      ...base,
      failure,
      status: '',
      response: '',
      responseBytes: 0,
      device: '',
      attempts: 0,
      next: failure.message
    }
  }
  const { id, alias } = resolved.device

  const { last, attempts } = await client.requestAuthCode({
    device: id,
    force: inputs.force,
    phone: inputs.phone?.e164
  })
  const { failure, code, next } = interpret(last, { ...context, device: id, attempts })
  const result: RunResult = {
    ...base,
    failure,
    status: last.status === undefined ? '' : String(last.status),
    response: last.body,
    responseBytes: last.bytes,
    device: id,
    alias,
    attempts,
    // A relative validity becomes a time on the clock, which is what the person needs.
    code:
      code?.expiresInSeconds !== undefined && code.expiresAt === undefined
        ? { ...code, expiresAt: new Date(deps.now() + code.expiresInSeconds * 1000).toISOString() }
        : code,
    warnings: last.invalidUtf8 ? [...base.warnings, INVALID_UTF8] : base.warnings,
    next
  }
  if (result.failure) return result
  deps.announce(result)
  if (inputs.waitMs === 0) return result

  const waited = await waitForOnline(
    id,
    client,
    { waitMs: inputs.waitMs, intervalMs: inputs.waitIntervalMs },
    { ...context, device: id },
    deps
  )
  return {
    ...result,
    sessionStatus: waited.sessionStatus,
    failure: waited.failure,
    next: waited.failure?.message ?? 'The number is linked: its WhatsApp session is online.'
  }
}

const INVALID_UTF8 =
  "Wassenger's answer is not valid UTF-8: the bytes that are not were replaced with U+FFFD in the response output and the summary."

function phoneWarnings(inputs: Inputs): string[] {
  return givenPhones(inputs)
    .filter(([, phone]) => phone.outsideKnownRanges)
    .map(
      ([input, phone]) =>
        `${input} ${phone.masked} has a possible length but is outside the number ranges known for its country; it was used as given. If Wassenger rejects it or no code arrives, check the number.`
    )
}

/** A run stopped before any request because inputs are unusable. */
export function invalidInputs(problems: readonly InputProblem[]): RunResult {
  const names = [...new Set(problems.map(problem => problem.input))].join(', ')
  return {
    failure: {
      code: 'invalid-input',
      title: `Invalid input: ${names}`,
      message: `${problems.map(problem => problem.message).join(' ')} Nothing was sent to Wassenger.`
    },
    status: '',
    response: '',
    responseBytes: 0,
    device: '',
    sessionStatus: '',
    attempts: 0,
    force: false,
    warnings: [],
    next: 'Fix the input and run again.'
  }
}
