/**
 * What the person who dispatched the run sees in the step's live log while the step runs:
 * the code, before any wait starts. In process, through @actions/core, rendered as GitHub does.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { LINK_STEPS } from '../src/report/code.js'

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
import { DEVICES, STAND_IN_KEY } from '../stand-in/numbers.js'
import { response } from './helpers/attempts.js'
import { cleanUp, runInProcess } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

const id = (alias: string): string => DEVICES.find(device => device.alias === alias)?.id ?? ''
const standIn = useStandIn()
afterAll(cleanUp)

const run = (inputs: Record<string, string>, debug = false) =>
  runInProcess({ 'api-key': STAND_IN_KEY, 'api-url': standIn().url, ...inputs }, { debug })

describe('the step log', () => {
  it('shows the code in the notice line itself, then alone on a line, with the steps', async () => {
    const outcome = await run({ device: id('Sales'), phone: '+44 7400 123456' })
    const code = outcome.outputs.code ?? ''
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(outcome.log).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Notice: WhatsApp code ${code}\\. Valid for \\d+ s, until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\. Enter it now: ${escape(LINK_STEPS)}\\.$`
        )
      ),
      `    ${code}`
    ])
    expect(outcome.annotations).toEqual([
      { level: 'notice', title: `WhatsApp code: ${code}`, message: outcome.log[0]?.slice(8) }
    ])
    expect(outcome.exitCode).toBe(0)
  })

  it('says how long the code is valid when Wassenger gives seconds', async () => {
    const outcome = await run({ device: id('Linking') })
    expect(outcome.log[0]).toMatch(
      /^Notice: WhatsApp code \S+\. Valid for 160 s, until 2026-11-24 12:02:40 UTC\. Enter it now/
    )
  })

  it('says the usual validity when Wassenger gives none', async () => {
    const outcome = await runInProcess(
      { 'api-key': STAND_IN_KEY, device: id('Linking') },
      { transport: async () => response(200, '{"code":"K7QX-9MZD"}') }
    )
    expect(outcome.log).toEqual([
      `Notice: WhatsApp code K7QX-9MZD. Valid for about 160 s, the time WhatsApp gives a code. Enter it now: ${LINK_STEPS}.`,
      '    K7QX-9MZD'
    ])
  })

  it('shows the code before the wait starts and before the first session check', async () => {
    const outcome = await run({ device: id('Linking'), wait: '60', 'wait-interval': '1' }, true)
    const code = outcome.outputs.code ?? ''
    const shown = outcome.log.filter(line => !line.startsWith('##[debug]'))
    expect(shown.slice(0, 5)).toEqual([
      expect.stringContaining(`Notice: WhatsApp code ${code}.`),
      `    ${code}`,
      "Waiting up to 60 s for the number's session to come online: enter the code on the phone now.",
      'Session status: authorize.',
      'Session status: authorizing.'
    ])
    // In the order the runner received it: the notice, then the first GET of the session.
    const notice = outcome.log.findIndex(line => line.startsWith('Notice: WhatsApp code'))
    const polls = outcome.log.flatMap((line, at) =>
      line.startsWith(`##[debug]GET ${standIn().url}/devices/${id('Linking')} `) ? [at] : []
    )
    expect(polls).toHaveLength(3)
    expect(notice).toBeGreaterThanOrEqual(0)
    expect(notice).toBeLessThan(polls[0] ?? -1)
    expect(outcome.result?.sessionStatus).toBe('online')
  })

  it('without a code, a notice on the run page and in the log says where to read it, linked', async () => {
    const outcome = await run({ device: id('Billing') })
    const message = `The code was requested, but Wassenger's answer does not carry it: read it in the Wassenger console at https://app.wassenger.com/${id('Billing')}/scan, then ${LINK_STEPS}.`
    expect(outcome.annotations).toEqual([
      { level: 'notice', title: 'WhatsApp code requested', message }
    ])
    expect(outcome.log).toEqual([`Notice: ${message}`])
  })

  it('hides debug lines unless debug logging is on, and then they trace each request', async () => {
    const quiet = await run({ device: id('Linking') })
    expect(quiet.log.some(line => line.startsWith('##[debug]'))).toBe(false)
    const loud = await run({ device: id('Linking') }, true)
    expect(loud.log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^##\\[debug\\]POST ${standIn().url}/devices/${id('Linking')}/authcode -> HTTP 200 in \\d+ ms$`
        )
      )
    )
  })
})
