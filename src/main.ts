import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'
import { readInputs } from './inputs/inputs.js'
import type { ClientDeps } from './wassenger/client.js'
import { openChat, type ChatReport } from './notify/webhook.js'
import { codeMessage, endMessage } from './report/chat.js'
import { type ActionIO, actionsIO, guarded } from './report/io.js'
import { createReporter, type Reporter } from './report/reporter.js'
import { invalidInputs, relink, type CoreDeps } from './run/request.js'
import type { RunResult } from './run/result.js'
import { Redactor, type Hidden } from './text/redactor.js'
import { untrusted } from './text/untrusted.js'
import { openNetwork } from './http/transport.js'

/** The edges of one run, and what ends all it opened once it has reported. */
export interface Edges extends ClientDeps {
  readonly close: () => void
}
type RunDeps = Edges & CoreDeps

/** The real world: the network, the clocks, randomness for jitter. */
export function openEdges(io: ActionIO, redactor: Redactor): Edges {
  const network = openNetwork()
  return {
    transport: network.transport,
    close: network.close,
    // An aborted wait ends at once, and takes its timer with it.
    sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
    // Deadlines and validities: a clock no one can step. The wall clock only prints times.
    now: () => performance.now(),
    wallNow: Date.now,
    random: Math.random,
    debug: io.debug,
    log: io.info,
    redactor
  }
}

/** The real world, and the reporter told of each step as it happens. */
export function defaultDeps(io: ActionIO, redactor: Redactor, reporter: Reporter): RunDeps {
  return {
    ...openEdges(io, redactor),
    found: (ref, device) => reporter.found(ref, device),
    warn: warning => reporter.warn(warning),
    announce: result => reporter.announce(result)
  }
}

/**
 * The runner as a run speaks to it: each line and annotation one harmless line, the secrets and
 * phones hidden once `hide` has them (a secret is masked for the runner too).
 */
export function guardedRunner(runner: ActionIO) {
  const redactor = new Redactor()
  const shown = untrusted(text => redactor.text(text))
  const hide = (values: readonly Hidden[]): void => {
    for (const value of values) {
      if (value.kind === 'secret') runner.setSecret(value.value)
      redactor.hide(value)
    }
  }
  return { redactor, shown, io: guarded(runner, redactor, shown), hide }
}

/** Runs the action: read and check inputs, request the code, report. Never rejects. */
export async function run(
  runner: ActionIO = actionsIO(),
  makeDeps: typeof defaultDeps = defaultDeps
): Promise<RunResult | undefined> {
  const { redactor, shown, io, hide } = guardedRunner(runner)
  const reporter = createReporter(io, shown)
  let failOnError = true
  let deps: RunDeps | undefined
  try {
    const read = readInputs(name => runner.getInput(name))
    // Hidden before anything can print them.
    hide(read.hidden)
    failOnError = read.ok ? read.inputs.failOnError : read.given.failOnError

    let result: RunResult
    let chat: ChatReport | undefined
    if (read.ok) {
      const edges = makeDeps(io, redactor, reporter)
      deps = edges
      const notify = read.inputs.notify && openChat(read.inputs.notify, { ...edges, shown })
      const context = runner.runContext()
      // Each code reaches the chat the moment it reaches the log; the post runs beside the wait.
      const announce = (announced: RunResult): void => {
        edges.announce(announced)
        notify?.post(() => codeMessage(announced, context))
      }
      // Nobody watches a scheduled run's log: without a chat, nobody sees its code.
      const unwatched =
        context.eventName === 'schedule' && read.inputs.waitMs > 0 && !read.inputs.notify
      result = await relink(read.inputs, read.phones, { ...edges, announce }, { unwatched })
      notify?.post(() => endMessage(result, context))
      chat = await notify?.settle()
    } else result = invalidInputs(read.problems, read.given)
    await reporter.finish(result, { failOnError, chat })
    return result
  } catch (error) {
    internalError(runner, io, error, failOnError)
    return undefined
  } finally {
    // Reported: nothing the network holds may keep the process alive now.
    deps?.close()
  }
}

/**
 * A bug, not a Wassenger answer: one annotation, no stack trace; the detail goes to the debug
 * log, traced to src/. A code already announced keeps its notice and its output.
 */
export function internalError(
  runner: ActionIO,
  io: ActionIO,
  error: unknown,
  failOnError: boolean
): void {
  try {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.debug(`Unexpected error: ${sourceMapped(detail, fileURLToPath(import.meta.url))}`)
  } catch {
    // Whatever broke may break the debug line too: the last resort below still says it.
  }
  lastResort(runner, failOnError)
}

/**
 * The last resort: `error-code` and the one annotation, whatever else is broken. Fixed words, so
 * they go to the runner as they are; each call on its own, so that none can stop the next.
 */
function lastResort(runner: ActionIO, failOnError: boolean): void {
  const message =
    'The action stopped on an unexpected internal error. Run the job again with debug logging enabled and report the debug log to the action’s maintainers.'
  const attempt = (call: () => void): void => {
    try {
      call()
    } catch {
      // The next call still may tell the author.
    }
  }
  attempt(() => runner.setOutput('success', 'false'))
  attempt(() => runner.setOutput('error-code', 'internal-error'))
  attempt(() => runner.setOutput('error-message', message))
  attempt(() =>
    runner.annotate(
      failOnError ? 'error' : 'warning',
      'Wassenger auth code: internal error',
      message
    )
  )
  if (failOnError) attempt(() => runner.setExitCode(1))
}

/**
 * A stack trace with each frame in `bundle` named by its place in src/, read from the source map
 * committed beside the bundle. Only an internal error pays for it: no source map is loaded at
 * start-up. Without a readable map (the sources run as they are) the trace is returned as is.
 */
export function sourceMapped(stack: string, bundle: string): string {
  let map: SourceMap
  try {
    // Stryker disable next-line StringLiteral: JSON.parse reads a Buffer the same
    map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')))
  } catch {
    return stack
  }
  const frame = new RegExp(`(?:file://)?${escapeRegExp(bundle)}:(\\d+):(\\d+)`, 'g')
  return stack.replace(frame, (whole, line: string, column: string) => {
    // Stack traces count from 1, source maps from 0.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1)
    if (!('originalSource' in entry)) return whole
    const source = entry.originalSource.replace(/^(?:\.\.?\/)+/, '')
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`
  })
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
