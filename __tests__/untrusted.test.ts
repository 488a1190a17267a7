/**
 * Nothing Wassenger sends or a workflow passes can steer the runner or leak: the one place that
 * makes text harmless, the redactor, and the whole action against hostile answers, asserted on
 * what the runner would see (commands parsed the way the runner splits lines).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { normalisePhone, type Phone } from '../src/inputs/phone.js'
import { Redactor } from '../src/text/redactor.js'
import { oneLine, truncateUtf8, untrusted } from '../src/text/untrusted.js'
import { data, plain, quoted, words } from '../src/text/words.js'
import { renderLog } from '../scripts/fake-runner.js'
import { INJECTION } from '../stand-in/faults.js'
import { outsideCode, renderGfm, shape } from './helpers/gfm.js'
import { cleanUp, runInProcess } from './helpers/in-process.js'
import { useStandIn } from './helpers/stand-in.js'

afterAll(cleanUp)

const KEY = 'wsk_live_9f8e<7d6c"5b4a&39\\28/1706'
const phone = (text: string): Phone => {
  const result = normalisePhone(text)
  if (!result.ok) throw new Error(plain(result.problem))
  return result.phone
}

describe('oneLine', () => {
  it.each([
    ['a\nb\r\nc\rd', 'a b c d'],
    ['tab\there\u0000nul\u001b[31mred', 'tab here nul [31mred'],
    ['next\u0085line\u2028sep\u2029para', 'next line sep para'],
    ['::error::fake', ': :error::fake'],
    ['   ::add-mask::x', '   : :add-mask::x'],
    ['\r::set-output name=x::y', ' : :set-output name=x::y'],
    ['text ##[error]legacy ##[stop-commands]x', 'text ## [error]legacy ## [stop-commands]x']
  ])('%j -> %j', (text, line) => {
    expect(oneLine(text)).toBe(line)
  })

  it.each([
    INJECTION,
    '\r::set-output name=success::true',
    'x\n  ::stop-commands::abc',
    '##[add-mask]secret'
  ])('no rendering of %j carries out a command or adds a line', text => {
    const rendered = renderLog(`${oneLine(text)}\n`)
    expect(rendered.commands).toEqual([])
    expect(rendered.lines).toHaveLength(1)
  })
})

describe("the summary's text", () => {
  const shown = untrusted(text => text)

  it("writes the action's own words as they are and sets each piece of data in a code span", () => {
    const sentence = words`Open https://app.wassenger.com/x/scan: ${data('## [x](https://e.example) *y*')}, ${quoted('a\n## b')}.`
    expect(shown.markdown(sentence)).toBe(
      'Open https://app.wassenger.com/x/scan: `## [x](https://e.example) *y*`, `a ## b`.'
    )
  })

  it('code spans outlast any backtick run; in a table cell the pipe is escaped', () => {
    expect(shown.markdown([data('plain')])).toBe('`plain`')
    expect(shown.markdown([data('a`b``c')])).toBe('```a`b``c```')
    expect(shown.markdown([data('`x')])).toBe('`` `x ``')
    expect(shown.markdown([data(' x')])).toBe('`  x `')
    expect(shown.markdown([data('a|b')])).toBe('`a|b`')
    expect(shown.cell('a|b\nc')).toBe('`a\\|b c`')
    expect(shown.markdown([data('')])).toBe('')
  })

  it('a code block outlasts the fences inside and says when it cut', () => {
    expect(shown.codeBlock('x\n```\ny', 'text', 100)).toEqual({
      block: '````text\nx\n```\ny\n````',
      cut: false
    })
    expect(shown.codeBlock('ééé', 'text', 3)).toEqual({ block: '```text\né\n```', cut: true })
  })

  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('a€b', 2)).toBe('a')
    expect(truncateUtf8('a€b', 4)).toBe('a€')
    expect(truncateUtf8('abc', 3)).toBe('abc')
  })
})

describe('Redactor', () => {
  it('hides a form that holds a shorter form inside it whole: the longest is replaced first', () => {
    // JSON-escaped, this key doubles its backslashes: the key as is is the first half of that.
    const key = `wsk_${'\\'.repeat(8)}`
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: key })
    expect(redactor.output(`before ${JSON.stringify(key).slice(1, -1)} after`)).toBe(
      'before *** after'
    )
  })

  it.each([
    ['as is', KEY],
    ['JSON-escaped', JSON.stringify(KEY).slice(1, -1)],
    ['JSON with \\/', JSON.stringify(KEY).slice(1, -1).replace('/', '\\/')],
    [
      'JSON with \\u00XX for markup characters',
      JSON.stringify(KEY).slice(1, -1).replace('<', '\\u003C').replace('&', '\\u0026')
    ],
    ['XML-escaped', KEY.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')],
    ['URL-encoded', encodeURIComponent(KEY)],
    [
      'URL-encoded in lower case',
      encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, h => h.toLowerCase())
    ]
  ])('hides the key %s, in outputs and text', (_, form) => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: KEY })
    expect(redactor.output(`before ${form} after`)).toBe('before *** after')
    expect(redactor.text(`"${form}"`)).toBe('"***"')
  })

  it.each([
    [
      'base64 at each alignment',
      [0, 1, 2].map(n => Buffer.from(`${'x'.repeat(n)}${KEY}`).toString('base64'))
    ],
    ['base64url', [Buffer.from(`>${KEY}`).toString('base64url')]],
    [
      'percent-encoded in mixed case',
      [
        [...KEY]
          .map((c, i) =>
            `%${c.charCodeAt(0).toString(16)}`[i % 2 ? 'toUpperCase' : 'toLowerCase']()
          )
          .join('')
      ]
    ],
    [
      'fully \\u-escaped, hex in either case',
      [
        [...KEY]
          .map(
            (c, i) =>
              `\\u00${c.charCodeAt(0).toString(16)[i % 2 ? 'toUpperCase' : 'toLowerCase']()}`
          )
          .join('')
      ]
    ]
  ])('hides the key %s', (_, forms) => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: KEY })
    for (const form of forms) {
      const hidden = redactor.output(`[${form}]`)
      expect(hidden).toMatch(/\*\*\*/)
      expect(hidden).not.toContain(form)
    }
  })

  it('leaves text that only looks escaped alone', () => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: KEY })
    const text = 'a=1&b=2 100% \\n &amp; \\u0041 &#65; %41'
    expect(redactor.output(text)).toBe(text)
  })

  it('hides only values long enough to be a secret and short enough to be one', () => {
    const redactor = new Redactor()
    for (const value of ['seven77', 'eight888', 'k'.repeat(2048), 'k'.repeat(2049)])
      redactor.hide({ kind: 'secret', value })
    expect(redactor.output('seven77 eight888')).toBe('seven77 ***')
    expect(redactor.output('k'.repeat(2049))).toBe('***k')
  })

  it("hides two keys in their escaped forms, and the XML forms of > and '", () => {
    const redactor = new Redactor()
    const other = "wsk_other>'key"
    redactor.hide({ kind: 'secret', value: KEY })
    redactor.hide({ kind: 'secret', value: other })
    const xml = other.replace('>', '&gt;').replace("'", '&apos;')
    expect(redactor.output(`${encodeURIComponent(KEY)} ${xml}`)).toBe('*** ***')
  })

  it('hides a key whose base64 holds + and /, in base64url too', () => {
    const key = 'wsk_>>>???>>>???'
    const redactor = new Redactor()
    redactor.hide({ kind: 'secret', value: key })
    for (const form of [
      Buffer.from(key).toString('base64'),
      Buffer.from(key).toString('base64url')
    ])
      expect(redactor.output(form)).not.toContain(form.slice(4, 16))
  })

  it('digits too few to be a phone are left alone', () => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'digits', given: '212555', digits: '212555' })
    redactor.hide({ kind: 'digits', given: '2125550', digits: '2125550' })
    expect(redactor.text('212555 and 2125550')).toBe('212555 and ***5550')
  })

  const gb = phone('+44 20 7946 0018')
  it.each([
    ['+442079460018', '+44******0018'],
    ['442079460018', '+44******0018'],
    ['+44 20 7946 0018', '+44******0018'],
    ['0044 20 7946 0018', '+44******0018'],
    ['020 7946 0018', '+44******0018'],
    ['(020) 7946-0018', '(+44******0018'],
    ['+44 (0)20 7946 0018', '+44******0018'],
    ['2079460018', '+44******0018'],
    ['+44\u201320\u20137946\u20130018', '+44******0018'],
    ['+44_20_7946_0018', '+44******0018'],
    ['+４４ ２０ ７９４６ ００１８', '+44******0018'],
    ['%2B442079460018', '+44******0018'],
    ['+44+20+7946+0018', '+44******0018'],
    ['020.7946.0018', '+44******0018']
  ])('masks the phone written as %j in text, not in outputs', (form, masked) => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'phone', phone: gb })
    expect(redactor.text(`call ${form}.`)).toBe(`call ${masked}.`)
    expect(redactor.output(form)).toBe(form)
  })

  it('leaves longer numbers that only contain the phone alone', () => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'phone', phone: gb })
    expect(redactor.text('id 92079460018 and 20794600189')).toBe('id 92079460018 and 20794600189')
  })

  it('digits that may be a phone without + are masked in any spacing', () => {
    const redactor = new Redactor()
    redactor.hide({ kind: 'digits', given: '212 555 0100', digits: '2125550100' })
    expect(redactor.text('x 2125550100, 212-555-0100 and 212+555+0100')).toBe(
      'x ******0100, ******0100 and ******0100'
    )
    expect(redactor.text('92125550100')).toBe('92125550100')
  })

  it('a 00 prefix suggestion is masked too', () => {
    const result = normalisePhone('00442079460018')
    expect(result).toMatchObject({ ok: false })
    expect(!result.ok && plain(result.problem)).toMatch(
      /did you mean \+44\*{6}0018, with \+ instead of 00\?/
    )
  })
})

