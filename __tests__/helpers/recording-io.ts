import type { ActionIO, AnnotationLevel } from '../../src/report/io.js'

export type Call =
  | { kind: 'output'; name: string; value: string }
  | { kind: 'annotation'; level: AnnotationLevel; title: string; message: string }
  | { kind: 'info' | 'debug' | 'secret' | 'summary'; text: string }
  | { kind: 'exit'; code: number }

/** An IO that records every call in order; the runner's files can be made to fail. */
export function recordingIO(
  inputs: Record<string, string>,
  fail: { outputs?: Error; summary?: Error } = {}
): { io: ActionIO; calls: Call[] } {
  const calls: Call[] = []
  const io: ActionIO = {
    getInput: name => (inputs[name] ?? '').trim(),
    setSecret: text => void calls.push({ kind: 'secret', text }),
    setOutput: (name, value) => {
      if (fail.outputs) throw fail.outputs
      calls.push({ kind: 'output', name, value })
    },
    debug: text => void calls.push({ kind: 'debug', text }),
    info: text => void calls.push({ kind: 'info', text }),
    annotate: (level, title, message) =>
      void calls.push({ kind: 'annotation', level, title, message }),
    writeSummary: async text => {
      if (fail.summary) throw fail.summary
      calls.push({ kind: 'summary', text })
    },
    setExitCode: code => void calls.push({ kind: 'exit', code }),
    runContext: () => ({})
  }
  return { io, calls }
}
