/**
 * Whatever Wassenger answers, the invariants hold: generated answers (helpers/hostile.ts) through
 * the whole action in process, @actions/core writing to a captured stdout rendered as the runner
 * renders it, with a fake clock. Seeded: FC_SEED=<n> repeats a run; a failure prints its seed.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readInputs } from '../src/inputs/inputs.js'
import { renderSummary } from '../src/report/summary.js'
import type { RunResult } from '../src/run/result.js'
import { untrusted } from '../src/text/untrusted.js'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
import { outsideCode, renderGfm, shape } from './helpers/gfm.js'
import { cleanUp, runInProcess, type InProcessOutcome } from './helpers/in-process.js'
import {
  answer,
  ID,
  KEY,
  keyForm,
  PHONE,
  PHONE_NATIONAL,
  plantedCodeIn
} from './helpers/hostile.js'

afterAll(cleanUp)

const SEED = Number(process.env.FC_SEED ?? 20261129)
/**
 * Scenarios: each is answered one to a dozen times (lookup pages, the request, polls). A
 * hundred by default, to keep `npm test` quick; CI (.ci/run) sets FC_RUNS to the full strength.
 */
const FULL_RUNS = 1400
const RUNS = Number(process.env.FC_RUNS ?? 100)
/** Answers served to the action over all scenarios: at least 2,000 per `npm test`. */
let served = 0

const scenario = fc.record({
  device: fc.constantFrom(ID, 'Support', PHONE),
  wait: fc.constantFrom('0', '30'),
  renew: fc.constantFrom('0', '2'),
  force: fc.constantFrom('true', 'false'),
  answers: fc.array(answer, { minLength: 1, maxLength: 12 }),
  /** Forms of the key the answers above may hold, recorded to look for afterwards. */
  keys: fc.array(keyForm, { minLength: 1, maxLength: 3 }),
  /** The team's chat, answered like Wassenger (anything); '' for none. */
  chat: fc.constantFrom('', 'slack', 'discord', 'teams', 'google-chat')
})
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

interface Played {
  readonly outcome: InProcessOutcome
  /** What the auth-code request was answered, when it was sent. */
  readonly post?: HttpAttempt
  /** The bodies posted to the team's chat. */
  readonly chat: string[]
}

/** The chat's webhook in the scenarios: its token must never show either. */
const WEBHOOK = 'https://hooks.chat.example/services/T000/B000/chat-token-4f9a2c'

/** Answers each request with the next generated answer, the key forms spliced into its body. */
async function play(s: Scenario): Promise<Played> {
  let post: HttpAttempt | undefined
  let next = 0
  const chat: string[] = []
  const transport = async (request: HttpRequest): Promise<HttpAttempt> => {
    served++
    if (request.url.href === WEBHOOK) chat.push(request.body ?? '')
    const given = s.answers[next++ % s.answers.length] ?? s.answers[0]
    if (!given) throw new Error('no answer generated')
    const form = s.keys[next % s.keys.length]?.text ?? ''
    const reply: HttpAttempt =
      given.kind === 'response' && next % 2 === 0
        ? { ...given, body: echo(given.body, form) }
        : given
    if (request.method === 'POST' && request.url.href !== WEBHOOK) post = reply
    return reply
  }
  const outcome = await runInProcess(
    {
      'api-key': KEY,
      device: s.device,
      phone: PHONE,
      force: s.force,
      wait: s.wait,
      renew: s.renew,
      'wait-interval': '5',
      ...(s.chat ? { 'notify-webhook': WEBHOOK, 'notify-format': s.chat } : {})
    },
    { debug: true, transport }
  )
  return { outcome, post, chat }
}

/** Every dozen characters of the key in a row. */
const KEY_PARTS = Array.from({ length: KEY.length - 11 }, (_, at) => KEY.slice(at, at + 12))
const keyPartIn = (text: string): string | undefined => KEY_PARTS.find(part => text.includes(part))

