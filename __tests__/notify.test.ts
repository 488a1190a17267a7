/**
 * The code in the team's chat (`notify-webhook`): each form's payload against hostile text, the
 * format `auto` picks, the secrets a webhook URL holds, posting beside the run (one repeat, one
 * warning), and whole runs against the stand-in's chat.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createRequire } from 'node:module'
import type * as Cards from 'adaptivecards'
import {
  payloadOf,
  type ChatForm,
  type ChatFormat,
  type ChatMessage
} from '../src/notify/formats.js'
import { codeMessage, endMessage } from '../src/report/chat.js'
import type { RunContext } from '../src/report/io.js'
import type { RunResult } from '../src/run/result.js'
import { readFileSync } from 'node:fs'
import { openChat, type ChatDeps } from '../src/notify/webhook.js'
import { webhookOf, webhookSecrets, type Webhook } from '../src/inputs/webhook.js'
import { Redactor } from '../src/text/redactor.js'
import { untrusted } from '../src/text/untrusted.js'
import { data, words } from '../src/text/words.js'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
import { openNetwork } from '../src/http/transport.js'
import { failed, response } from './helpers/attempts.js'
import { outsideCode, renderGfm } from './helpers/gfm.js'
import { cleanUp, runInProcess } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

afterAll(cleanUp)

const reference = readFileSync(new URL('../docs/reference.md', import.meta.url), 'utf8')

/** What a chat's markup could make of text from outside: every one carries `qz`. */
const hazard = fc.constantFrom(
  '<!channel> qz',
  '<!here|qz>',
  '<@U123|qz>',
  '@everyone qz',
  '@here qz',
  '@all qz',
  '<users/all> qz',
  '<https://qz.example|click>',
  '[qz](https://qz.example)',
  '*qz*',
  '_qz_',
  '~qz~',
  '`qz`',
  '```qz```',
  '\n> qz',
  '\n# qz',
  '&lt;qz&gt;',
  '<qz>',
  'https://qz.example',
  '||qz||'
)
const hostile = fc.array(hazard, { minLength: 1, maxLength: 5 }).map(parts => parts.join(' '))

const message = (text: string): ChatMessage => ({
  headline: words`WhatsApp code ${data(text)} for ${data(text)}`,
  code: text,
  valid: { ms: 60_000, until: Date.UTC(2026, 0, 1, 6, 3, 53) },
  lines: [
    words`For the number with alias ${data(text)}.`,
    words`Its last status was ${data(text)}.`
  ],
  links: [{ title: 'Open the run', url: 'https://github.com/o/r/actions/runs/1' }]
})
/** The one place that makes outside text a harmless line, with no secret to hide. */
const same = untrusted(text => text)

/** The text's code spans and what lies outside them, for the forms that use backticks. */
function spans(text: string): { inside: string[]; outside: string } {
  const parts = text.split('`')
  return {
    inside: parts.filter((_, index) => index % 2 === 1),
    outside: parts.filter((_, index) => index % 2 === 0).join(' ')
  }
}

describe('each form, against text from outside', () => {
  it('Slack: data only inside code spans, with &, < and > escaped as Slack requires', () => {
    fc.assert(
      fc.property(hostile, text => {
        const payload = payloadOf(message(text), { format: 'slack' }, same) as { text: string }
        const { inside, outside } = spans(payload.text)
        expect(outside).not.toContain('qz')
        for (const span of inside) expect(span).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/)
        expect(payload.text).toContain('<https://github.com/o/r/actions/runs/1|Open the run>')
      }),
      { seed: 20261206, numRuns: 300 }
    )
  })

  it('Google Chat: data only inside code spans, no <...> that could mention or link', () => {
    fc.assert(
      fc.property(hostile, text => {
        const payload = payloadOf(message(text), { format: 'google-chat' }, same) as {
          text: string
        }
        const { inside, outside } = spans(payload.text)
        expect(outside).not.toContain('qz')
        for (const span of inside) expect(span).not.toMatch(/[<>]/)
      }),
      { seed: 20261206, numRuns: 300 }
    )
  })

  it('Discord: no mention can ping, and rendered as Markdown nothing of it is outside code', () => {
    fc.assert(
      fc.property(hostile, text => {
        const payload = payloadOf(message(text), { format: 'discord' }, same) as {
          content: string
          allowed_mentions: { parse: string[] }
        }
        expect(payload.allowed_mentions).toEqual({ parse: [] })
        expect(payload.content.length).toBeLessThanOrEqual(2000)
        expect(outsideCode(renderGfm(payload.content))).not.toContain('qz')
      }),
      { seed: 20261206, numRuns: 300 }
    )
  })

  it('Teams: an Adaptive Card whose data is only ever a monospace TextRun, which renders no Markdown', () => {
    fc.assert(
      fc.property(hostile, text => {
        const payload = payloadOf(message(text), { format: 'teams' }, same) as {
          type: string
          attachments: Array<{ contentType: string; content: Record<string, unknown> }>
        }
        expect(payload.type).toBe('message')
        const [attachment] = payload.attachments
        expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive')
        const card = JSON.stringify(attachment?.content)
        // Only the action's own words in a TextBlock (which renders Markdown), and every run
        // holding data is monospace.
        type Block = {
          type: string
          text?: string
          inlines?: Array<{ text: string; fontType?: string }>
        }
        const blocks: Block[] = JSON.parse(card).body
        for (const block of blocks.filter(each => each.type === 'TextBlock'))
          expect(block.text).toBe('Valid for 60 s, until {{TIME(2026-01-01T06:03:53Z)}}.')
        const runs = blocks.flatMap(block => block.inlines ?? [])
        for (const run of runs) if (run.text.includes('qz')) expect(run.fontType).toBe('Monospace')
        expect(JSON.parse(card).actions).toEqual([
          {
            type: 'Action.OpenUrl',
            title: 'Open the run',
            url: 'https://github.com/o/r/actions/runs/1'
          }
        ])
      }),
      { seed: 20261206, numRuns: 300 }
    )
  })

  it.each<ChatFormat>(['slack', 'discord', 'google-chat', 'teams'])(
    '%s: a piece of data is one line of at most 200 characters, however long',
    format => {
      const long = `${'x'.repeat(5000)}\nline two`
      const body = JSON.stringify(payloadOf(message(long), { format }, same))
      expect(body).not.toContain('x'.repeat(201))
      expect(body).not.toContain('line two\\n')
    }
  )
})

