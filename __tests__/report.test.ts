/**
 * run() and report() with a recording IO: the order things reach the runner, and the runner's
 * own files failing. The transport is a fake: no network.
 */
import { describe, expect, it } from '@jest/globals'
import { defaultDeps, run } from '../src/main.js'
import { LINK_STEPS } from '../src/report/code.js'
import { actionsIO } from '../src/report/io.js'
import type { HttpRequest } from '../src/http/transport.js'
import { response } from './helpers/attempts.js'
import { recordingIO, type Call } from './helpers/recording-io.js'

const KEY = 'secret-key-1234'
const ID = '6123456789abcdef01234505'
const inputs = { 'api-key': KEY, device: ID, phone: '+44 7400 123456' }

/** run() with Wassenger answering each request with the next of `answers`. */
async function runWith(
  io: ReturnType<typeof recordingIO>,
  answers = [response(200, '{"code":"ABCD-1234","expiresIn":60}')]
) {
  const requests: HttpRequest[] = []
  const result = await run(io.io, (runnerIO, redactor, reporter) => ({
    ...defaultDeps(runnerIO, redactor, reporter),
    now: () => 0,
    wallNow: () => Date.UTC(2026, 0, 1),
    sleep: async () => undefined,
    transport: async request => {
      requests.push(request)
      return answers.shift() ?? response(500)
    }
  }))
  return { result, requests }
}

const kinds = (calls: Call[]): string[] =>
  calls.map(call => (call.kind === 'annotation' ? `annotation:${call.level}` : call.kind))