/** The body with `text` added: as one more field of a JSON object, else at its end. */
function echo(body: string, text: string): string {
  if (/^\{.+\}$/s.test(body)) return `${body.slice(0, -1)},"echo":${JSON.stringify(text)}}`
  return `${body} ${text}`
}

/** XML's entities for the key's characters (helpers/hostile.ts uses these). */
const XML: Record<string, string> = { lt: '<', quot: '"', amp: '&' }

/**
 * The text with every escape an answer may use decoded at once (JSON, `\u`, percent, XML),
 * and each run of base64 characters decoded at each alignment: where the key would show.
 */
function decodings(text: string): string[] {
  const decoded = text.replace(
    /\\u([0-9a-f]{4})|%([0-9a-f]{2})|&(lt|quot|amp);|\\(["\\/])/gi,
    (all, u?: string, pct?: string, name?: string, esc?: string) => {
      const hexCode = u ?? pct
      if (hexCode) return String.fromCodePoint(parseInt(hexCode, 16))
      if (name) return XML[name] ?? all
      return esc ?? all
    }
  )
  // The key's base64, with a few characters either side, is a run of some 40 to 80 characters.
  const base64 = (text.match(/[A-Za-z0-9+/_-]{16,256}/g) ?? []).flatMap(run =>
    [0, 1, 2, 3].map(offset => Buffer.from(run.slice(offset), 'base64').toString('latin1'))
  )
  return [text, ...(decoded === text ? [] : [decoded]), ...base64]
}

/** All the run printed, but the one command that hands the key to the runner's masker. */
const printed = ({ outcome }: Played): string => outcome.stdout.replace(`::add-mask::${KEY}\n`, '')

const everywhere = (played: Played): string[] => [
  printed(played).replace(`::add-mask::${WEBHOOK}\n`, ''),
  played.outcome.summary,
  ...Object.values(played.outcome.outputs),
  ...played.chat
]

/** A digit run as a reader sees it: full-width digits read as digits, separators and escapes gone. */
const digitsRead = (text: string): string =>
  text
    .replace(/[\uff10-\uff19]/g, d => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/%2[bB]|%20/g, '')
    .replace(/[\s().\-_/\\\u2010-\u2015\u2212]/g, '')

/**
 * Every invariant the run broke, in words; none when it held them all. Plain loops and one
 * expect per run: a million expect calls would cost more than the runs.
 */
function broken(played: Played, s: Scenario): string[] {
  const { outcome } = played
  const faults: string[] = []
  const fault = (holds: boolean, what: string): void => void (holds || faults.push(what))

  // Never an internal error: every answer is one the action has words for.
  fault(outcome.result !== undefined, 'run() returned no result')
  fault(outcome.outputs['error-code'] !== 'internal-error', 'internal error')

  // No workflow command but the action's own: one mask, annotations, debug lines.
  const { commands } = outcome
  const own = ['add-mask', 'debug', 'notice', 'warning', 'error']
  // The key's mask, and with a chat, the webhook's URL and its token's.
  const masks = s.chat ? 3 : 1
  fault(commands.filter(name => name === 'add-mask').length === masks, 'not one mask a secret')
  for (const name of commands) fault(own.includes(name), `command ${name}`)
  fault(commands.filter(name => name === 'error').length <= 1, 'more than one error annotation')

  // The key in no form, whole or a dozen characters of it, anywhere: decoded as a reader would.
  for (const text of everywhere(played)) {
    for (const form of s.keys) fault(!text.includes(form.core), `key form ${form.core}`)
    for (const decoded of decodings(text)) {
      const part = keyPartIn(decoded)
      fault(part === undefined, `key part ${part} in ${decoded.slice(0, 2000)}`)
    }
  }

  // No phone whole in what a person reads.
  fault(!digitsRead(printed(played)).includes(PHONE_NATIONAL), 'phone in the log')
  fault(!digitsRead(outcome.summary).includes(PHONE_NATIONAL), 'phone in the summary')

  // The team's chat: no secret, no whole phone, and nothing from outside as markup: a mention, a
  // link or an element only the action's own (Slack's < > escaped, so any raw one is not ours).
  for (const body of played.chat) {
    fault(!body.includes('chat-token-4f9a2c'), 'the webhook token in a chat message')
    fault(!digitsRead(body).includes(PHONE_NATIONAL), 'phone in a chat message')
    const json = JSON.parse(body) as { text?: string; content?: string; allowed_mentions?: unknown }
    if (s.chat === 'slack') {
      const own = (json.text ?? '').replace(
        /<https:\/\/app\.wassenger\.com\/[0-9a-f]{24}\/scan\|[^<>]*>/g,
        ''
      )
      fault(!/[<>]/.test(own), `markup in a Slack message: ${own}`)
    }
    if (s.chat === 'discord') {
      fault(JSON.stringify(json.allowed_mentions) === '{"parse":[]}', 'Discord mentions allowed')
    }
    if (s.chat === 'teams') {
      // A TextBlock renders Markdown: the one the card has holds only the action's own words.
      const blocks = [...body.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)].map(m => m[1])
      const own = /^Valid for \d+ s, until \{\{TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\}\}\.$/
      fault(body.split('"TextBlock"').length - 1 === blocks.length, 'a TextBlock of another shape')
      for (const text of blocks)
        fault(own.test(text ?? ''), `a Markdown element in a card: ${text}`)
    }
  }
  fault(s.chat !== '' || played.chat.length === 0, 'a chat message without a chat')

  // Sizes.
  const texts = [
    ...outcome.annotations.flatMap(({ title, message }) => [title, message]),
    ...outcome.log.map(line => line.replace(/^(##\[debug\]|Notice: |Warning: |Error: )/, '')),
    outcome.outputs['error-message'] ?? ''
  ]
  for (const text of texts) fault(text.length <= 1000, `${text.length} characters: ${text}`)
  const status = outcome.outputs['session-status'] ?? ''
  fault(status.length <= 100, `session-status of ${status.length} characters`)
  const summaryBytes = Buffer.byteLength(outcome.summary)
  fault(summaryBytes <= 1024 * 1024, `summary of ${summaryBytes} bytes`)

  // A code that came is delivered: in the notice's message, which the live log shows, and the output.
  const { post } = played
  const ok = post?.kind === 'response' && post.status >= 200 && post.status < 300
  const code = ok ? plantedCodeIn(post.body) : undefined
  if (code !== undefined && !digitsRead(code).includes(PHONE_NATIONAL)) {
    fault(outcome.outputs.code === code, `code output ${outcome.outputs.code} is not ${code}`)
    const notice = `Notice: WhatsApp code ${code}. `
    fault(
      outcome.log.some(line => line.startsWith(notice)),
      `no live-log line starts ${notice}`
    )
  }
  return faults
}

describe('whatever Wassenger answers', () => {
  it(`holds every invariant over ${RUNS} generated scenarios (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async s => expect(broken(await play(s), s)).toEqual([])),
      { seed: SEED, numRuns: RUNS, endOnFailure: true }
    )
    if (RUNS >= FULL_RUNS) expect(served).toBeGreaterThanOrEqual(2000)
  }, 120_000)
})

/**
 * Whatever text comes from outside, the job summary's shape is the action's: rendered with a GFM
 * renderer (GitHub's autolink literals included), a summary holding hostile text has the same
 * elements as one holding a plain word in its place, and no piece of that text stands outside code.
 */
describe('whatever text reaches the job summary', () => {
  // Every fragment carries the marker, so that any fragment outside code is seen.
  const hazard = fc.constantFrom(
    'https://qz.example/a',
    'qz@evil.example',
    'mailto:qz@x.example',
    'xmpp:qz@x.example',
    'www.qz.example',
    '_www.qz.example',
    '@qzname',
    '#1qz',
    ':qz:',
    '<b>qz</b>',
    '<img src=qz>',
    '`qz',
    '``qz',
    '```qz',
    '|qz|',
    '\nqz',
    '\r\n| qz | qz |\n| --- | --- |',
    '\\qz',
    '*qz*',
    '_qz_',
    '**qz**',
    '~~qz~~',
    '# qz',
    '- qz',
    '1. qz',
    '> qz',
    '[qz](https://qz.example)',
    '![qz](https://qz.example/i.png)',
    '<https://qz.example>',
    '&amp;qz',
    ' qz ',
    '=== qz',
    '[qz]: https://qz.example'
  )
  const hostile = fc.array(hazard, { minLength: 1, maxLength: 6 }).map(parts => parts.join(''))
  const shown = untrusted(text => text)

  /** A result of each shape the summary has, with `text` in every place text from outside goes. */
  function results(text: string): RunResult[] {
    const device = { id: ID, alias: text, phone: text }
    const base: RunResult = {
      asked: {
        ref: { kind: 'alias', alias: text },
        force: false,
        phone: { masked: text },
        host: text,
        timeoutMs: 30_000,
        renew: 2
      },
      device,
      answer: { status: 409, body: text, bytes: text.length },
      attempts: 1,
      codes: [],
      sessionStatus: text
    }
    // Inputs are refused unread past their limit (100 characters for these), without echoing
    // them: within it, the text is echoed in each problem.
    const input = text.slice(0, 100)
    const read = readInputs(
      name => ({ 'api-key': 'k', timeout: input, retries: input, force: input })[name] ?? ''
    )
    const problems = read.ok ? [] : read.problems
    return [
      {
        ...base,
        failure: {
          kind: 'refused',
          call: 'authcode',
          status: 409,
          said: text,
          wassengerCode: text,
          tries: 1
        }
      },
      {
        ...base,
        failure: { kind: 'refused', call: 'lookup', status: 400, said: text, tries: 1 }
      },
      {
        ...base,
        failure: { kind: 'no-answer', call: 'poll', reason: 'tls', detail: text, tries: 2 }
      },
      {
        ...base,
        device: undefined,
        failure: { kind: 'not-found', others: [device, device], otherCount: 7 }
      },
      {
        ...base,
        device: undefined,
        failure: { kind: 'ambiguous', hits: [device, device], hitCount: 2 }
      },
      { ...base, failure: { kind: 'wait-timeout', waitMs: 60_000, lastStatus: text } },
      { ...base, device: undefined, failure: { kind: 'invalid-input', problems } },
      { ...base, failure: undefined, sessionStatus: undefined },
      { ...base, failure: undefined, codes: [{ value: 'K7QX-9MZD', issuedAt: 0 }] }
    ]
  }

  const render = (result: RunResult, failOnError: boolean): string =>
    renderGfm(renderSummary(result, { failOnError, unwritten: [] }, shown))

  it('keeps its shape and keeps every piece of it in code', () => {
    const bland = [true, false].flatMap(failOnError =>
      results('x').map(result => shape(render(result, failOnError)))
    )
    fc.assert(
      fc.property(hostile, text => {
        const rendered = [true, false].flatMap(failOnError =>
          results(text).map(result => render(result, failOnError))
        )
        expect(rendered.map(shape)).toEqual(bland)
        for (const html of rendered) expect(outsideCode(html)).not.toContain('qz')
      }),
      // Each run renders 24 summaries: a fifth of the scenarios' runs (280 at full strength).
      { seed: SEED, numRuns: Math.ceil(RUNS / 5) }
    )
  })

  it("the no-code summary's console link is a link to exactly its URL, and the same as text", () => {
    const html = render(results('x')[7] as RunResult, true)
    const url = `https://app.wassenger.com/${ID}/scan`
    expect(html).toContain(`<a href="${url}">Open the number in Wassenger's console</a>`)
    expect(html).toContain(`<a href="${url}">${url}</a>`)
    expect(html).not.toMatch(/[\u200b-\u200f\u2060\ufeff]/)
  })
})