describe('the action against hostile answers', () => {
  const key = 'wsk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
  const ID = '6123456789abcdef01234505'
  const standIn = useStandIn(key)
  const run = (inputs: Record<string, string>) =>
    runInProcess({ 'api-key': key, 'api-url': standIn().url, ...inputs }, { debug: true })
  // All the run wrote, but the mask command that hides the key from the runner's log.
  const everything = (outcome: Awaited<ReturnType<typeof run>>): string =>
    [outcome.stdout, outcome.summary, ...Object.values(outcome.outputs)]
      .join('\n')
      .replace(`::add-mask::${key}`, '')

  it('a session status holding commands is printed as one harmless line', async () => {
    standIn().script(
      { when: 'POST', status: 200, body: '{"code":"CA11-CODE","expiresIn":60}' },
      {
        when: 'GET',
        status: 200,
        body: JSON.stringify({ id: ID, session: { status: INJECTION } })
      },
      {
        when: 'GET',
        status: 200,
        body: JSON.stringify({ id: ID, session: { status: INJECTION } })
      },
      {
        when: 'GET',
        status: 200,
        body: JSON.stringify({ id: ID, session: { status: INJECTION } })
      },
      { when: 'GET', status: 200, body: JSON.stringify({ id: ID, session: { status: INJECTION } }) }
    )
    const outcome = await run({ device: ID, wait: '3', 'wait-interval': '1' })
    expect(outcome.commands.filter(name => name !== 'debug')).toEqual([
      'add-mask',
      'notice',
      'error'
    ])
    // One line, cut at 100 characters like any status.
    expect(outcome.log).toContainEqual(
      'Session status: offline ::add-mask::x ::set-output name=success::true ::error::fake ## [warning]legacy ::stop-comma….'
    )
    expect(outcome.outputs['session-status']).toHaveLength(100)
    expect(outcome.annotations.map(a => a.level)).toEqual(['notice', 'error'])
    expect(outcome.outputs['error-message']).not.toMatch(/\n/)
    expect(outcome.summary).toContain('| Session | `offline ::add-mask::x ::set-output')
  })

  it('a message echoing the key far in: no part of it anywhere', async () => {
    // Far enough in that a message cut at 300 characters would keep the key's first part.
    const html = key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
    const message = `${'Token check failed. '.repeat(14)}Token ${key} / ${JSON.stringify(key).slice(1, -1)} / ${html}`
    // By hand, so that the JSON-escaped form stays escaped once more in the raw body.
    const body = `{"status":400,"message":${JSON.stringify(message)},"errorCode":"auth:token"}`
    standIn().script({ status: 400, body })
    const outcome = await run({ device: ID })
    expect(outcome.outputs).toMatchObject({
      'error-code': 'rejected',
      'wassenger-error-code': 'auth:token'
    })
    for (const part of [key, key.slice(0, 8), JSON.stringify(key)])
      expect(everything(outcome)).not.toContain(part)
    expect(outcome.outputs.response).toContain('Token *** / *** / ***')
  })

  it('a message echoing the phone, E.164 and national: masked in log and summary', async () => {
    const message = 'Invalid phone number +442079460018 (020 7946 0018): not a WhatsApp number'
    standIn().script({ status: 400, body: JSON.stringify({ status: 400, message }) })
    const outcome = await run({ device: ID, phone: '+44 20 7946 0018' })
    expect(outcome.outputs['error-message']).toContain(
      'Wassenger said: "Invalid phone number +44******0018 (+44******0018): not a WhatsApp number"'
    )
    expect([outcome.stdout, outcome.summary].join('\n')).not.toMatch(/79460018|7946 0018/)
  })

  it('markdown, HTML and commands in a message shape nothing', async () => {
    const message =
      '## Session taken\n[click here](https://evil.example/steal) | a | b |\n<img src=x onerror=alert(1)>\n::error::fake\r::add-mask::x'
    standIn().script({
      status: 409,
      body: JSON.stringify({ message, errorCode: 'session:conflict' })
    })
    const outcome = await run({ device: ID })
    expect(outcome.commands.filter(name => name !== 'debug')).toEqual(['add-mask', 'error'])
    // Rendered as GitHub renders it: Wassenger's words are code, and shape nothing.
    const html = renderGfm(outcome.summary)
    expect(html).toMatch(/^<h2>❌ A WhatsApp session is already active<\/h2>/)
    expect(shape(html).filter(tag => /^<(h\d|a|img|tr)\b/.test(tag))).toEqual([
      '<h2',
      ...Array(8).fill('<tr')
    ])
    expect(outsideCode(html)).not.toMatch(/click here|evil\.example|onerror/)
  })

  it('a code that is a command is not offered as a code', async () => {
    standIn().script({ status: 200, body: '{"code":"::stop-commands::abc","expiresIn":60}' })
    const outcome = await run({ device: ID })
    expect(outcome.outputs).toMatchObject({ success: 'true', code: '' })
    expect(outcome.commands).not.toContain('stop-commands')
  })

  it('an alias input holding a line break stays one line in the log', async () => {
    const outcome = await run({ device: 'Sales\n::error::x' })
    expect(outcome.commands.filter(name => name !== 'debug')).toEqual(['add-mask', 'error'])
    expect(outcome.annotations).toHaveLength(1)
  })

  it('the key never appears, whole or in part, on success either', async () => {
    const outcome = await run({ device: '6123456789abcdef01234505', force: 'true' })
    expect(outcome.outputs.success).toBe('true')
    expect(outcome.stdout).toContain(`::add-mask::${key}`)
    expect(everything(outcome)).not.toContain(key.slice(0, 8))
  })
})

