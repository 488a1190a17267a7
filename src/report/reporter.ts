import type { DeviceRef } from '../inputs/checks.js'
import type { ChatReport, Refusal } from '../notify/webhook.js'
import { errorCode, latestCode, type RunResult, type Warning } from '../run/result.js'
import { truncateUtf8, type Untrusted } from '../text/untrusted.js'
import { data, formatSeconds, plain, quoted, words, type Words } from '../text/words.js'
import type { DeviceInfo } from '../wassenger/answers.js'
import { nextStep, renewalOf, SKIPPED, validity } from './code.js'
import { describeFailure } from './failures.js'
import type { ActionIO } from './io.js'
import { describeDevice, describeRef } from './number.js'
import { renderSummary, stepFails, type Ending } from './summary.js'

/** GitHub refuses larger step outputs; the `response` output is cut to this. */
const MAX_OUTPUT_BYTES = 1024 * 1024

interface ReportOptions {
  readonly failOnError: boolean
  /** What the posts to the team's chat came to, when there is a chat. */
  readonly chat?: ChatReport
}

/** Tells the runner what the run learned: the code the moment it is known, the rest at the end. */
export interface Reporter {
  /** A lookup found the number: one log line naming it. */
  found(ref: DeviceRef, device: DeviceInfo): void
  /** One warning annotation, the moment it is known. */
  warn(warning: Warning): void
  /**
   * Puts the latest code where the person is looking while the step still runs, before anything
   * that could fail: the `code` output, then the live log, where an annotation shows as
   * `Notice: <message>` (its title only on the run's page), so the message leads with the code;
   * then the code alone on a line, easy to select. Without a code, a notice says where to read it.
   */
  announce(result: RunResult): void
  /**
   * Every output once, the warnings, exactly one annotation for a failure, the job summary and
   * the exit code. A runner file that cannot be written, or a summary that cannot be rendered,
   * changes nothing else: outputs say so in one error, the summary in one warning.
   */
  finish(result: RunResult, options: ReportOptions): Promise<void>
}

/**
 * The step's outputs as the runner's file takes them: each value written once, and what the file
 * did not take remembered, to be said in one error annotation (both actions alike).
 */
export function createOutputs(io: ActionIO) {
  const written = new Map<string, string>()
  const unwritten = new Set<string>()
  let why = ''
  return {
    set(name: string, value: string): void {
      if (written.get(name) === value) return
      try {
        io.setOutput(name, value)
        written.set(name, value)
        unwritten.delete(name)
      } catch (error) {
        unwritten.add(name)
        why ||= reason(error)
      }
    },
    unwritten: (): string[] => [...unwritten],
    /** The one error annotation for outputs later steps cannot read, if any. */
    sayLost(): void {
      if (unwritten.size === 0) return
      io.annotate(
        'error',
        'Step outputs not written',
        `The runner's output file could not be written (${why}), so later steps cannot read ${[...unwritten].join(', ')}. Re-run the job; if it happens again, check the runner's disk and GITHUB_OUTPUT.`
      )
    }
  }
}

