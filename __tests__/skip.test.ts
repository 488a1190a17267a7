/**
 * `skip-if-online`: the number is read before anything is requested; a linked one is left alone.
 * In process against the stand-in, whose numbers are online (Support, Team Alpha) or not.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { SKIPPED } from '../src/report/code.js'
import { DEVICES } from '../stand-in/numbers.js'
import { cleanUp, runInProcess, type InProcessOutcome } from './helpers/in-process.js'
import { renderGfm } from './helpers/gfm.js'
import { useStandIn } from './helpers/stand-in.js'

const KEY = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const id = (alias: string): string => DEVICES.find(device => device.alias === alias)?.id ?? ''
const standIn = useStandIn(KEY)
afterAll(cleanUp)

const run = (inputs: Record<string, string>): Promise<InProcessOutcome> =>
  runInProcess({ 'api-key': KEY, 'api-url': standIn().url, 'skip-if-online': 'true', ...inputs })
const posts = () => standIn().requests.filter(request => request.method === 'POST')

describe('skip-if-online', () => {
  it('a linked number: nothing requested, success, skipped, one notice, the summary says so', async () => {
    const outcome = await run({ device: id('Team Alpha') })
    expect(posts()).toEqual([])
    expect(standIn().requests.map(r => `${r.method} ${r.url}`)).toEqual([
      `GET /v1/devices/${id('Team Alpha')}`
    ])
    expect(outcome.exitCode).toBe(0)
    expect(outcome.outputs).toMatchObject({
      success: 'true',
      skipped: 'true',
      attempts: '0',
      code: '',
      status: '',
      device: id('Team Alpha')
    })
    expect(outcome.annotations).toEqual([
      { level: 'notice', title: 'WhatsApp number already linked', message: SKIPPED }
    ])
    expect(renderGfm(outcome.summary)).toMatch(/^<h2>✅ WhatsApp number already linked<\/h2>/)
  })

  it.each(['ONLINE', 'Online'])('online in any letter case (%s) is linked', async status => {
    standIn().script({
      when: 'GET',
      status: 200,
      body: JSON.stringify({ id: id('Linking'), status: 'operative', session: { status } })
    })
    const outcome = await run({ device: id('Linking') })
    expect(outcome.outputs).toMatchObject({ skipped: 'true', attempts: '0' })
    expect(posts()).toEqual([])
  })

  it('a number that is not linked: the code is requested as usual, skipped false', async () => {
    const outcome = await run({ device: id('Linking') })
    expect(standIn().requests.map(r => r.method)).toEqual(['GET', 'POST'])
    expect(outcome.outputs).toMatchObject({ success: 'true', skipped: 'false', attempts: '1' })
    expect(outcome.outputs.code).not.toBe('')
  })

  it('found by alias, then read: the lookup, the read, nothing else', async () => {
    const outcome = await run({ device: 'Team Alpha' })
    expect(outcome.outputs).toMatchObject({ skipped: 'true', device: id('Team Alpha') })
    expect(posts()).toEqual([])
  })

  it('with force: true it is an input error, and nothing is sent', async () => {
    const outcome = await run({ device: id('Linking'), force: 'true' })
    expect(standIn().requests).toEqual([])
    expect(outcome.outputs).toMatchObject({ 'error-code': 'invalid-input', skipped: 'false' })
    expect(outcome.outputs['error-message']).toMatch(
      /^Input `skip-if-online` is true with `force: true`, which contradict each other/
    )
  })

  it('a read that fails is a failure, and nothing is requested', async () => {
    standIn().script({ when: 'GET', status: 401, body: '{"message":"Invalid token"}' })
    const outcome = await run({ device: id('Linking') })
    expect(posts()).toEqual([])
    expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'unauthorized' })
    expect(outcome.outputs['error-message']).toMatch(
      /^Reading number ID 6123456789abcdef01234505 failed, so nothing was requested \(skip-if-online\)\. Wassenger rejected the API key/
    )
  })

  it('a read about another number is a bad answer, and nothing is requested', async () => {
    const other = JSON.stringify({ id: id('Sales'), session: { status: 'online' } })
    standIn().script({ when: 'GET', status: 200, body: other })
    const outcome = await run({ device: id('Linking') })
    expect(posts()).toEqual([])
    expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'bad-answer' })
  })

  it.each(['removed', 'banned', 'Disabled', 'unpaid'])(
    'a number that is %s cannot be linked: the status named, what to do, nothing requested',
    async status => {
      const body = JSON.stringify({ id: id('Linking'), status, session: { status: 'offline' } })
      standIn().script({ when: 'GET', status: 200, body })
      const outcome = await run({ device: id('Linking') })
      expect(posts()).toEqual([])
      expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'rejected' })
      expect(outcome.outputs['error-message']).toMatch(
        new RegExp(
          `is ${status.toLowerCase()} in this Wassenger account, so no code can link it and nothing was requested\\. Settle that in the Wassenger console first, at https://app\\.wassenger\\.com/${id('Linking')}/scan`
        )
      )
    }
  )

  it('a linked number: session-status says online when a wait was asked for, else stays empty', async () => {
    const waited = await run({ device: id('Team Alpha'), wait: '60' })
    expect(waited.outputs).toMatchObject({ skipped: 'true', 'session-status': 'online' })
    const quick = await run({ device: id('Team Alpha') })
    expect(quick.outputs).toMatchObject({ skipped: 'true', 'session-status': '' })
  })

  it('off by default: no read, the request as before', async () => {
    await runInProcess({ 'api-key': KEY, 'api-url': standIn().url, device: id('Linking') })
    expect(standIn().requests.map(r => r.method)).toEqual(['POST'])
  })
})
