import { errorCode, isOnline, latestCode, type RunResult } from '../run/result.js'
import type { Untrusted } from '../text/untrusted.js'
import { data, plain } from '../text/words.js'
import { showBody } from '../wassenger/answers.js'
import { consoleUrl, nextStep, validity } from './code.js'
import { describeFailure } from './failures.js'

/** The most of Wassenger's answer the summary shows; the `response` output has the rest. */
const SUMMARY_BODY_BYTES = 64 * 1024

/** How the step ends: decided once, from these, for the summary, the annotations and the exit code. */
export interface Ending {
  /** false: a failure is reported as a warning and, unless outputs were lost, the step succeeds. */
  readonly failOnError: boolean
  /** Outputs the runner's file did not take: later steps cannot read them, so the step fails. */
  readonly unwritten: readonly string[]
}

/** Whether the step fails: a failure that fails it, or outputs that could not be written. */
export const stepFails = (result: RunResult, ending: Ending): boolean =>
  (result.failure !== undefined && ending.failOnError) || ending.unwritten.length > 0

/**
 * The job summary: the code (or the failure) first, then the facts, then Wassenger's answer.
 * The action's own words are written as they are; every piece of text from Wassenger or an
 * input goes in through `shown`, which sets it in code.
 */
export function renderSummary(result: RunResult, ending: Ending, shown: Untrusted): string {
  // Every piece is bounded (data cut at 1,000 characters, lists at five, the answer at 64 KiB),
  // so the whole stays far under GitHub's 1 MiB by construction; the property tests check it.
  const parts = [
    headline(result, ending, shown),
    lostOutputs(ending),
    facts(result, shown),
    answer(result, shown)
  ]
  return `${parts.filter(Boolean).join('\n\n')}\n`
}

function headline(result: RunResult, ending: Ending, shown: Untrusted): string {
  const { failure } = result
  const code = latestCode(result)
  if (failure) {
    const told = describeFailure(failure, result)
    const icon = ending.failOnError ? '❌' : '⚠️'
    const tail = stepFails(result, ending)
      ? ''
      : '\n\n_Reported as a warning: `fail-on-error` is `false`, so the step succeeded._'
    return `## ${icon} ${told.title}\n\n${shown.markdown(told.message)}${tail}`
  }
  const next = shown.markdown(nextStep(result))
  if (result.skipped) return `## ✅ WhatsApp number already linked\n\n${next}`
  // Waited until linked: the code has done its work, the news is the link.
  if (isOnline(result.sessionStatus)) return `## ✅ WhatsApp number linked\n\n${next}`
  if (code) {
    return [
      '## 🔑 WhatsApp authentication code',
      `# ${shown.markdown([data(code.value)])}`,
      `**${plain(validity(code))}** ${next}`
    ].join('\n\n')
  }
  // The device is a 24-hex ID (checked at the edge): the link is the action's own markup.
  const link = result.device
    ? `\n\n[Open the number in Wassenger's console](${consoleUrl(result.device.id)})`
    : ''
  return `## ✅ Authentication code requested\n\n${next}${link}`
}

/** Outputs lost fail the step whatever the result: said under the headline, never contradicted. */
function lostOutputs(ending: Ending): string {
  if (ending.unwritten.length === 0) return ''
  const names = ending.unwritten.map(name => `\`${name}\``).join(', ')
  return `**The step failed:** the runner's output file could not be written, so later steps cannot read ${names}.`
}

function facts(result: RunResult, shown: Untrusted): string {
  const { failure, device, answer } = result
  const latest = latestCode(result)
  const outcome = failure
    ? `❌ failed: ${shown.cell(errorCode(failure))}`
    : result.skipped
      ? '✅ linked already: nothing requested'
      : latest
        ? '✅ code received'
        : '✅ code requested'
  const number = device
    ? `${shown.cell(device.id)}${device.alias ? ` (${shown.cell(device.alias)})` : ''}`
    : '_not resolved_'
  // The phone given in `phone`, else the one `device` named the number by.
  const { ref } = result.asked
  const given = result.asked.phone ?? (ref?.kind === 'phone' ? ref.phone : undefined)
  const phone =
    given === 'invalid'
      ? '_invalid, see the error_'
      : given
        ? shown.cell(given.masked)
        : '_not given_'
  const rows: Array<[string, string]> = [
    ['Result', outcome],
    ['Number', number],
    ['Phone', phone],
    ['Force', result.asked.force ? '`true` (replaces the current session)' : '`false`'],
    ['HTTP status', answer?.status === undefined ? '_no answer_' : String(answer.status)],
    ['Attempts', String(result.attempts)]
  ]
  if (failure?.kind === 'refused' && failure.wassengerCode) {
    rows.push(["Wassenger's error code", shown.cell(failure.wassengerCode)])
  }
  // The code heads the summary unless a failure or the link does: then it is here.
  const headed = !failure && !isOnline(result.sessionStatus)
  if (latest && !headed) rows.push(['Code', shown.cell(latest.value)])
  if (result.asked.renew > 0 && result.sessionStatus !== undefined && latest) {
    rows.push([
      'Codes',
      `${result.codes.length} sent (\`renew\`: up to ${result.asked.renew} after the first); the latest is shown`
    ])
  }
  if (result.sessionStatus) rows.push(['Session', shown.cell(result.sessionStatus)])
  // What happened and what to do is said once, above the table; the error code is the Result.
  return ['| | |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join(
    '\n'
  )
}

function answer(result: RunResult, shown: Untrusted): string {
  const { answer } = result
  if (!answer || answer.body === '') return ''
  const { text, language } = showBody(answer.body)
  const { block, cut } = shown.codeBlock(text, language, SUMMARY_BODY_BYTES)
  const note = cut
    ? `\n\n_Cut at ${SUMMARY_BODY_BYTES / 1024} KiB; the \`response\` output holds the rest._`
    : ''
  const status = answer.status === undefined ? 'no status' : `HTTP ${answer.status}`
  return [
    `<details><summary>Answer from Wassenger (${status}, ${answer.bytes} bytes)</summary>`,
    '',
    `${block}${note}`,
    '',
    '</details>'
  ].join('\n')
}