describe('secrets in what a chat is sent', () => {
  it.each<ChatFormat>(['slack', 'discord', 'google-chat', 'teams'])(
    '%s: a key split by an invisible character is still hidden',
    format => {
      const redactor = new Redactor()
      redactor.hide({ kind: 'secret', value: 'wsk_live_secretkey123' })
      // As main wires it: untrusted.ts's line, which hides the key the redactor holds.
      const shown = untrusted(text => redactor.text(text))
      const payload = payloadOf(message('bad token wsk_live_\u200bsecretkey123'), { format }, shown)
      expect(JSON.stringify(payload)).not.toContain('secretkey123')
      expect(JSON.stringify(payload)).toContain('bad token ***')
    }
  )
})

describe('notify-format auto', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/xyz', 'slack'],
    ['https://HOOKS.SLACK.COM./services/T0/B0/xyz', 'slack'],
    ['https://discord.com/api/webhooks/1/abc', 'discord'],
    ['https://discordapp.com/api/webhooks/1/abc', 'discord'],
    ['https://ptb.discord.com/api/webhooks/1/abc', 'discord'],
    ['https://canary.discord.com/api/webhooks/1/abc', 'discord'],
    ['https://chat.googleapis.com/v1/spaces/S/messages?key=k&token=t', 'google-chat'],
    ['https://contoso.webhook.office.com/webhookb2/x', 'teams'],
    ['https://webhook.office.com/x', 'teams'],
    ['https://prod-1.westus.logic.azure.com:443/workflows/x?sig=s', 'teams'],
    ['https://x.environment.api.powerplatform.com/powerautomate/x?sig=s', 'teams'],
    ['https://x.powerautomate.com/x', 'teams'],
    ['https://xwebhook.office.com/x', 'slack'],
    ['https://discord.com.evil.example/api/webhooks/1/abc', 'slack'],
    ['https://mattermost.example.com/hooks/abc', 'slack']
  ])('%s takes the %s form', (url, format) => {
    expect(webhookOf(url, 'auto').format).toBe(format)
  })
})

describe('the secrets a webhook URL holds: each token as given and decoded, never a word of the URL', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/slacktoken123', ['slacktoken123']],
    ['https://discord.com/api/webhooks/1234/discord%2Dtoken', ['discord%2Dtoken', 'discord-token']],
    [
      'https://chat.googleapis.com/v1/spaces/S/messages?key=googlekey1&token=googletoken1',
      ['googlekey1', 'googletoken1']
    ],
    ['https://chat.example.com/hooks/abc?x=1', ['/hooks/abc?x=1']],
    ['https://discord.com/api/webhooks/1234/discordtoken99/github', ['discordtoken99']],
    ['https://hooks.slack.com/services/T0/B0/short', []],
    ['https://chat.example.com/', []],
    ['https://chat.example.com', []],
    [
      'https://x.logic.azure.com/workflows/w?api-version=1&sig=teams%3Dsig+plus',
      ['teams%3Dsig+plus', 'teams=sig+plus', 'teams=sig plus']
    ],
    ['https://x.webhook.office.com/w?%73ig=abc=defgh', ['abc=defgh']],
    ['https://hooks.slack.com/services/T0/B0/exactly8', ['exactly8']],
    ['https://hooks.slack.com/hooks/T0/B0/not-services', []],
    ['https://discord.com/api/other/1234/discordtoken99', []],
    ['https://chat.example.com/?token=bad%zzpercent', ['/?token=bad%zzpercent']],
    ['https://chat.googleapis.com/v1/spaces/S?key=googlekey1&keyx=notthis1', ['googlekey1']]
  ])('%s: %j', (url, secrets) => {
    expect(webhookSecrets(url)).toEqual(secrets)
  })
})

