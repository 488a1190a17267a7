import { formatSeconds, type Transport } from './http.js'
import type { InputProblem, Inputs } from './inputs.js'
import { interpret } from './outcome.js'
import type { RunResult } from './result.js'
import type { RetryDeps } from './retry.js'
import { createClient } from './wassenger.js'

export interface CoreDeps extends RetryDeps {
  readonly transport: Transport
  readonly debug: (message: string) => void
}

/** The action's work, given checked inputs: one auth-code request (plus retries), interpreted. */
export async function requestAuthCode(inputs: Inputs, deps: CoreDeps): Promise<RunResult> {
  const client = createClient(inputs, deps)
  const { last, attempts } = await client.requestAuthCode({
    device: inputs.device,
    force: inputs.force,
    phone: inputs.phone?.e164
  })
  const { failure, code, next } = interpret(last, {
    host: new URL(inputs.apiUrl).host,
    timeout: formatSeconds(inputs.timeoutMs),
    device: inputs.device,
    phoneGiven: inputs.phone !== undefined,
    attempts
  })
  const warnings: string[] = []
  if (inputs.phone?.outsideKnownRanges) {
    warnings.push(
      `phone ${inputs.phone.masked} has a possible length but is outside the number ranges known for its country; it was sent as given. If Wassenger rejects it or no code arrives, check the number.`
    )
  }
  if (last.invalidUtf8) {
    warnings.push(
      "Wassenger's answer is not valid UTF-8: the bytes that are not were replaced with U+FFFD in the response output and the summary."
    )
  }
  return {
    failure,
    status: last.status === undefined ? '' : String(last.status),
    response: last.body,
    responseBytes: last.bytes,
    device: inputs.device,
    attempts,
    // A relative validity becomes a time on the clock, which is what the person needs.
    code:
      code?.expiresInSeconds !== undefined && code.expiresAt === undefined
        ? { ...code, expiresAt: new Date(deps.now() + code.expiresInSeconds * 1000).toISOString() }
        : code,
    force: inputs.force,
    phoneMasked: inputs.phone?.masked,
    warnings,
    next
  }
}

/** A run stopped before any request because inputs are unusable. */
export function invalidInputs(problems: readonly InputProblem[]): RunResult {
  const names = [...new Set(problems.map(problem => `\`${problem.input}\``))].join(', ')
  return {
    failure: {
      code: 'invalid-input',
      title: `Invalid input: ${names.replace(/`/g, '')}`,
      message: `${problems.map(problem => problem.message).join(' ')} Nothing was sent to Wassenger.`
    },
    status: '',
    response: '',
    responseBytes: 0,
    device: '',
    attempts: 0,
    force: false,
    warnings: [],
    next: 'Fix the input and run again.'
  }
}
