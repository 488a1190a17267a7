/**
 * The whole action in this process, as the runner would run it: @actions/core reading INPUT_*
 * variables and writing the workflow commands to stdout (captured here and rendered the way
 * GitHub renders them), the output and summary files, the real transport against a server on
 * 127.0.0.1. Only the clocks and sleep are fakes, so retries and waits take no real time. The
 * monotonic clock starts at 0; the wall clock at 2026-11-24 12:00 UTC unless a test sets it, and
 * it may disagree (a runner clock that is hours off, or stepped during the step).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionsIO } from '../../src/report/io.js'
import { defaultDeps, openEdges, run } from '../../src/main.js'
import { runNumbers } from '../../src/numbers/main.js'
import type { HttpAttempt, HttpRequest } from '../../src/http/transport.js'
import type { RunResult } from '../../src/run/result.js'
import { parseOutputFile, renderLog, type RunOutcome } from '../../scripts/fake-runner.js'
import { strangers } from './gfm.js'

/** The fake monotonic clock, for a fake transport whose answers take time. */
export interface Clock {
  now(): number
  advance(ms: number): void
}

/** Answers in place of the network (default: the real transport, to the stand-in). */
export type FakeTransport = (request: HttpRequest, clock: Clock) => Promise<HttpAttempt>

export interface InProcessOutcome<Result = RunResult> extends Omit<
  RunOutcome,
  'stderr' | 'durationMs'
> {
  readonly result: Result | undefined
  /** Every sleep the run asked for, in ms. */
  readonly sleeps: number[]
  /** Fake milliseconds that passed: the sleeps. */
  readonly elapsedMs: number
}

/** Where the fake wall clock starts unless a test sets it. */
export const WALL_START = Date.UTC(2026, 10, 24, 12, 0, 0)

// core.summary keeps the first summary path it sees: one file for every run of a test file.
const dir = mkdtempSync(join(tmpdir(), 'wassenger-in-process-'))
const summaryFile = join(dir, 'summary')
const outputFile = join(dir, 'output')

export function cleanUp(): void {
  rmSync(dir, { recursive: true, force: true })
}

interface InProcessOptions {
  env?: Record<string, string>
  debug?: boolean
  transport?: FakeTransport
  /** The wall clock as a function of the monotonic one. */
  wall?: (monotonic: number) => number
}

/** The action (action.yml), in this process. */
export const runInProcess = (inputs: Record<string, string>, options: InProcessOptions = {}) =>
  inProcess(inputs, options, fakes =>
    run(actionsIO(), (io, redactor, reporter) => ({
      ...defaultDeps(io, redactor, reporter),
      ...fakes
    }))
  )

/** The `numbers` action (numbers/action.yml), in this process. */
export const runNumbersInProcess = (
  inputs: Record<string, string>,
  options: InProcessOptions = {}
) =>
  inProcess(inputs, options, fakes =>
    runNumbers(actionsIO(), (io, redactor) => ({ ...openEdges(io, redactor), ...fakes }))
  )

/** The edges a test fakes: the clocks, sleep, and the transport when it asks. */
type Fakes = Pick<ReturnType<typeof openEdges>, 'now' | 'wallNow' | 'random' | 'sleep'> & {
  transport?: ReturnType<typeof openEdges>['transport']
}

async function inProcess<Result>(
  inputs: Record<string, string>,
  options: InProcessOptions,
  start: (fakes: Fakes) => Promise<Result | undefined>
): Promise<InProcessOutcome<Result>> {
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const saved = { ...process.env }
  for (const name of Object.keys(process.env))
    if (name.startsWith('INPUT_') || name.startsWith('GITHUB_'))
      Reflect.deleteProperty(process.env, name)
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  Object.assign(
    process.env,
    { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
    options.debug ? { RUNNER_DEBUG: '1' } : {},
    options.env
  )

  let now = 0
  const started = now
  const wall = options.wall ?? (monotonic => WALL_START + monotonic)
  const clock: Clock = { now: () => now, advance: ms => void (now += ms) }
  const { transport } = options
  const sleeps: number[] = []
  let stdout = ''
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write
  let result: Result | undefined
  let exitCode: number
  try {
    result = await start({
      ...(transport ? { transport: request => transport(request, clock) } : {}),
      now: () => now,
      wallNow: () => wall(now),
      random: () => 0.5,
      sleep: async ms => {
        sleeps.push(ms)
        now += ms
      }
    })
  } finally {
    process.stdout.write = write
    exitCode = Number(process.exitCode ?? 0)
    process.exitCode = 0
    for (const name of Object.keys(process.env))
      if (!(name in saved)) Reflect.deleteProperty(process.env, name)
    Object.assign(process.env, saved)
  }
  const rendered = renderLog(stdout, { debug: options.debug })
  const summary = readFileSync(summaryFile, 'utf8')
  // Every summary a test produces is rendered as GitHub would: nothing in it is not the action's.
  const foreign = strangers(summary)
  if (foreign.length > 0) throw new Error(`The summary renders ${foreign.join(', ')}:\n${summary}`)
  return {
    result,
    exitCode,
    stdout,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary,
    log: rendered.lines,
    annotations: rendered.annotations,
    commands: rendered.commands,
    sleeps,
    elapsedMs: now - started
  }
}
