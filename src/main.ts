import { invalidInputs, requestAuthCode, type CoreDeps } from './action.js'
import { sendHttp } from './http.js'
import { givenPhones, readInputs, type Inputs } from './inputs.js'
import { actionsIO, redacting, Redactor, type ActionIO } from './io.js'
import { announce, report } from './report.js'
import type { RunResult } from './result.js'

/** Phone numbers as given and as sent are shown masked everywhere the run writes text. */
function hidePhones(inputs: Inputs, io: ActionIO, redactor: Redactor): void {
  for (const [input, phone] of givenPhones(inputs)) {
    for (const form of [io.getInput(input).trim(), phone.e164, phone.e164.slice(1)]) {
      redactor.personal(form, phone.masked)
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** The real world: the network, the clock, randomness for jitter. */
export function defaultDeps(io: ActionIO): CoreDeps {
  return {
    transport: sendHttp,
    sleep,
    now: Date.now,
    random: Math.random,
    debug: io.debug,
    log: io.info,
    announce: result => announce(result, io)
  }
}

/** Runs the action: read and check inputs, request the code, report. Never throws. */
export async function run(
  rawIO: ActionIO = actionsIO(),
  makeDeps: (io: ActionIO) => CoreDeps = defaultDeps
): Promise<RunResult | undefined> {
  const redactor = new Redactor()
  const io = redacting(rawIO, redactor)
  let failOnError = true
  try {
    // Mask the key before anything else can print it.
    const rawKey = rawIO.getInput('api-key').trim()
    if (rawKey) {
      rawIO.setSecret(rawKey)
      redactor.secret(rawKey)
    }
    const read = readInputs(name => rawIO.getInput(name))
    failOnError = read.ok ? read.inputs.failOnError : read.failOnError
    if (read.ok) hidePhones(read.inputs, rawIO, redactor)
    const result = read.ok
      ? await requestAuthCode(read.inputs, makeDeps(io))
      : invalidInputs(read.problems)
    report(result, io, { failOnError })
    return result
  } catch (error) {
    // A bug, not a Wassenger answer: one annotation, no stack trace; the detail goes to the debug log.
    io.debug(
      `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    )
    const message =
      'The action stopped on an unexpected internal error. Run the job again with debug logging enabled and report the debug log to the action’s maintainers.'
    io.setOutputs({ success: 'false', 'error-code': 'internal-error', 'error-message': message })
    io.annotate(failOnError ? 'error' : 'warning', 'Wassenger auth code: internal error', message)
    if (failOnError) io.setExitCode(1)
    return undefined
  }
}
