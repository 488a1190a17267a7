import { validity } from './auth-code.js'
import type { ActionIO } from './io.js'
import type { RunResult } from './result.js'
import { renderSummary } from './summary.js'
import { truncateUtf8, type Untrusted } from './untrusted.js'

/** GitHub refuses larger step outputs; the `response` output is cut to this. */
export const MAX_OUTPUT_BYTES = 1024 * 1024

export interface ReportOptions {
  readonly failOnError: boolean
}

/**
 * Puts the code where the person is looking while the step still runs: the live log, where an
 * annotation shows as `Notice: <message>` (its title only on the run's page), so the message
 * leads with the code; then the code alone on a line, easy to select. Without a code, a log
 * line says where to read it. Called as soon as the code is known, before any wait.
 */
export function announce(result: RunResult, io: ActionIO): void {
  if (!result.code) return io.info(result.next)
  const { value } = result.code
  io.annotate(
    'notice',
    `WhatsApp code: ${value}`,
    `WhatsApp code ${value}. ${validity(result.code)} ${result.next}`
  )
  io.info(`    ${value}`)
}

/**
 * Tells the runner everything else the run learned: every output once, the warnings, exactly one
 * annotation for a failure, the job summary and the exit code. A runner file that cannot be
 * written changes nothing else: outputs say so in one error, the summary in one warning.
 */
export async function report(
  result: RunResult,
  io: ActionIO,
  shown: Untrusted,
  options: ReportOptions
): Promise<void> {
  const warnings = [...result.warnings]
  if (result.responseBytes > MAX_OUTPUT_BYTES) {
    warnings.push(
      `Wassenger's answer is ${result.responseBytes} bytes; the response output holds only its first ${MAX_OUTPUT_BYTES} bytes (1 MiB, GitHub's limit for an output).`
    )
  }
  // The summary goes to the runner's file in the background while the outputs are written.
  const summary = io.writeSummary(renderSummary(result, options, shown)).then(
    () => '',
    (error: unknown) => reason(error)
  )
  const unwritten = setOutputs(io, {
    success: String(result.failure === undefined),
    status: result.status,
    response: truncateUtf8(result.response, MAX_OUTPUT_BYTES),
    device: result.device,
    'error-code': result.failure?.code ?? '',
    'error-message': result.failure?.message ?? '',
    attempts: String(result.attempts),
    'session-status': result.sessionStatus,
    code: result.code?.value ?? ''
  })

  for (const warning of warnings) io.annotate('warning', 'Wassenger auth code', warning)
  if (result.failure) {
    const level = options.failOnError ? 'error' : 'warning'
    io.annotate(level, result.failure.title, result.failure.message)
  }
  if (unwritten) io.annotate('error', 'Step outputs not written', unwritten)

  const summaryProblem = await summary
  if (summaryProblem) {
    io.annotate(
      'warning',
      'Job summary not written',
      `The job summary could not be written (${summaryProblem}); the outputs and the result above are complete.`
    )
  }
  if ((result.failure && options.failOnError) || unwritten) io.setExitCode(1)
}

/** Writes each output once; says which could not be written, and why, or '' when all were. */
function setOutputs(io: ActionIO, outputs: Readonly<Record<string, string>>): string {
  const failed: string[] = []
  let why = ''
  for (const [name, value] of Object.entries(outputs)) {
    try {
      io.setOutput(name, value)
    } catch (error) {
      failed.push(name)
      why ||= reason(error)
    }
  }
  if (failed.length === 0) return ''
  return `The runner's output file could not be written (${why}), so later steps cannot read ${failed.join(', ')}. Re-run the job; if it happens again, check the runner's disk and GITHUB_OUTPUT.`
}

/** The first line of an error's message: enough to act on, no stack trace. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? ''
}
