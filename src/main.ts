import { fileURLToPath } from 'node:url'
import { actionsIO } from './report/runner.js'
import { sendHttp } from './wassenger/http.js'
import { MIN_KEY_LENGTH } from './inputs/checks.js'
import { readInputs } from './inputs/inputs.js'
import { guarded, type ActionIO } from './report/io.js'
import { Redactor } from './text/redactor.js'
import { createReporter, type Reporter } from './report/reporter.js'
import { invalidInputs, requestAuthCode, type CoreDeps } from './run/request.js'
import type { RunResult } from './run/result.js'
import { sourceMapped } from './report/stack.js'
import { untrusted } from './text/untrusted.js'

/** The real world: the network, the clock, randomness for jitter. */
export function defaultDeps(io: ActionIO, redactor: Redactor, reporter: Reporter): CoreDeps {
  return {
    transport: sendHttp,
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    now: Date.now,
    random: Math.random,
    debug: io.debug,
    log: io.info,
    redactor,
    announce: result => reporter.announce(result)
  }
}

/** Runs the action: read and check inputs, request the code, report. Never rejects. */
export async function run(
  runner: ActionIO = actionsIO(),
  makeDeps: typeof defaultDeps = defaultDeps
): Promise<RunResult | undefined> {
  const redactor = new Redactor()
  const shown = untrusted(text => redactor.text(text))
  const io = guarded(runner, redactor, shown)
  const reporter = createReporter(io, shown)
  let failOnError = true
  try {
    // Hide the key before anything else can print it. A key too short to be real is an input
    // error, never sent; hiding it in the action's own text would garble the messages.
    const key = runner.getInput('api-key')
    if (key) runner.setSecret(key)
    if (key.length >= MIN_KEY_LENGTH) redactor.secret(key)
    const read = readInputs(name => runner.getInput(name))
    const phones = read.ok ? read.phones : []
    for (const { phone } of phones) redactor.phone(phone)
    if (!read.ok && read.given.phone) redactor.phone(read.given.phone)
    for (const text of read.unprefixedPhones) redactor.digits(text)
    failOnError = read.ok ? read.inputs.failOnError : read.given.failOnError

    const result = read.ok
      ? await requestAuthCode(read.inputs, phones, makeDeps(io, redactor, reporter))
      : invalidInputs(read.problems, read.given)
    await reporter.finish(result, { failOnError })
    return result
  } catch (error) {
    // A bug, not a Wassenger answer: one annotation, no stack trace; the detail goes to the debug
    // log. A code already announced keeps its notice and its output.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.debug(`Unexpected error: ${sourceMapped(detail, fileURLToPath(import.meta.url))}`)
    const message =
      'The action stopped on an unexpected internal error. Run the job again with debug logging enabled and report the debug log to the action’s maintainers.'
    const outputs = { success: 'false', 'error-code': 'internal-error', 'error-message': message }
    for (const [name, value] of Object.entries(outputs)) {
      try {
        io.setOutput(name, value)
      } catch {
        // The annotation below still tells the author.
      }
    }
    io.annotate(failOnError ? 'error' : 'warning', 'Wassenger auth code: internal error', message)
    if (failOnError) io.setExitCode(1)
    return undefined
  }
}