describe('run()', () => {
  it('masks the key first, writes the code output and announces it, then each other output once, then the summary (which says how the step ended)', async () => {
    const io = recordingIO({ ...inputs, 'api-key': `  ${KEY}\n` })
    await runWith(io)
    expect(io.calls[0]).toEqual({ kind: 'secret', text: KEY })
    expect(kinds(io.calls)).toEqual([
      'secret',
      'debug',
      'output',
      'annotation:notice',
      'info',
      ...Array(11).fill('output'),
      'summary'
    ])
    const outputs = io.calls.flatMap(call => (call.kind === 'output' ? [call.name] : []))
    expect(outputs).toEqual([
      'code',
      'success',
      'status',
      'response',
      'device',
      'error-code',
      'wassenger-error-code',
      'error-message',
      'attempts',
      'session-status',
      'skipped',
      'notified'
    ])
    expect(io.calls[2]).toEqual({ kind: 'output', name: 'code', value: 'ABCD-1234' })
    expect(io.calls[3]).toMatchObject({
      title: 'WhatsApp code: ABCD-1234',
      message: `WhatsApp code ABCD-1234. Valid for 60 s, until 2026-01-01 00:01:00 UTC. Enter it now: ${LINK_STEPS}.`
    })
    expect(io.calls[4]).toEqual({ kind: 'info', text: '    ABCD-1234' })
  })

  it('outputs that cannot be written: one error annotation, no stack, exit 1, summary still written', async () => {
    const io = recordingIO(inputs, {
      outputs: new Error("ENOSPC: no space left on device, open '/runner/output'\n    at stack")
    })
    await runWith(io)
    const errors = io.calls.filter(call => call.kind === 'annotation' && call.level === 'error')
    expect(errors).toEqual([
      {
        kind: 'annotation',
        level: 'error',
        title: 'Step outputs not written',
        message:
          "The runner's output file could not be written (ENOSPC: no space left on device, open '/runner/output'), so later steps cannot read code, success, status, response, device, error-code, wassenger-error-code, error-message, attempts, session-status, skipped, notified. Re-run the job; if it happens again, check the runner's disk and GITHUB_OUTPUT."
      }
    ])
    expect(io.calls.at(-1)).toEqual({ kind: 'exit', code: 1 })
    expect(kinds(io.calls)).toContain('summary')
  })

  it('outputs lost with fail-on-error false and a failure: the summary says the step failed, as the exit code does', async () => {
    const io = recordingIO(
      { ...inputs, 'fail-on-error': 'false' },
      { outputs: new Error('ENOSPC') }
    )
    await runWith(io, [response(401, '{"message":"bad"}')])
    const summary = io.calls.find(call => call.kind === 'summary')
    const text = summary?.kind === 'summary' ? summary.text : ''
    expect(text).not.toContain('so the step succeeded')
    expect(text).toContain("**The step failed:** the runner's output file could not be written")
    expect(io.calls.at(-1)).toEqual({ kind: 'exit', code: 1 })
  })

  it('a failure with fail-on-error false and every output written: the summary says the step succeeded', async () => {
    const io = recordingIO({ ...inputs, 'fail-on-error': 'false' })
    await runWith(io, [response(401, '{"message":"bad"}')])
    const summary = io.calls.find(call => call.kind === 'summary')
    expect(summary?.kind === 'summary' && summary.text).toContain('so the step succeeded')
    expect(io.calls.some(call => call.kind === 'exit')).toBe(false)
  })

  it('a summary that cannot be written: one warning, outputs and exit code unchanged', async () => {
    const io = recordingIO(inputs, {
      summary: new Error('EISDIR: illegal operation on a directory')
    })
    await runWith(io)
    expect(io.calls.filter(call => call.kind === 'annotation' && call.level !== 'notice')).toEqual([
      {
        kind: 'annotation',
        level: 'warning',
        title: 'Job summary not written',
        message:
          'The job summary could not be written (EISDIR: illegal operation on a directory); the outputs and the result above are complete.'
      }
    ])
    expect(io.calls.some(call => call.kind === 'exit')).toBe(false)
    expect(io.calls).toContainEqual({ kind: 'output', name: 'success', value: 'true' })
  })

  it('a failure and an unwritable summary: the failure annotation, then one warning', async () => {
    const io = recordingIO(inputs, { summary: new Error('EACCES') })
    await runWith(io, [response(401, '{"message":"bad"}')])
    expect(
      io.calls.flatMap(call => (call.kind === 'annotation' ? [`${call.level}: ${call.title}`] : []))
    ).toEqual(['error: Wassenger rejected the API key', 'warning: Job summary not written'])
    expect(io.calls.at(-1)).toEqual({ kind: 'exit', code: 1 })
  })

  it('a bug: one annotation without a stack, internal-error outputs, the stack only in debug', async () => {
    const io = recordingIO(inputs)
    const result = await run(io.io, () => {
      throw new TypeError('boom')
    })
    expect(result).toBeUndefined()
    const annotations = io.calls.filter(call => call.kind === 'annotation')
    expect(annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'Wassenger auth code: internal error' })
    ])
    expect(io.calls).toContainEqual({ kind: 'output', name: 'error-code', value: 'internal-error' })
    expect(io.calls).toContainEqual(
      expect.objectContaining({
        kind: 'debug',
        text: expect.stringMatching(/^Unexpected error: TypeError: boom/)
      })
    )
    expect(io.calls.at(-1)).toEqual({ kind: 'exit', code: 1 })
  })

  it('a bug whose debug line and outputs break too: still error-code and the one annotation, and run resolves', async () => {
    const io = recordingIO(inputs)
    let outputs = 0
    const broken = {
      ...io.io,
      debug: () => {
        throw new RangeError('Maximum call stack size exceeded')
      },
      setOutput: (name: string, value: string) => {
        // The first output breaks; the others are written.
        if (outputs++ === 0) throw new Error('ENOSPC')
        io.io.setOutput(name, value)
      }
    }
    await expect(
      run(broken, () => {
        throw new TypeError('boom')
      })
    ).resolves.toBeUndefined()
    expect(io.calls).toContainEqual({ kind: 'output', name: 'error-code', value: 'internal-error' })
    expect(io.calls.filter(call => call.kind === 'annotation')).toEqual([
      expect.objectContaining({ level: 'error', title: 'Wassenger auth code: internal error' })
    ])
    expect(io.calls.at(-1)).toEqual({ kind: 'exit', code: 1 })
  })

  it('a bug with fail-on-error false: a warning, exit code untouched', async () => {
    const io = recordingIO({ ...inputs, 'fail-on-error': 'false' })
    await run(io.io, () => {
      throw new Error('boom')
    })
    expect(io.calls.filter(call => call.kind === 'annotation')).toEqual([
      expect.objectContaining({ level: 'warning' })
    ])
    expect(io.calls.some(call => call.kind === 'exit')).toBe(false)
  })

  it('a key too short to be real: no mask (it would garble every word), an input error said whole', async () => {
    const io = recordingIO({ ...inputs, 'api-key': 'a' })
    const { requests } = await runWith(io)
    expect(requests).toEqual([])
    expect(io.calls.filter(call => call.kind === 'secret')).toEqual([])
    expect(io.calls).toContainEqual(
      expect.objectContaining({
        kind: 'annotation',
        level: 'error',
        title: 'Invalid input: api-key',
        message: expect.stringMatching(
          /^Input `api-key` is 1 character long, shorter than any Wassenger API key/
        )
      })
    )
  })

  it('a phone outside the known ranges: sent as given, one warning', async () => {
    const io = recordingIO({ ...inputs, phone: '+1 (600) 123-4560' })
    const { requests } = await runWith(io)
    expect(requests[0]?.body).toBe('{"phone":"+16001234560"}')
    expect(io.calls).toContainEqual({
      kind: 'annotation',
      level: 'warning',
      title: 'Wassenger auth code',
      message:
        'phone +1******4560 has a possible length but is outside the number ranges known for its country; it was used as given. If Wassenger rejects it or no code arrives, check the number.'
    })
  })
})

describe("the runner's variables", () => {
  it.each([
    [{ GITHUB_TRIGGERING_ACTOR: 'rerunner', GITHUB_ACTOR: 'starter' }, 'rerunner'],
    [{ GITHUB_ACTOR: 'starter' }, 'starter']
  ])('%j: the person who started the run is %s', (env, actor) => {
    const saved = { ...process.env }
    delete process.env.GITHUB_TRIGGERING_ACTOR
    Object.assign(process.env, env, { GITHUB_EVENT_NAME: 'workflow_dispatch' })
    try {
      expect(actionsIO().runContext()).toMatchObject({ actor, eventName: 'workflow_dispatch' })
    } finally {
      process.env = saved
    }
  })
})
