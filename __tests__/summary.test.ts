/**
 * The job summary as a reader sees it, rendered with GFM: the headline, the facts table row by
 * row, and Wassenger's answer, for each kind of run.
 */
import { describe, expect, it } from '@jest/globals'
import { renderSummary } from '../src/report/summary.js'
import type { RunResult } from '../src/run/result.js'
import { untrusted } from '../src/text/untrusted.js'
import { renderGfm } from './helpers/gfm.js'

const ID = '6123456789abcdef01234505'
const shown = untrusted(text => text)
const base: RunResult = {
  asked: {
    ref: { kind: 'id', id: ID },
    force: false,
    phone: undefined,
    host: 'api.wassenger.com',
    timeoutMs: 30_000,
    renew: 0
  },
  device: { id: ID },
  answer: { status: 200, body: '{"code":"K7QX-9MZD"}', bytes: 20 },
  attempts: 1,
  codes: [
    { value: 'K7QX-9MZD', issuedAt: 0, validMs: 160_000, until: Date.UTC(2026, 11, 1, 12, 2, 40) }
  ]
}

const html = (result: RunResult, failOnError = true): string =>
  renderGfm(renderSummary(result, { failOnError, unwritten: [] }, shown))

/** The facts table, a row a pair, as text. */
const rows = (page: string): string[][] =>
  [...page.matchAll(/<tr>\n<td>(.*?)<\/td>\n<td>(.*?)<\/td>\n<\/tr>/g)].map(([, name, value]) => [
    name ?? '',
    (value ?? '').replace(/<\/?code>/g, '`')
  ])