describe('posting', () => {
  const SLACK: Webhook = { url: 'https://hooks.slack.com/services/T0/B0/token123', format: 'slack' }
  /** A chat's edges: `transport`, and no time passing unless `changes` say otherwise. */
  const edges = (transport: ChatDeps['transport'], changes: Partial<ChatDeps> = {}): ChatDeps => ({
    transport,
    sleep: async () => undefined,
    now: () => 0,
    wallNow: () => Date.UTC(2026, 11, 6),
    debug: () => undefined,
    shown: same,
    ...changes
  })
  /** A chat that answers each post with the next of `answers`, recording what it was given. */
  function chatWith(...answers: HttpAttempt[]) {
    const requests: HttpRequest[] = []
    const sleeps: number[] = []
    const transport = async (request: HttpRequest) => {
      requests.push(request)
      return answers.shift() ?? response(200, 'ok')
    }
    const chat = openChat(SLACK, edges(transport, { sleep: async ms => void sleeps.push(ms) }))
    return { chat, requests, sleeps }
  }
  const hello: ChatMessage = { headline: ['Hello'], lines: [], links: [] }

  it('a message the chat accepts counts once; each post has 10 s', async () => {
    const { chat, requests } = chatWith(response(200, 'ok'))
    chat.post(() => hello)
    expect(await chat.settle()).toEqual({ notified: 1 })
    expect(requests[0]).toMatchObject({ method: 'POST', timeoutMs: 10_000 })
    expect(requests[0]?.headers).toEqual({ 'Content-Type': 'application/json' })
  })

  it.each([
    ['a 429 asking for 3 s', response(429, '', { 'retry-after': '3' }), 3000],
    ['a 429 without Retry-After', response(429), 1000],
    ['a 5xx', response(502), 1000],
    ['a connection never made', failed('connect'), 1000]
  ])('%s is repeated once, and the message counts once', async (_, first, wait) => {
    const { chat, requests, sleeps } = chatWith(first, response(204))
    chat.post(() => hello)
    expect(await chat.settle()).toEqual({ notified: 1 })
    expect(requests).toHaveLength(2)
    expect(sleeps).toEqual([wait])
  })

  it.each([
    ['a 429 asking for more than 10 s', response(429, 'slow down', { 'retry-after': '30' }), 429],
    [
      'a 429 asking until a date 20 s away',
      response(429, '', {
        'retry-after': 'Sun, 06 Dec 2026 08:00:20 GMT',
        date: 'Sun, 06 Dec 2026 08:00:00 GMT'
      }),
      429
    ],
    ['a 404', response(404, 'no_service'), 404],
    ['silence', failed('timeout'), undefined]
  ])('%s is not repeated: one refusal, named by the host', async (_, answer, status) => {
    const { chat, requests } = chatWith(answer)
    chat.post(() => hello)
    const report = await chat.settle()
    expect(requests).toHaveLength(1)
    expect(report).toEqual({
      notified: 0,
      refused: { host: 'hooks.slack.com', ...(status ? { status } : {}), said: expect.any(String) }
    })
  })

  it('a refusal that echoes the key: hidden before the answer is cut, so no part of it is quoted', async () => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: 'wsk_live_secretkey123' })
    const refusal = response(403, `${'x'.repeat(50)} wsk_live_secretkey123 is not allowed here`)
    const shown = untrusted(text => redactor.text(text))
    const chat = openChat(
      SLACK,
      edges(async () => refusal, { shown })
    )
    chat.post(() => hello)
    const { refused } = await chat.settle()
    expect(refused).toMatchObject({ said: expect.stringMatching(/^x{50} \*\*\*/) })
    expect(JSON.stringify(refused)).not.toMatch(/wsk|secretkey/)
  })

  it('a message that cannot be built is a debug line: nothing posted, nothing refused, nothing thrown', async () => {
    const { chat, requests } = chatWith()
    chat.post(() => {
      throw new TypeError('a bug')
    })
    chat.post(() => undefined)
    expect(await chat.settle()).toEqual({ notified: 0 })
    expect(requests).toEqual([])
  })

  it('a second failure is not repeated again; later posts are still tried; the first refusal is kept', async () => {
    const { chat, requests } = chatWith(
      response(500),
      response(500),
      response(410, 'channel_is_archived'),
      response(200)
    )
    // One after another, as a run's code and end messages come.
    for (let post = 0; post < 3; post++) {
      chat.post(() => hello)
      await chat.settle()
    }
    const report = await chat.settle()
    expect(requests).toHaveLength(4)
    expect(report).toMatchObject({ notified: 1, refused: { status: 500 } })
  })

  /** A chat whose answers come when the test says, and whose waits end only when aborted. */
  function heldChat(webhook: Webhook = SLACK) {
    const sent: string[] = []
    const answers: Array<(attempt: HttpAttempt) => void> = []
    const transport = (request: HttpRequest) => {
      sent.push(String(request.body))
      return new Promise<HttpAttempt>(resolve => answers.push(resolve))
    }
    const sleep = (_: number, signal?: AbortSignal) =>
      new Promise<void>(resolve => {
        if (signal?.aborted) resolve()
        signal?.addEventListener('abort', () => resolve())
      })
    const chat = openChat(webhook, edges(transport, { sleep }))
    /** Answers the next request, once it has been sent. */
    const answer = async (attempt: HttpAttempt) => {
      for (let turn = 0; answers.length === 0 && turn < 100; turn++) {
        await new Promise(resolve => setImmediate(resolve))
      }
      const next = answers.shift()
      if (!next) throw new Error(`no request to answer; sent: ${sent.join(', ')}`)
      next(attempt)
    }
    return { chat, sent, answer }
  }
  const said = (text: string): ChatMessage => ({ headline: [text], lines: [], links: [] })

  it('in order: a code refused with Retry-After is not repeated once the end replaced it; the end is posted after it', async () => {
    const { chat, sent, answer } = heldChat()
    chat.post(() => said('code'))
    await answer(response(429, '', { 'retry-after': '5' }))
    chat.post(() => said('end'))
    await answer(response(200, 'ok'))
    expect(await chat.settle()).toMatchObject({ notified: 1, refused: { status: 429 } })
    expect(sent.map(body => JSON.parse(body).text)).toEqual(['code', 'end'])
  })

  it('in order: a message waiting its turn that a newer one replaced is never posted', async () => {
    const { chat, sent, answer } = heldChat()
    chat.post(() => said('code 1'))
    await new Promise(resolve => setImmediate(resolve))
    // Code 1 is in flight: code 2 waits its turn, and the end replaces it there.
    chat.post(() => said('code 2'))
    chat.post(() => said('end'))
    await answer(response(200, 'ok'))
    await answer(response(200, 'ok'))
    expect(await chat.settle()).toEqual({ notified: 2 })
    expect(sent.map(body => JSON.parse(body).text)).toEqual(['code 1', 'end'])
  })

  it('a chat that does not answer in time is given up: one refusal saying so', async () => {
    const { chat } = heldChat()
    chat.post(() => said('code'))
    expect(await chat.settle(50)).toEqual({
      notified: 0,
      refused: { host: 'hooks.slack.com', lateMs: 50 }
    })
  })

  it.each<[string, Webhook, HttpAttempt, object]>([
    [
      'a 400 in its own form',
      webhookOf('https://hooks.slack.com/services/T/B/tok12345', 'auto'),
      response(400),
      {}
    ],
    [
      'a 400 from a host of no known service',
      webhookOf('https://chat.example.com/h/tok12345', 'discord'),
      response(400),
      {}
    ],
    [
      'a 404 in another form',
      webhookOf('https://hooks.slack.com/services/T/B/tok12345', 'discord'),
      response(404),
      {}
    ]
  ])('%s names no other form', async (_, webhook, attempt, takes) => {
    const { chat, answer } = heldChat(webhook)
    chat.post(() => said('code'))
    await answer(attempt)
    const { refused } = await chat.settle()
    expect(refused && 'takes' in refused ? { takes: refused.takes } : {}).toEqual(takes)
  })

  it('Google Chat is sent its charset; what the chat was sent and answered is one debug line, its host only', async () => {
    const debug: string[] = []
    const requests: HttpRequest[] = []
    const transport = async (request: HttpRequest) => {
      requests.push(request)
      if (requests.length === 2) throw new Error('socket exploded')
      return response(200, '{}')
    }
    const chat = openChat(
      webhookOf('https://chat.googleapis.com/v1/spaces/S/messages?key=k&token=secret99', 'auto'),
      edges(transport, { debug: line => void debug.push(line) })
    )
    chat.post(() => said('code'))
    chat.post(() => {
      throw new TypeError('a bug')
    })
    expect(await chat.settle()).toEqual({ notified: 1 })
    chat.post(() => said('end'))
    expect(await chat.settle()).toEqual({
      notified: 1,
      refused: { host: 'chat.googleapis.com', said: 'socket exploded' }
    })
    expect(requests[0]?.headers).toEqual({ 'Content-Type': 'application/json; charset=UTF-8' })
    expect(debug).toEqual([
      'No chat message: a bug',
      expect.stringMatching(/^POST to the chat at chat\.googleapis\.com -> 200 in \d+ ms$/)
    ])
  })

  it('a 400 to a message in a form its host does not take names the form the host takes', async () => {
    const { chat, answer } = heldChat(
      webhookOf('https://hooks.slack.com/services/T0/B0/tok12345', 'discord')
    )
    chat.post(() => said('code'))
    await answer(response(400, 'invalid_payload'))
    expect(await chat.settle()).toMatchObject({ refused: { status: 400, takes: 'slack' } })
  })
})

