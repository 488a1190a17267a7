/**
 * The committed bundle, run exactly as a runner runs it (`node dist/index.js` with INPUT_*
 * variables and the runner's files), on this Node and on Node 24 (action.yml's `node24`) when
 * $ACTION_NODE names it: the runner edge that only a real process shows.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../scripts/fake-runner.js'
import { DEVICES } from '../stand-in/numbers.js'
import { useStandIn } from './helpers/stand-in.js'

const KEY = 'wsk_live_bundle_0123456789abcdef'
const LINKING = DEVICES.find(device => device.alias === 'Linking')?.id ?? ''
const nodes = [process.execPath, ...(process.env.ACTION_NODE ? [process.env.ACTION_NODE] : [])]

const standIn = useStandIn(KEY)
const dir = mkdtempSync(join(tmpdir(), 'wassenger-bundle-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.each(nodes)('node dist/index.js on %s', node => {
  const run = (inputs: Record<string, string>, env?: Record<string, string>) =>
    runAction(
      { 'api-key': KEY, 'api-url': standIn().url, device: LINKING, ...inputs },
      { env, node }
    )

  it('shows the code in the live log before the first session check, and links', async () => {
    // Debug lines on: each request's line shows where it falls in the log the runner received.
    const outcome = await run({ wait: '30', 'wait-interval': '1' }, { RUNNER_DEBUG: '1' })
    const code = outcome.outputs.code ?? ''
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(outcome.log.filter(line => !line.startsWith('##[debug]')).slice(0, 3)).toEqual([
      expect.stringMatching(
        new RegExp(`^Notice: WhatsApp code ${code}\\. Valid for 160 s, until `)
      ),
      `    ${code}`,
      "Waiting up to 30 s for the number's session to come online: enter the code on the phone now."
    ])
    const notice = outcome.log.findIndex(line => line.startsWith('Notice: WhatsApp code'))
    const firstPoll = outcome.log.findIndex(line =>
      line.startsWith(`##[debug]GET ${standIn().url}/devices/${LINKING} `)
    )
    expect(notice).toBeGreaterThanOrEqual(0)
    expect(firstPoll).toBeGreaterThan(notice + 1)
    expect(outcome.outputs).toMatchObject({ success: 'true', 'session-status': 'online' })
    expect(outcome.summary).toMatch(/^## ✅ WhatsApp number linked/)
    expect(outcome.exitCode).toBe(0)
    expect(outcome.stderr).toBe('')
  }, 20_000)

  it('the key appears nowhere: masked first, never in the log, outputs or summary', async () => {
    const outcome = await run({ device: '6123456789abcdef01234501' })
    expect(outcome.commands[0]).toBe('add-mask')
    const all = [
      outcome.stdout.replace(`::add-mask::${KEY}`, ''),
      outcome.summary,
      ...Object.values(outcome.outputs)
    ]
    expect(all.join('\n')).not.toContain(KEY.slice(0, 8))
    expect(outcome.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'A WhatsApp session is already active' })
    ])
    expect(outcome.exitCode).toBe(1)
  })

  it('a job summary that cannot be written: one warning, every output, exit 0', async () => {
    const outcome = await run({}, { GITHUB_STEP_SUMMARY: dir })
    expect(outcome.annotations.map(a => `${a.level}: ${a.title}`)).toEqual([
      expect.stringMatching(/^notice: WhatsApp code: /),
      'warning: Job summary not written'
    ])
    expect(outcome.annotations[1]?.message).toMatch(
      /^The job summary could not be written \(EISDIR/
    )
    expect(outcome.outputs.success).toBe('true')
    expect(outcome.exitCode).toBe(0)
  })

  it('outputs that cannot be written: one error annotation, no stack trace, exit 1', async () => {
    const outcome = await run({}, { GITHUB_OUTPUT: dir })
    expect(outcome.annotations.map(a => `${a.level}: ${a.title}`)).toEqual([
      expect.stringMatching(/^notice: WhatsApp code: /),
      'error: Step outputs not written'
    ])
    // The code output was the first write, at the announcement: it is named first.
    expect(outcome.annotations[1]?.message).toMatch(
      /^The runner's output file could not be written \(EISDIR.*\), so later steps cannot read code, success, status/
    )
    expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /)
    expect(outcome.summary).toMatch(/^## 🔑 WhatsApp authentication code/)
    expect(outcome.exitCode).toBe(1)
  })

  it('bad input: one annotation naming it, nothing sent', async () => {
    const outcome = await run({ timeout: '2147484' })
    expect(outcome.annotations).toEqual([
      {
        level: 'error',
        title: 'Invalid input: timeout',
        message:
          'Input `timeout` must be a number of seconds from 1 to 600 (got "2147484"). Nothing was sent to Wassenger.'
      }
    ])
    expect(standIn().requests).toEqual([])
    expect(outcome.stderr).toBe('')
  })
})