describe('the job summary', () => {
  it('a code: the code in large type with its validity and the steps, then the facts', () => {
    const page = html(base)
    expect(page).toMatch(
      /^<h2>🔑 WhatsApp authentication code<\/h2>\n<h1><code>K7QX-9MZD<\/code><\/h1>\n<p><strong>Valid for 160 s, until 2026-12-01 12:02:40 UTC\.<\/strong> Enter it now: on the phone, open WhatsApp &gt; Settings/
    )
    expect(rows(page)).toEqual([
      ['Result', '✅ code received'],
      ['Number', `\`${ID}\``],
      ['Phone', '<em>not given</em>'],
      ['Force', '`false`'],
      ['HTTP status', '200'],
      ['Attempts', '1']
    ])
    expect(page).toContain(
      '<details><summary>Answer from Wassenger (HTTP 200, 20 bytes)</summary>\n<pre><code class="language-json">{\n  &quot;code&quot;: &quot;K7QX-9MZD&quot;\n}\n</code></pre>\n</details>'
    )
  })

  it('a failure: its title and message, every fact, the code when only the wait failed', () => {
    const result: RunResult = {
      ...base,
      asked: { ...base.asked, force: true, phone: { masked: '+44******0018' }, renew: 2 },
      device: { id: ID, alias: 'Support' },
      answer: { status: 409, body: 'not json', bytes: 8 },
      attempts: 3,
      codes: [...base.codes, { value: 'WXYZ-2345', issuedAt: 5 }],
      sessionStatus: 'authorizing',
      failure: {
        kind: 'refused',
        call: 'authcode',
        status: 409,
        wassengerCode: 'session:conflict',
        tries: 1
      }
    }
    const page = html(result)
    expect(page).toMatch(/^<h2>❌ A WhatsApp session is already active<\/h2>\n<p>Number ID <code>/)
    expect(rows(page)).toEqual([
      ['Result', '❌ failed: `session-active`'],
      ['Number', `\`${ID}\` (\`Support\`)`],
      ['Phone', '`+44******0018`'],
      ['Force', '`true` (replaces the current session)'],
      ['HTTP status', '409'],
      ['Attempts', '3'],
      ["Wassenger's error code", '`session:conflict`'],
      ['Code', '`WXYZ-2345`'],
      ['Codes', '2 sent (`renew`: up to 2 after the first); the latest is shown'],
      ['Session', '`authorizing`']
    ])
    expect(page).toContain(
      '<summary>Answer from Wassenger (HTTP 409, 8 bytes)</summary>\n<pre><code class="language-text">not json\n</code></pre>'
    )
  })

  it('with fail-on-error false, a warning that says the step succeeded', () => {
    const page = html(
      { ...base, failure: { kind: 'wait-timeout', waitMs: 60_000, lastStatus: '' } },
      false
    )
    expect(page).toMatch(/^<h2>⚠️ The number did not come online in time<\/h2>/)
    expect(page).toContain(
      '<p><em>Reported as a warning: <code>fail-on-error</code> is <code>false</code>, so the step succeeded.</em></p>'
    )
  })

  it('nothing resolved, no answer, an unusable phone: each said so', () => {
    const result: RunResult = {
      ...base,
      asked: { ...base.asked, phone: 'invalid' },
      device: undefined,
      answer: undefined,
      attempts: 0,
      codes: [],
      failure: {
        kind: 'invalid-input',
        problems: [{ input: 'phone', message: ['Input `phone` is bad.'] }]
      }
    }
    const page = html(result)
    expect(page).toMatch(
      /^<h2>❌ Invalid input: phone<\/h2>\n<p>Input <code>phone<\/code> is bad\. Nothing was sent to Wassenger\.<\/p>/
    )
    expect(rows(page).slice(0, 5)).toEqual([
      ['Result', '❌ failed: `invalid-input`'],
      ['Number', '<em>not resolved</em>'],
      ['Phone', '<em>invalid, see the error</em>'],
      ['Force', '`false`'],
      ['HTTP status', '<em>no answer</em>']
    ])
    expect(page).not.toContain('<details>')
  })

  it('a broken connection after the status: the answer block names no status when none came', () => {
    const page = html({
      ...base,
      codes: [],
      answer: { body: '{"partial"', bytes: 10 },
      failure: { kind: 'no-answer', call: 'authcode', reason: 'reset', detail: 'x', tries: 1 }
    })
    expect(page).toContain('<summary>Answer from Wassenger (no status, 10 bytes)</summary>')
  })

  it('an empty answer: no answer block', () => {
    const page = html({
      ...base,
      codes: [],
      answer: { status: 401, body: '', bytes: 0 },
      failure: { kind: 'refused', call: 'authcode', status: 401, tries: 1 }
    })
    expect(page).toMatch(/<\/table>\n$/)
  })

  it('renew without a wait: one code, and no Codes row', () => {
    const page = html({ ...base, asked: { ...base.asked, renew: 2 } })
    expect(rows(page).map(([name]) => name)).not.toContain('Codes')
  })

  it('an answer over 64 KiB: cut, and said where the rest is', () => {
    const body = 'x'.repeat(70 * 1024)
    const page = html({ ...base, codes: [], answer: { status: 200, body, bytes: body.length } })
    expect(page).toContain(
      '<p><em>Cut at 64 KiB; the <code>response</code> output holds the rest.</em></p>'
    )
    expect(page.length).toBeLessThan(70 * 1024)
  })

  it('linked: the news is the link, and the code moves to the table', () => {
    const page = html({ ...base, sessionStatus: 'online' })
    expect(page).toMatch(
      /^<h2>✅ WhatsApp number linked<\/h2>\n<p>The number is linked: its WhatsApp session is online\.<\/p>/
    )
    expect(rows(page)).toContainEqual(['Code', '`K7QX-9MZD`'])
    expect(rows(page)).toContainEqual(['Session', '`online`'])
  })

  it('linked already (skip-if-online): nothing requested, and said so', () => {
    const page = html({ ...base, codes: [], answer: undefined, attempts: 0, skipped: true })
    expect(page).toMatch(
      /^<h2>✅ WhatsApp number already linked<\/h2>\n<p>The number is linked: its WhatsApp session is online, so no code was requested/
    )
    expect(rows(page)[0]).toEqual(['Result', '✅ linked already: nothing requested'])
  })

  it('requested without a code: where to read it, and the link to the console', () => {
    const page = html({ ...base, codes: [] })
    expect(page).toMatch(/^<h2>✅ Authentication code requested<\/h2>/)
    expect(page).toContain(
      `<a href="https://app.wassenger.com/${ID}/scan">Open the number in Wassenger's console</a>`
    )
    expect(rows(page)[0]).toEqual(['Result', '✅ code requested'])
  })
})
