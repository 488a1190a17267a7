/**
 * The runner edge: what a run is given and says (inputs, masks, outputs, log lines, annotations,
 * the summary, the exit code), through @actions/core only; tests pass their own.
 */
import * as core from '@actions/core'
import type { Redactor } from '../text/redactor.js'
import type { Untrusted } from '../text/untrusted.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** The edges of a run: what the runner gives and takes. Tests pass their own. */
export interface ActionIO {
  /** The input, trimmed; '' when not given. */
  getInput(name: string): string
  setSecret(value: string): void
  /** Throws when the runner's output file cannot be written. */
  setOutput(name: string, value: string): void
  debug(message: string): void
  info(message: string): void
  annotate(level: AnnotationLevel, title: string, message: string): void
  /** Rejects when the job summary cannot be written. */
  writeSummary(markdown: string): Promise<void>
  setExitCode(code: number): void
  /** Where the run is, from the runner's variables, as given: read into links by chat.ts. */
  runContext(): RunContext
}

/** The runner's variables that locate a run; any may be missing. */
export interface RunContext {
  readonly serverUrl?: string
  readonly repository?: string
  readonly runId?: string
  /** `owner/repo/.github/workflows/file.yml@refs/heads/main`. */
  readonly workflowRef?: string
  /** What started the run: `schedule`, `workflow_dispatch`, `push`… */
  readonly eventName?: string
  /** Who started it (the person who re-ran it, when it was re-run). */
  readonly actor?: string
}

/**
 * Wraps an IO so that every log line and annotation goes out as one harmless line with the key
 * and phones hidden, and every output without the key. The summary is made safe where it is
 * written (summary.ts), piece by piece, by the same `Untrusted`.
 */
export function guarded(io: ActionIO, redactor: Redactor, shown: Untrusted): ActionIO {
  return {
    ...io,
    setOutput: (name, value) => io.setOutput(name, redactor.output(value)),
    debug: message => io.debug(shown.line(message)),
    info: message => io.info(shown.line(message)),
    annotate: (level, title, message) => io.annotate(level, shown.line(title), shown.line(message))
  }
}

/**
 * The runner, through @actions/core. Annotations go out directly and the exit code is set
 * without `setFailed`, which would add a second annotation.
 */
export function actionsIO(): ActionIO {
  return {
    getInput: name => core.getInput(name),
    setSecret: core.setSecret,
    setOutput: core.setOutput,
    debug: core.debug,
    info: core.info,
    annotate: (level, title, message) => core[level](message, { title }),
    writeSummary: async markdown => {
      // A fresh buffer: a write that failed must not leave its text for the next one.
      // Stryker disable next-line BooleanLiteral: a line end only ends the file
      await core.summary.emptyBuffer().addRaw(markdown, true).write()
    },
    setExitCode: code => {
      process.exitCode = code
    },
    runContext: () => ({
      serverUrl: process.env.GITHUB_SERVER_URL,
      repository: process.env.GITHUB_REPOSITORY,
      runId: process.env.GITHUB_RUN_ID,
      workflowRef: process.env.GITHUB_WORKFLOW_REF,
      eventName: process.env.GITHUB_EVENT_NAME,
      actor: process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR
    })
  }
}
