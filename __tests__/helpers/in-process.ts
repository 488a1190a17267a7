/**
 * The whole action in this process, as the runner would run it: @actions/core reading INPUT_*
 * variables and writing the workflow commands to stdout (captured here and rendered the way
 * GitHub renders them), the output and summary files, the real transport against a server on
 * 127.0.0.1. Only the clock and sleep are fakes, so retries and waits take no real time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionsIO } from '../../src/report/runner.js'
import { defaultDeps, run } from '../../src/main.js'
import type { HttpAttempt, HttpRequest } from '../../src/wassenger/http.js'
import type { RunResult } from '../../src/run/result.js'
import { parseOutputFile, renderLog, type RunOutcome } from '../../scripts/fake-runner.js'

/** The fake clock, for a fake transport whose answers take time. */
export interface Clock {
  now(): number
  advance(ms: number): void
}

/** Answers in place of the network (default: the real transport, to the stand-in). */
export type FakeTransport = (request: HttpRequest, clock: Clock) => Promise<HttpAttempt>

export interface InProcessOutcome extends Omit<RunOutcome, 'stderr' | 'durationMs'> {
  readonly result: RunResult | undefined
  /** Every sleep the run asked for, in ms. */
  readonly sleeps: number[]
  /** Fake milliseconds that passed: the sleeps. */
  readonly elapsedMs: number
}

// core.summary keeps the first summary path it sees: one file for every run of a test file.
const dir = mkdtempSync(join(tmpdir(), 'wassenger-in-process-'))
const summaryFile = join(dir, 'summary')
const outputFile = join(dir, 'output')

export function cleanUp(): void {
  rmSync(dir, { recursive: true, force: true })
}

export async function runInProcess(
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; debug?: boolean; transport?: FakeTransport } = {}
): Promise<InProcessOutcome> {
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

  let now = Date.UTC(2026, 10, 24, 12, 0, 0)
  const started = now
  const clock: Clock = { now: () => now, advance: ms => void (now += ms) }
  const { transport } = options
  const sleeps: number[] = []
  let stdout = ''
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write
  let result: RunResult | undefined
  let exitCode: number
  try {
    result = await run(actionsIO(), (io, redactor, reporter) => ({
      ...defaultDeps(io, redactor, reporter),
      ...(transport ? { transport: request => transport(request, clock) } : {}),
      now: () => now,
      random: () => 0.5,
      sleep: async ms => {
        sleeps.push(ms)
        now += ms
      }
    }))
  } finally {
    process.stdout.write = write
    exitCode = Number(process.exitCode ?? 0)
    process.exitCode = 0
    for (const name of Object.keys(process.env))
      if (!(name in saved)) Reflect.deleteProperty(process.env, name)
    Object.assign(process.env, saved)
  }
  const rendered = renderLog(stdout, { debug: options.debug })
  return {
    result,
    exitCode,
    stdout,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    log: rendered.lines,
    annotations: rendered.annotations,
    commands: rendered.commands,
    sleeps,
    elapsedMs: now - started
  }
}
