import type { ActionIO } from './io.js'
import type { RunResult } from './result.js'
import { renderSummary, truncateUtf8, validity } from './summary.js'

/** GitHub refuses larger step outputs; the `response` output is cut to this. */
export const MAX_OUTPUT_BYTES = 1024 * 1024

export interface ReportOptions {
  readonly failOnError: boolean
}

/**
 * Puts the code where the person sees it at once: one notice on the run's page (or, without a
 * code, a log line saying where to read it). Called as soon as the code is known, before any wait.
 */
export function announce(result: RunResult, io: ActionIO): void {
  if (result.code) {
    io.annotate(
      'notice',
      `WhatsApp code: ${result.code.value}`,
      `${validity(result.code)} ${result.next}`
    )
  } else {
    io.info(result.next)
  }
}

/**
 * Tells the runner everything else the run learned: every output, the warnings, exactly one
 * annotation for a failure, the job summary and the exit code.
 */
export function report(result: RunResult, io: ActionIO, options: ReportOptions): void {
  const warnings = [...result.warnings]
  const response = truncateUtf8(result.response, MAX_OUTPUT_BYTES)
  if (result.responseBytes > MAX_OUTPUT_BYTES) {
    warnings.push(
      `Wassenger's answer is ${result.responseBytes} bytes; the response output holds only its first ${MAX_OUTPUT_BYTES} bytes (1 MiB, GitHub's limit for an output).`
    )
  }

  const outputs: Record<string, string> = {
    success: String(result.failure === undefined),
    status: result.status,
    response,
    device: result.device,
    'error-code': result.failure?.code ?? '',
    'error-message': result.failure?.message ?? '',
    attempts: String(result.attempts),
    'session-status': result.sessionStatus,
    code: result.code?.value ?? ''
  }
  io.setOutputs(outputs)

  for (const warning of warnings) io.annotate('warning', 'Wassenger auth code', warning)
  if (result.failure) {
    io.annotate(
      options.failOnError ? 'error' : 'warning',
      result.failure.title,
      result.failure.message
    )
  }

  io.appendSummary(renderSummary(result, options))
  if (result.failure && options.failOnError) io.setExitCode(1)
}
