import { consoleUrl, validity } from './code.js'
import { ONLINE, type RunResult } from '../run/result.js'
import type { Untrusted } from '../text/untrusted.js'

/** The most of Wassenger's answer the summary shows; the `response` output has the rest. */
export const SUMMARY_BODY_BYTES = 64 * 1024
/** GitHub refuses a larger job summary, and the code would be lost with it. */
export const MAX_SUMMARY_BYTES = 1024 * 1024

export interface SummaryOptions {
  /** false: a failure is reported as a warning and the step succeeds. */
  readonly failOnError: boolean
}

/**
 * The job summary: the code (or the failure) first, then the facts, then Wassenger's answer.
 * Every piece of text from Wassenger or an input goes in through `shown`.
 */
export function renderSummary(
  result: RunResult,
  options: SummaryOptions,
  shown: Untrusted
): string {
  const parts = [headline(result, options, shown), facts(result, shown)]
  const whole = [...parts, answer(result, shown)]
  // Every piece is bounded, so this holds by construction; should it not, the answer goes first.
  const markdown = `${whole.filter(Boolean).join('\n\n')}\n`
  if (Buffer.byteLength(markdown) <= MAX_SUMMARY_BYTES) return markdown
  return `${parts.join('\n\n')}\n`
}

function headline(result: RunResult, options: SummaryOptions, shown: Untrusted): string {
  const { failure, code } = result
  if (failure) {
    const icon = options.failOnError ? '❌' : '⚠️'
    const tail = options.failOnError
      ? ''
      : '\n\n_Reported as a warning: `fail-on-error` is `false`, so the step succeeded._'
    return `## ${icon} ${shown.markdown(failure.title)}\n\n${shown.markdown(failure.message)}${tail}`
  }
  // Waited until linked: the code has done its work, the news is the link.
  if (result.sessionStatus === ONLINE)
    return `## ✅ WhatsApp number linked\n\n${shown.markdown(result.next)}`
  if (code) {
    return [
      '## 🔑 WhatsApp authentication code',
      `# ${shown.code(code.value)}`,
      `**${validity(code)}** ${shown.markdown(result.next)}`
    ].join('\n\n')
  }
  // The device is a 24-hex ID (checked at the edge): the link is the action's own markup.
  const link = result.device
    ? `\n\n[Open the number in Wassenger's console](${consoleUrl(result.device)})`
    : ''
  return `## ✅ Authentication code requested\n\n${shown.markdown(result.next)}${link}`
}

function facts(result: RunResult, shown: Untrusted): string {
  const { failure } = result
  const outcome = failure
    ? `❌ failed: ${shown.code(failure.code)}`
    : result.code
      ? '✅ code received'
      : '✅ code requested'
  const number = result.device
    ? `${shown.code(result.device)}${result.alias ? ` (${shown.markdown(result.alias)})` : ''}`
    : '_not resolved_'
  const phone =
    result.phone === 'invalid'
      ? '_invalid, see the error_'
      : result.phone
        ? shown.code(result.phone.masked)
        : '_not given_'
  const rows: Array<[string, string]> = [
    ['Result', outcome],
    ['Number', number],
    ['Phone', phone],
    ['Force', result.force ? '`true` (replaces the current session)' : '`false`'],
    ['HTTP status', result.status ? shown.code(result.status) : '_no answer_'],
    ['Attempts', String(result.attempts)]
  ]
  // The code heads the summary unless a failure or the link does: then it is here.
  const headed = !failure && result.sessionStatus !== ONLINE
  if (result.code && !headed) rows.push(['Code', shown.code(result.code.value)])
  if (result.codes) {
    const { issued, max } = result.codes
    rows.push([
      'Codes',
      `${issued} sent (\`renew\`: up to ${max - 1} after the first); the latest is shown`
    ])
  }
  if (result.sessionStatus) rows.push(['Session', shown.code(result.sessionStatus)])
  // What happened and what to do is said once, above the table; the error code is the Result.
  return ['| | |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join(
    '\n'
  )
}

function answer(result: RunResult, shown: Untrusted): string {
  if (!result.shownResponse || result.response === '') return ''
  const { text, language } = result.shownResponse
  const { block, cut } = shown.codeBlock(text, language, SUMMARY_BODY_BYTES)
  const note = cut
    ? `\n\n_Cut at ${SUMMARY_BODY_BYTES / 1024} KiB; the \`response\` output holds the rest._`
    : ''
  return [
    `<details><summary>Answer from Wassenger (HTTP ${shown.markdown(result.status)}, ${result.responseBytes} bytes)</summary>`,
    '',
    `${block}${note}`,
    '',
    '</details>'
  ].join('\n')
}
