/**
 * What the `numbers` action tells the runner: its outputs, a log line, one error annotation on
 * failure, and a job summary with one table of every number read.
 */
import { maskPhone } from '../inputs/phone.js'
import type { NumbersResult, Verdict } from './list.js'
import { errorCode, type RunResult } from '../run/result.js'
import type { Untrusted } from '../text/untrusted.js'
import { plain, plural } from '../text/words.js'
import { describeFailure } from '../report/failures.js'
import type { ActionIO } from '../report/io.js'
import { createOutputs, writeSummary } from '../report/reporter.js'

/** The rows the summary shows at most: far under GitHub's 1 MiB, whatever was read. */
const MAX_ROWS = 1000

const VERDICTS: Readonly<Record<Verdict, string>> = {
  listed: '✅ listed',
  online: 'linked: its session is online',
  unlinkable: 'cannot be linked: its status',
  'beyond-max': 'not listed: beyond `max`'
}

export async function reportNumbers(
  io: ActionIO,
  shown: Untrusted,
  result: NumbersResult
): Promise<void> {
  const { failure } = result
  // The failure's words are the main action's: the run as they know it, with nothing requested.
  const asRun: RunResult = {
    asked: {
      force: false,
      phone: undefined,
      host: result.host,
      timeoutMs: result.timeoutMs,
      renew: 0
    },
    attempts: 0,
    codes: []
  }
  const told = failure && describeFailure(failure, asRun)
  const values = {
    numbers: JSON.stringify(result.listed),
    count: String(result.listed.length),
    read: String(result.numbers.length),
    more: String(result.more),
    success: String(failure === undefined),
    'error-code': failure ? errorCode(failure) : '',
    'error-message': told ? shown.line(told.message) : ''
  }
  const outputs = createOutputs(io)
  for (const [name, value] of Object.entries(values)) outputs.set(name, value)
  if (told) io.annotate('error', told.title, plain(told.message))
  else {
    const more = result.more ? ' (more were not listed: see the summary)' : ''
    io.info(
      `Read ${plural(result.numbers.length, 'number')}; listed ${result.listed.length}${more}.`
    )
  }
  outputs.sayLost()
  await writeSummary(io, () => summaryOf(result, shown, told ? `❌ ${told.title}` : undefined))
  if (failure || outputs.unwritten().length > 0) io.setExitCode(1)
}

/** One table of every number read, by alias: nothing outside its code cells is Wassenger's. */
function summaryOf(result: NumbersResult, shown: Untrusted, failed?: string): string {
  const heading = failed
    ? `## ${failed}`
    : `## WhatsApp numbers: ${plural(result.listed.length, 'number')} to relink, of ${result.numbers.length} read`
  const rows = [...result.numbers]
    .sort((a, b) => (a.device.alias ?? '').localeCompare(b.device.alias ?? ''))
    .slice(0, MAX_ROWS)
    .map(({ device, verdict }) => {
      const cells = [
        device.alias ? shown.cell(device.alias) : '',
        device.phone ? shown.cell(maskPhone(device.phone)) : '',
        device.status ? shown.cell(device.status) : '',
        device.sessionStatus ? shown.cell(device.sessionStatus) : '',
        VERDICTS[verdict],
        shown.cell(device.id)
      ]
      return `| ${cells.join(' | ')} |`
    })
  const cut =
    result.numbers.length > MAX_ROWS
      ? `\n\n_${result.numbers.length - MAX_ROWS} more not shown._`
      : ''
  const table =
    rows.length > 0
      ? [
          '| Alias | Phone | Status | Session | Listed | ID |',
          '| --- | --- | --- | --- | --- | --- |',
          ...rows
        ].join('\n')
      : ''
  return `${[heading, table].filter(Boolean).join('\n\n')}${cut}\n`
}