export function createReporter(io: ActionIO, shown: Untrusted): Reporter {
  const outputs = createOutputs(io)
  const say = (sentence: Words): void => io.info(plain(sentence))

  return {
    found(ref, device) {
      say(words`device ${describeRef(ref)} is number ${describeDevice(device)}.`)
    },

    warn(warning) {
      io.annotate('warning', 'Wassenger auth code', plain(warningMessage(warning)))
    },

    announce(result) {
      const code = latestCode(result)
      if (!code) {
        io.annotate('notice', 'WhatsApp code requested', plain(nextStep(result)))
        return
      }
      outputs.set('code', code.value)
      const renewal = renewalOf(result)
      const replaces = renewal ? ` (${renewal})` : ''
      io.annotate(
        'notice',
        `WhatsApp code: ${code.value}`,
        plain(words`WhatsApp code ${code.value}${replaces}. ${validity(code)} ${nextStep(result)}`)
      )
      io.info(`    ${code.value}`)
    },

    async finish(result, options) {
      const warnings: Words[] = []
      const bytes = result.answer?.bytes ?? 0
      if (bytes > MAX_OUTPUT_BYTES) {
        warnings.push([
          `Wassenger's answer is ${bytes} bytes; the response output holds only its first ${MAX_OUTPUT_BYTES} bytes (1 MiB, GitHub's limit for an output).`
        ])
      }
      const { failure } = result
      const told = failure && describeFailure(failure, result)
      // One line of at most 1,000 characters, the key and phones hidden, as the annotation says it.
      const message = told ? shown.line(told.message) : ''
      const latest = latestCode(result)
      const values: Record<string, string> = {
        success: String(failure === undefined),
        status: result.answer?.status === undefined ? '' : String(result.answer.status),
        response: truncateUtf8(result.answer?.body ?? '', MAX_OUTPUT_BYTES),
        device: result.device?.id ?? '',
        'error-code': failure ? errorCode(failure) : '',
        'wassenger-error-code': (failure?.kind === 'refused' && failure.wassengerCode) || '',
        'error-message': message,
        attempts: String(result.attempts),
        'session-status': result.sessionStatus ?? '',
        skipped: String(result.skipped === true),
        notified: String(options.chat?.notified ?? 0),
        code: latest?.value ?? ''
      }
      for (const [name, value] of Object.entries(values)) outputs.set(name, value)
      // How the step ends, decided once: the summary, the annotations and the exit code say it.
      const ending: Ending = { failOnError: options.failOnError, unwritten: outputs.unwritten() }
      if (result.skipped) io.annotate('notice', 'WhatsApp number already linked', SKIPPED)

      if (options.chat?.refused) warnings.push(chatRefused(options.chat.refused))
      for (const warning of warnings) io.annotate('warning', 'Wassenger auth code', plain(warning))
      if (told) io.annotate(options.failOnError ? 'error' : 'warning', told.title, message)
      outputs.sayLost()
      await writeSummary(io, () => renderSummary(result, ending, shown))
      if (stepFails(result, ending)) io.setExitCode(1)
    }
  }
}

/** Renders and writes the job summary; one warning, with why, when it cannot be. */
export async function writeSummary(io: ActionIO, render: () => string): Promise<void> {
  try {
    await io.writeSummary(render())
  } catch (error) {
    io.annotate(
      'warning',
      'Job summary not written',
      `The job summary could not be written (${reason(error)}); the outputs and the result above are complete.`
    )
  }
}

/** The first line of an error's message: enough to act on, no stack trace. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  // Stryker disable next-line StringLiteral: split always gives a first line
  return text.split('\n')[0] ?? ''
}

/** A warning's words. */
function warningMessage(warning: Warning): Words {
  switch (warning.kind) {
    case 'outside-known-ranges':
      return words`${warning.input} ${data(warning.masked)} has a possible length but is outside the number ranges known for its country; it was used as given. If Wassenger rejects it or no code arrives, check the number.`
    case 'renew-without-wait':
      return [
        `renew is ${warning.renew}, but wait is 0: a new code is requested only while waiting for the number to be linked. Set wait (e.g. 300) to use renew.`
      ]
    case 'renew-no-time':
      return [
        `renew is ${warning.renew}, but wait (${formatSeconds(warning.waitMs)}) ends before the code runs out with a minute left, so no new code can be requested. Raise wait (e.g. 600) to use renew.`
      ]
    case 'invalid-utf8':
      return [
        "Wassenger's answer is not valid UTF-8: the bytes that are not were replaced with U+FFFD in the response output and the summary."
      ]
    case 'unwatched':
      return [
        "This scheduled run waits for the number to be linked, but nobody watches a scheduled run's log and notify-webhook is empty, so nobody will see the code. Set notify-webhook to the team's chat (its secret may be missing, or in another environment)."
      ]
  }
}

/** The one warning of a chat that did not accept a message: its host, never its URL. */
function chatRefused(refused: Refusal): Words {
  const host = data(refused.host)
  if ('lateMs' in refused) {
    return words`The chat at ${host} did not answer within ${formatSeconds(refused.lateMs)}: the messages still pending were given up. Check the notify-webhook secret; the code, the outputs and the step's result are unaffected.`
  }
  const answer =
    refused.status === undefined
      ? words`got no answer (${quoted(refused.said)})`
      : words`answered HTTP ${refused.status}${refused.said ? words` (${quoted(refused.said)})` : []}`
  const format = refused.takes
    ? words`, and notify-format: that host takes the ${refused.takes} form`
    : []
  return words`The chat at ${host} did not accept a message: it ${answer}. Check the notify-webhook secret${format}; the code, the outputs and the step's result are unaffected.`
}
