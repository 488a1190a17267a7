/**
 * run() in process, with the edges passed in: a recording IO instead of the runner, the real
 * transport against the stand-in. Covers what the bundle tests cannot reach, such as a bug.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ActionIO, AnnotationLevel } from '../src/io.js'
import { defaultDeps, run } from '../src/main.js'
import { DEVICES, startStandIn, STAND_IN_KEY, type StandIn } from '../stand-in/server.js'

type Call =
  | { kind: 'output'; name: string; value: string }
  | { kind: 'annotation'; level: AnnotationLevel; title: string; message: string }
  | { kind: 'log' | 'debug' | 'secret' | 'summary'; text: string }

function recordingIO(inputs: Record<string, string>) {
  const calls: Call[] = []
  let exitCode = 0
  const io: ActionIO = {
    getInput: name => inputs[name] ?? '',
    setSecret: text => void calls.push({ kind: 'secret', text }),
    setOutputs: outputs => {
      for (const [name, value] of Object.entries(outputs))
        calls.push({ kind: 'output', name, value })
    },
    debug: text => void calls.push({ kind: 'debug', text }),
    info: text => void calls.push({ kind: 'log', text }),
    annotate: (level, title, message) =>
      void calls.push({ kind: 'annotation', level, title, message }),
    appendSummary: text => void calls.push({ kind: 'summary', text }),
    setExitCode: code => void (exitCode = code)
  }
  return { io, calls, exitCode: () => exitCode }
}

let standIn: StandIn
beforeAll(async () => void (standIn = await startStandIn()))
afterAll(() => standIn.close())

const SALES = DEVICES[1]?.id ?? ''

describe('run()', () => {
  it('masks the key first, announces the code before reporting, and sets every output', async () => {
    const { io, calls, exitCode } = recordingIO({
      'api-key': `  ${STAND_IN_KEY}\n`,
      'api-url': standIn.url,
      device: SALES,
      phone: '+44 7400 123456'
    })
    const result = await run(io)
    expect(calls[0]).toEqual({ kind: 'secret', text: STAND_IN_KEY })
    const notice = calls.findIndex(call => call.kind === 'annotation' && call.level === 'notice')
    const firstOutput = calls.findIndex(call => call.kind === 'output')
    expect(notice).toBeGreaterThan(0)
    expect(notice).toBeLessThan(firstOutput)
    const outputs = calls.flatMap(call => (call.kind === 'output' ? [call.name] : []))
    expect(outputs).toEqual([
      'success',
      'status',
      'response',
      'device',
      'error-code',
      'error-message',
      'attempts',
      'session-status',
      'code'
    ])
    expect(result?.code?.value).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(exitCode()).toBe(0)
  })

  it('a bug ends in one annotation without a stack trace; the stack goes to the debug log', async () => {
    const { io, calls, exitCode } = recordingIO({
      'api-key': 'k-123456',
      'api-url': standIn.url,
      device: SALES
    })
    const result = await run(io, recorded => ({
      ...defaultDeps(recorded),
      transport: () => Promise.reject(new TypeError('boom: k-123456'))
    }))
    expect(result).toBeUndefined()
    const annotations = calls.filter(call => call.kind === 'annotation')
    expect(annotations).toEqual([
      {
        kind: 'annotation',
        level: 'error',
        title: 'Wassenger auth code: internal error',
        message: expect.stringMatching(
          /^The action stopped on an unexpected internal error\. Run the job again with debug logging/
        )
      }
    ])
    const debug = calls.flatMap(call => (call.kind === 'debug' ? [call.text] : [])).join('\n')
    expect(debug).toMatch(/Unexpected error: TypeError: boom: \*\*\*\n\s+at /)
    expect(calls.filter(call => call.kind === 'output')).toEqual([
      { kind: 'output', name: 'success', value: 'false' },
      { kind: 'output', name: 'error-code', value: 'internal-error' },
      {
        kind: 'output',
        name: 'error-message',
        value: annotations[0]?.kind === 'annotation' ? annotations[0].message : ''
      }
    ])
    expect(exitCode()).toBe(1)
  })

  it('with fail-on-error: false, a bug is a warning and the step succeeds', async () => {
    const { io, calls, exitCode } = recordingIO({
      'api-key': 'k-123456',
      'api-url': standIn.url,
      device: SALES,
      'fail-on-error': 'false'
    })
    await run(io, recorded => ({
      ...defaultDeps(recorded),
      transport: () => Promise.reject(new Error('boom'))
    }))
    expect(
      calls
        .filter(call => call.kind === 'annotation')
        .map(call => call.kind === 'annotation' && call.level)
    ).toEqual(['warning'])
    expect(exitCode()).toBe(0)
  })
})