describe('a run with notify-webhook, against the stand-in and its chat', () => {
  const standIn = useStandIn()
  const run = (inputs: Record<string, string>, options: Parameters<typeof runInProcess>[1] = {}) =>
    runInProcess(
      { 'api-key': 'stand-in-key', 'api-url': standIn().url, device: 'Linking', ...inputs },
      options
    )
  const webhook = (path = 'T0/B0/chat-secret-token-42') =>
    `${new URL(standIn().url).origin}/chat/${path}`

  it('a scheduled run that would wait with no chat: one warning before its request, none when linked', async () => {
    const env = { GITHUB_EVENT_NAME: 'schedule' }
    const waits = await run({ wait: '30', 'wait-interval': '1' }, { env })
    expect(waits.annotations.map(a => a.level).slice(0, 2)).toEqual(['warning', 'notice'])
    expect(waits.annotations[0]?.message).toContain('notify-webhook')
    const linked = await run(
      { device: 'Team Alpha', 'skip-if-online': 'true', wait: '30' },
      { env }
    )
    const told = await run(
      { wait: '30', 'wait-interval': '1', 'notify-webhook': webhook() },
      { env }
    )
    expect([...linked.annotations, ...told.annotations].filter(a => a.level === 'warning')).toEqual(
      []
    )
  })

  it('a 400 from a chat given another form than its host takes: the warning names notify-format', async () => {
    const outcome = await runInProcess(
      {
        'api-key': 'stand-in-key',
        device: '6123456789abcdef01234505',
        'notify-webhook': 'https://hooks.slack.com/services/T0/B0/chat-secret-token-42',
        'notify-format': 'discord'
      },
      {
        transport: async request =>
          request.url.host === 'hooks.slack.com'
            ? response(400, 'invalid_payload')
            : response(200, '{"code":"ABCD-EFGH"}')
      }
    )
    const [warning] = outcome.annotations.filter(a => a.level === 'warning')
    expect(warning?.message).toMatch(/HTTP 400 .*notify-format: that host takes the slack form/)
  })

  it('posts the code the moment it is shown, and that the number linked; notified 2', async () => {
    const outcome = await run(
      { wait: '30', 'wait-interval': '1', 'notify-webhook': webhook() },
      {
        env: {
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'o/r',
          GITHUB_RUN_ID: '42'
        }
      }
    )
    const code = outcome.outputs.code ?? ''
    expect(outcome.outputs).toMatchObject({ success: 'true', notified: '2' })
    expect(standIn().chat.map(post => post.shown.split('\n')[0])).toEqual([
      `WhatsApp code \`${code}\` for \`Linking\``,
      'WhatsApp number `Linking` linked'
    ])
    expect(standIn().chat[0]?.shown).toContain(`\`${code}\``)
    expect(standIn().chat[0]?.shown).toContain(
      'Open the run (https://github.com/o/r/actions/runs/42)'
    )
    // The code's post went out before the first poll: it rode beside the wait.
    const paths = standIn().requests.map(
      request => `${request.method} ${request.url.split('?')[0]}`
    )
    const posted = paths.indexOf('POST /chat/T0/B0/chat-secret-token-42')
    expect(posted).toBeLessThan(paths.lastIndexOf(`GET /v1/devices/6123456789abcdef01234505`))
  })

  it('the webhook URL and its token are masked first and appear nowhere', async () => {
    const url = webhook()
    const outcome = await run({ 'notify-webhook': url, 'notify-format': 'slack' }, { debug: true })
    expect(outcome.commands.slice(0, 2)).toEqual(['add-mask', 'add-mask'])
    const everything = [outcome.log.join('\n'), outcome.summary, ...Object.values(outcome.outputs)]
    for (const secret of [url, 'chat-secret-token-42']) {
      expect(everything.join('\n')).not.toContain(secret)
    }
    expect(outcome.stdout).toContain(`::add-mask::${url}`)
  })

  it('a chat that refuses: one warning naming its host only, the result and outputs unchanged', async () => {
    const url = webhook('refused')
    const outcome = await run({ 'notify-webhook': url })
    expect(outcome.outputs).toMatchObject({ success: 'true', notified: '0' })
    expect(outcome.exitCode).toBe(0)
    const warnings = outcome.annotations.filter(a => a.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).toMatch(
      /^The chat at 127\.0\.0\.1:\d+ did not accept a message: it answered HTTP 404 \("no_service"\)\. Check the notify-webhook secret/
    )
  })

  it('a silent chat costs its 10 s, not the code: one warning, every output', async () => {
    const real = openNetwork()
    try {
      const outcome = await run(
        { 'notify-webhook': webhook() },
        {
          transport: request =>
            request.url.pathname.startsWith('/chat/')
              ? Promise.resolve(failed('timeout'))
              : real.transport(request)
        }
      )
      expect(outcome.outputs).toMatchObject({ success: 'true', notified: '0' })
      expect(outcome.outputs.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
      expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'warning'])
    } finally {
      real.close()
    }
  })

  it.each([
    ['a run skip-if-online skipped', { device: 'Team Alpha', 'skip-if-online': 'true' }],
    ['unusable inputs', { timeout: 'soon' }]
  ])('posts nothing for %s', async (_, inputs) => {
    const outcome = await run({ ...inputs, 'notify-webhook': webhook() })
    expect(outcome.outputs.notified).toBe('0')
    expect(standIn().chat).toEqual([])
  })

  it('a failure is one message with its error-code, with fail-on-error false too', async () => {
    await run({ device: 'Support', 'notify-webhook': webhook(), 'fail-on-error': 'false' })
    expect(standIn().chat).toHaveLength(1)
    expect(standIn().chat[0]?.shown).toMatch(
      /^WhatsApp relink failed for `Support`: 2 numbers match device\nerror-code `device-ambiguous`\n/
    )
  })

  it.each([
    ['not a URL', 'hooks', 'is not a URL'],
    [
      'http to a host that is not loopback',
      'http://chat.example.com/hooks/x',
      'must start with https://'
    ],
    ['a fragment', 'https://hooks.slack.com/services/a#b', 'must not hold a # fragment'],
    ['a user name', 'https://me@hooks.slack.com/services/a', 'must not hold a user name']
  ])('notify-webhook that is %s: an input error that never quotes it', async (_, url, problem) => {
    const outcome = await run({ 'notify-webhook': url })
    expect(outcome.outputs['error-code']).toBe('invalid-input')
    expect(outcome.outputs['error-message']).toContain(`Input \`notify-webhook\` ${problem}`)
    expect(outcome.log.join('\n')).not.toContain(url)
  })

  it('notify-format that is not one: an input error naming the choices', async () => {
    const outcome = await run({ 'notify-webhook': webhook(), 'notify-format': 'msteams' })
    expect(outcome.outputs['error-message']).toContain(
      'Input `notify-format` must be one of auto, slack, discord, teams, google-chat (got "msteams")'
    )
  })
})

