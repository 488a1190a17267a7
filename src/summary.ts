import { parseJson } from './outcome.js'
import { ONLINE } from './session.js'
import type { AuthCode, RunResult } from './result.js'

/** The most of Wassenger's answer the summary shows; the `response` output has the rest. */
export const SUMMARY_BODY_BYTES = 64 * 1024

export interface SummaryOptions {
  /** false: a failure is reported as a warning and the step succeeds. */
  readonly failOnError: boolean
}

/** The job summary: the code (or the failure) first, then the facts, then Wassenger's answer. */
export function renderSummary(result: RunResult, options: SummaryOptions): string {
  return (
    [headline(result, options), facts(result), answer(result)].filter(Boolean).join('\n\n') + '\n'
  )
}

function headline(result: RunResult, options: SummaryOptions): string {
  const { failure, code } = result
  if (failure) {
    const icon = options.failOnError ? '❌' : '⚠️'
    const tail = options.failOnError
      ? ''
      : '\n\n_Reported as a warning: `fail-on-error` is `false`, so the step succeeded._'
    return `## ${icon} ${escapeText(failure.title)}\n\n${escapeText(failure.message)}${tail}`
  }
  // Waited until linked: the code has done its work, the news is the link.
  if (result.sessionStatus === ONLINE)
    return `## ✅ WhatsApp number linked\n\n${escapeText(result.next)}`
  if (code) {
    return [
      '## 🔑 WhatsApp authentication code',
      `# \`${code.value.replace(/`/g, '')}\``,
      `**${validity(code)}** ${escapeText(result.next)}`
    ].join('\n\n')
  }
  return `## ✅ Authentication code requested\n\n${escapeText(result.next)}`
}

/** "Valid for 60 s, until 17:53:10 UTC." */
export function validity(code: AuthCode): string {
  const until = code.expiresAt ? ` until ${formatTime(code.expiresAt)}` : ''
  if (code.expiresInSeconds !== undefined) return `Valid for ${code.expiresInSeconds} s,${until}.`
  return until ? `Valid${until}.` : 'Enter it within a minute or two.'
}

/** `2026-11-24 21:22:30 UTC`. Not toISOString: its first call costs about 0.2 ms of start-up. */
function formatTime(iso: string): string {
  const time = new Date(iso)
  const two = (n: number): string => String(n).padStart(2, '0')
  const date = `${time.getUTCFullYear()}-${two(time.getUTCMonth() + 1)}-${two(time.getUTCDate())}`
  return `${date} ${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} UTC`
}

function facts(result: RunResult): string {
  const rows: Array<[string, string]> = [
    [
      'Result',
      result.failure
        ? `❌ failed: \`${result.failure.code}\``
        : result.code
          ? '✅ code received'
          : '✅ code requested'
    ],
    ['Number', number(result)],
    ['Phone', result.phoneMasked ? `\`${result.phoneMasked}\`` : '_not given_'],
    ['Force', result.force ? '`true` (replaces the current session)' : '`false`'],
    ['HTTP status', result.status || '_no answer_'],
    ['Attempts', String(result.attempts)]
  ]
  if (result.sessionStatus) rows.push(['Session', `\`${result.sessionStatus}\``])
  if (result.failure) rows.push(['Error', `\`${result.failure.code}\`: ${result.failure.message}`])
  else rows.push(['Next', result.next])
  return [
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${escapeCell(value)} |`)
  ].join('\n')
}

function number(result: RunResult): string {
  if (!result.device) return '_not resolved_'
  return result.alias ? `\`${result.device}\` (${result.alias})` : `\`${result.device}\``
}

function answer(result: RunResult): string {
  if (result.response === '') return ''
  const json = parseJson(result.response)
  const pretty = json === undefined ? result.response : JSON.stringify(json, null, 2)
  const bytes = result.responseBytes
  const shown = truncateUtf8(pretty, SUMMARY_BODY_BYTES)
  const cut =
    shown.length < pretty.length
      ? `\n\n_Cut at ${SUMMARY_BODY_BYTES / 1024} KiB; the \`response\` output holds the rest._`
      : ''
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(shown) + 1))
  return [
    `<details><summary>Answer from Wassenger (HTTP ${result.status}, ${bytes} bytes)</summary>`,
    '',
    `${fence}${json === undefined ? 'text' : 'json'}`,
    shown,
    fence,
    `${cut}`,
    '</details>'
  ].join('\n')
}

/** At most `limit` bytes of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text
  return Buffer.from(text)
    .subarray(0, limit)
    .toString('utf8')
    .replace(/\uFFFD$/, '')
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
}

/** Text from Wassenger or the user must not become HTML or markdown structure. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