describe('inputs as workflows pass them, whatever their length or script', () => {
  const standIn = useStandIn()
  const run = (inputs: Record<string, string>) =>
    runInProcess({ 'api-key': 'stand-in-key', 'api-url': standIn().url, ...inputs })

  it.each([
    ['device', '4'.repeat(5000), 200],
    ['device', `+${'1'.repeat(300)}`, 200],
    ['phone', `+44 ${'7'.repeat(60)}`, 50],
    ['api-key', 'k'.repeat(600), 512],
    ['api-url', `https://api.wassenger.com/${'v'.repeat(3000)}`, 2048],
    ['timeout', '3'.repeat(200), 100]
  ])(
    '%s longer than its limit: one annotation naming it and the limit, nothing sent',
    async (input, value, limit) => {
      const outcome = await run({ device: '6123456789abcdef01234505', [input]: value })
      expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'invalid-input' })
      expect(outcome.annotations).toEqual([
        expect.objectContaining({ level: 'error', title: `Invalid input: ${input}` })
      ])
      expect(outcome.annotations[0]?.message).toContain(
        `Input \`${input}\` is ${value.length} characters long, more than its ${limit}.`
      )
      // The step's log as GitHub shows it (a key is masked for the runner, and so not shown).
      expect(outcome.log.join('\n')).not.toContain(value.slice(0, 40))
      expect(standIn().requests).toEqual([])
    }
  )

  it("a key too short to be one is said so whole: it is not a mask that garbles the action's words", async () => {
    const outcome = await run({ 'api-key': 'key', device: '6123456789abcdef01234505' })
    expect(outcome.commands).not.toContain('add-mask')
    expect(outcome.annotations[0]?.message).toMatch(
      /^Input `api-key` is 3 characters long, shorter than any Wassenger API key/
    )
  })

  it.each([
    ['Arabic-Indic', '٠٢١٢ ٥٥٥ ٠١٠٠'],
    ['full-width', '０２１２ ５５５ ０１００'],
    ['ASCII', '0212 555 0100']
  ])(
    'a device written as a national number in %s digits is masked like a phone, wherever it is shown',
    async (_, device) => {
      const outcome = await run({ device })
      expect(outcome.outputs['error-code']).toBe('device-not-found')
      expect(outcome.annotations[0]?.message).toContain('alias *******0100')
      expect(outcome.stdout).not.toContain(device)
      expect(outcome.summary).not.toContain(device)
    }
  )

  it.each([
    ['a full-width ＋ and digits', '＋４４ ７７００ ９００１２３'],
    ['Arabic-Indic digits', '+٤٤ ٧٧٠٠ ٩٠٠١٢٣'],
    ['ASCII', '+44 7700 900123']
  ])(
    'a device written with %s is the same phone: looked up by phone, and masked',
    async (_, device) => {
      const outcome = await run({ device, phone: '+44 7400 123456' })
      expect(outcome.outputs).toMatchObject({ success: 'true', device: '6123456789abcdef01234502' })
      expect(outcome.log.find(line => line.startsWith('device '))).toMatch(
        /^device phone \+44\*{6}0123 is number 6123456789abcdef01234502/
      )
      expect(outcome.stdout).not.toContain(device)
    }
  )
})