describe("Teams' card, read by Microsoft's own Adaptive Cards parser", () => {
  it('parses with nothing unknown: every element and property is one Teams renders', () => {
    // The package's ES build does not load in Node; its bundled build does.
    const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof Cards
    const payload = payloadOf(message('<!channel> `qz`'), { format: 'teams' }, same) as {
      attachments: Array<{ content: object }>
    }
    const context = new AC.SerializationContext()
    const card = new AC.AdaptiveCard()
    card.parse(payload.attachments[0]?.content, context)
    const events = Array.from(
      { length: context.eventCount },
      (_, i) => context.getEventAt(i).message
    )
    expect(events).toEqual([])
    // What the parser keeps is all that was sent: no property it does not know was dropped.
    expect(card.toJSON()).toEqual(payload.attachments[0]?.content)
    expect(card.getItemCount()).toBe(5)
  })
})

describe('each message as sent: the wording, one snapshot per kind and form', () => {
  const until = Date.UTC(2026, 11, 6, 16, 29, 0)
  const linking: RunResult = {
    asked: {
      force: false,
      phone: undefined,
      host: 'api.wassenger.com',
      timeoutMs: 30_000,
      renew: 2
    },
    device: { id: '6123456789abcdef01234505', alias: 'Linking', phone: '+5511987654321' },
    attempts: 1,
    codes: [{ value: '5EDT-GPPW', issuedAt: 0, validMs: 160_000, until }]
  }
  const context: RunContext = {
    serverUrl: 'https://github.com',
    repository: 'your-org/your-repo',
    runId: '42',
    workflowRef: 'your-org/your-repo/.github/workflows/relink-whatsapp.yml@refs/heads/main',
    eventName: 'workflow_dispatch',
    actor: 'octocat'
  }
  const forms: Record<string, ChatForm> = {
    Slack: { format: 'slack', service: 'slack' },
    'Mattermost (the Slack form)': { format: 'slack' },
    Discord: { format: 'discord', service: 'discord' },
    'Google Chat': { format: 'google-chat', service: 'google-chat' },
    Teams: { format: 'teams', service: 'teams' }
  }
  const sent = (form: ChatForm, message = codeMessage(linking, context)): unknown =>
    payloadOf(message, form, same)
  const slackText = (message: ChatMessage | undefined): string =>
    message ? (sent(forms.Slack as ChatForm, message) as { text: string }).text : ''

  it.each(Object.keys(forms))('a code, in %s: docs/reference.md shows it as sent', name => {
    const shown = [...reference.matchAll(/^(`{3,})json\n([\s\S]*?)^\1$/gm)].map(([, , json = '']) =>
      JSON.parse(json)
    )
    expect(shown).toContainEqual(sent(forms[name] as ChatForm))
  })

  it('a code, in Slack: the first line is the code and the number, the time is the reader’s own', () => {
    expect(slackText(codeMessage(linking, context))).toMatchInlineSnapshot(`
     "WhatsApp code \`5EDT-GPPW\` for \`Linking\`
     \`\`\`5EDT-GPPW\`\`\`
     Valid for 160 s, until <!date^1796574540^{time_secs}|16:29:00 UTC>.
     For the number with alias \`Linking\`, phone \`+55*******4321\`.
     Why: \`octocat\` started the workflow.
     Enter it now: on the phone, open WhatsApp &gt; Settings &gt; Linked devices (iPhone) or WhatsApp &gt; ⋮ (More options) &gt; Linked devices (Android), then Link a device &gt; Link with phone number instead, and type the code.
     <https://github.com/your-org/your-repo/actions/runs/42|Open the run>"
    `)
  })

  it('a renewal, in Slack: which code of how many, and that it replaces the previous one', () => {
    const renewed = {
      ...linking,
      codes: [...linking.codes, { ...linking.codes[0], value: 'QQQQ-2222' }]
    }
    expect(
      slackText(codeMessage(renewed as RunResult, context)).split('\n')[0]
    ).toMatchInlineSnapshot(
      `"WhatsApp code \`QQQQ-2222\` (2 of at most 3, it replaces the previous one) for \`Linking\`"`
    )
  })

  it('a code the scheduled check asked for, valid for the usual time', () => {
    const checked = {
      ...linking,
      checkedStatus: 'offline',
      codes: [{ value: '5EDT-GPPW', issuedAt: 0 }]
    }
    const text = slackText(codeMessage(checked, { ...context, eventName: 'schedule' }))
    expect(text.split('\n').slice(2, 5)).toMatchInlineSnapshot(`
     [
       "Valid for about 160 s, the time WhatsApp gives a code.",
       "For the number with alias \`Linking\`, phone \`+55*******4321\`.",
       "Why: the scheduled check found the number's session \`offline\`.",
     ]
    `)
  })

  it('a success without a code, linked, not linked, a failure: their first lines', () => {
    const failure = { kind: 'refused', call: 'authcode', status: 401, tries: 1 } as const
    const ends = [
      codeMessage({ ...linking, codes: [] }, context),
      endMessage({ ...linking, sessionStatus: 'online', waitedMs: 42_000 }, context),
      endMessage(
        {
          ...linking,
          failure: { kind: 'wait-timeout', waitMs: 600_000, lastStatus: 'authorizing' }
        },
        context
      ),
      endMessage({ ...linking, failure }, context)
    ]
    expect(ends.map(slackText)).toMatchInlineSnapshot(`
     [
       "WhatsApp code requested for \`Linking\`
     For the number with alias \`Linking\`, phone \`+55*******4321\`.
     Why: \`octocat\` started the workflow.
     Wassenger's answer does not carry the code: read it in Wassenger's console (the link below), then on the phone, open WhatsApp &gt; Settings &gt; Linked devices (iPhone) or WhatsApp &gt; ⋮ (More options) &gt; Linked devices (Android), then Link a device &gt; Link with phone number instead, and type the code.
     <https://app.wassenger.com/6123456789abcdef01234505/scan|Open the number in Wassenger's console> · <https://github.com/your-org/your-repo/actions/runs/42|Open the run>",
       "WhatsApp number \`Linking\` linked
     For the number with alias \`Linking\`, phone \`+55*******4321\`.
     Its session came online 42 s after the code was shown.
     <https://github.com/your-org/your-repo/actions/runs/42|Open the run>",
       "WhatsApp number \`Linking\` not linked
     For the number with alias \`Linking\`, phone \`+55*******4321\`.
     It was not linked within 600 s; its last status was \`authorizing\`. The code has run out: a new run gives a new code.
     <https://github.com/your-org/your-repo/actions/workflows/relink-whatsapp.yml|Start the workflow again> · <https://github.com/your-org/your-repo/actions/runs/42|Open the run>",
       "WhatsApp relink failed for \`Linking\`: Wassenger rejected the API key
     For the number with alias \`Linking\`, phone \`+55*******4321\`.
     error-code \`unauthorized\`
     Wassenger rejected the API key (HTTP 401). Check the secret passed as api-key: it must hold a current API key of your Wassenger account.
     <https://github.com/your-org/your-repo/actions/runs/42|Open the run>",
     ]
    `)
  })
})

describe('what a message says of the run: its links, only the action own, and why it asked', () => {
  const result: RunResult = {
    asked: {
      force: false,
      phone: undefined,
      host: 'api.wassenger.com',
      timeoutMs: 30_000,
      renew: 0
    },
    device: { id: '6123456789abcdef01234505', alias: 'Linking' },
    attempts: 1,
    codes: [{ value: '5EDT-GPPW', issuedAt: 0 }],
    failure: { kind: 'wait-timeout', waitMs: 60_000, lastStatus: 'offline' }
  }
  const run = { serverUrl: 'https://github.com', repository: 'o/r', runId: '42' }
  const ref = 'o/r/.github/workflows/keep.yml@refs/heads/main'
  it.each<[RunContext, string[]]>([
    [{}, []],
    [run, ['https://github.com/o/r/actions/runs/42']],
    [
      { ...run, serverUrl: 'https://ghe.example:8443', workflowRef: ref },
      [
        'https://ghe.example:8443/o/r/actions/workflows/keep.yml',
        'https://ghe.example:8443/o/r/actions/runs/42'
      ]
    ],
    [{ ...run, serverUrl: 'javascript:alert(1)//' }, []],
    [{ ...run, serverUrl: 'x https://github.com' }, []],
    [{ ...run, serverUrl: 'https://github.com/evil' }, []],
    [{ ...run, serverUrl: 'https://github.com:x' }, []],
    [{ ...run, repository: 'o/r/x' }, []],
    [{ ...run, repository: 'x o/r' }, []],
    [{ ...run, runId: '42x' }, []],
    [{ ...run, runId: 'x42' }, []],
    [
      { ...run, runId: undefined, workflowRef: ref },
      ['https://github.com/o/r/actions/workflows/keep.yml']
    ],
    [{ ...run, workflowRef: `x/${ref}` }, ['https://github.com/o/r/actions/runs/42']]
  ])('%j: %j', (context, urls) => {
    expect(endMessage(result, context)?.links.map(link => link.url)).toEqual(urls)
  })

  const why = (context: RunContext, checked?: string): string | undefined =>
    slackLines(
      codeMessage(
        {
          ...result,
          failure: undefined,
          ...(checked === undefined ? {} : { checkedStatus: checked })
        },
        context
      )
    ).find(line => line.startsWith('Why'))
  it.each<[RunContext, string | undefined, string | undefined]>([
    [
      { eventName: 'schedule' },
      'offline',
      "Why: the scheduled check found the number's session `offline`."
    ],
    [{ eventName: 'schedule' }, '', 'Why: the scheduled check found no session for the number.'],
    [{ eventName: 'schedule' }, undefined, 'Why: a scheduled run of the workflow.'],
    [
      { eventName: 'workflow_dispatch', actor: 'octocat' },
      undefined,
      'Why: `octocat` started the workflow.'
    ],
    [
      { eventName: 'workflow_dispatch' },
      undefined,
      'Why: the workflow ran on `workflow_dispatch`.'
    ],
    [{ eventName: 'push', actor: 'octocat' }, undefined, 'Why: the workflow ran on `push`.'],
    [{ actor: 'octocat' }, undefined, undefined]
  ])('%j, the check found %j: %s', (context, checked, line) => {
    expect(why(context, checked)).toBe(line)
  })

  it('no end message for a run skipped, for unusable inputs, or for one that did not wait', () => {
    const success = { ...result, failure: undefined }
    expect(endMessage({ ...success, skipped: true, sessionStatus: 'online' }, run)).toBeUndefined()
    expect(
      endMessage({ ...result, failure: { kind: 'invalid-input', problems: [] } }, run)
    ).toBeUndefined()
    expect(endMessage(success, run)).toBeUndefined()
  })
})

/** A message's lines in the Slack form, on a host of that form that is not Slack's own. */
function slackLines(message: ChatMessage | undefined): string[] {
  return message
    ? (
        payloadOf(
          message,
          { format: 'slack' },
          untrusted(text => text)
        ) as { text: string }
      ).text.split('\n')
    : []
}
