/**
 * The edge: each kind of answer read into its bounded shape, whatever its size or shape.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  readCodeAnswer,
  readDeviceList,
  readErrorAnswer,
  readSession,
  sameCode,
  showBody,
  textOf
} from '../src/wassenger/answers.js'

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0)
// The monotonic clock and the wall clock never agree: a validity must come from the first alone.
const AT = 5_000
const ARRIVAL = { at: AT, wall: NOW }
const ID = '6123456789abcdef01234505'

describe('readCodeAnswer', () => {
  it.each([
    [1e300, 'expiresIn 1e+300 is not a number of seconds from 1 to 86400'],
    [-1, 'expiresIn -1 is not a number of seconds from 1 to 86400'],
    [0, 'expiresIn 0 is not a number of seconds from 1 to 86400'],
    [86_401, 'expiresIn 86401 is not a number of seconds from 1 to 86400'],
    ['60', 'expiresIn "60" is not a number of seconds from 1 to 86400'],
    [{ s: 60 }, 'expiresIn an object is not a number of seconds from 1 to 86400']
  ])('keeps the code and ignores expiresIn %j, saying why', (expiresIn, note) => {
    const body = JSON.stringify({ code: 'K7QX-9MZD', expiresIn })
    expect(readCodeAnswer(body, ARRIVAL)).toEqual({
      code: { value: 'K7QX-9MZD', issuedAt: AT },
      ignored: [note]
    })
  })

  it('takes expiresIn from 1 to 86,400 s, counted from the arrival on the monotonic clock', () => {
    expect(readCodeAnswer('{"code":"K7QX-9MZD","expiresIn":86400}', ARRIVAL).code).toEqual({
      value: 'K7QX-9MZD',
      issuedAt: AT,
      validMs: 86_400_000,
      until: NOW + 86_400_000
    })
  })

  it('prefers expiresIn to expiresAt, whatever expiresAt says', () => {
    const body = '{"code":"K7QX-9MZD","expiresIn":60,"expiresAt":"2026-11-24T13:00:00Z"}'
    expect(readCodeAnswer(body, ARRIVAL).code?.validMs).toBe(60_000)
  })

  it("reads expiresAt against the answer's Date header, not the runner's clock", () => {
    const body = '{"code":"K7QX-9MZD","expiresAt":"2026-11-24T09:02:30Z"}'
    // The runner's clock is three hours ahead of Wassenger's.
    const arrival = { ...ARRIVAL, date: 'Tue, 24 Nov 2026 09:00:00 GMT' }
    expect(readCodeAnswer(body, arrival).code).toEqual({
      value: 'K7QX-9MZD',
      issuedAt: AT,
      validMs: 150_000,
      until: NOW + 150_000
    })
  })

  it.each([
    ['2026-11-24T12:02:00', "no zone: it would be read in the runner's"],
    ['2026-11-24T11:59:00Z', 'in the past'],
    ['2026-11-24T12:00:00Z', 'not in the future'],
    ['2026-11-25T12:00:01Z', 'more than a day ahead'],
    ['2027-06-12T12:00:00Z', '200 days ahead'],
    ['+275760-09-13T00:00:00.000Z', 'out of range'],
    ['soon', 'not a date'],
    ['x'.repeat(100), 'long']
  ])('ignores expiresAt %j (%s), saying why briefly', expiresAt => {
    const read = readCodeAnswer(JSON.stringify({ data: { code: 'AB12', expiresAt } }), ARRIVAL)
    expect(read.code).toEqual({ value: 'AB12', issuedAt: AT })
    expect(read.ignored[0]).toMatch(
      /^expiresAt ".*" is not a date with its zone from now to 86400 s ahead$/
    )
    expect(read.ignored[0]?.length).toBeLessThan(120)
  })

  it('finds the code under data when the top level has none that can be typed', () => {
    const body =
      '{"code":"::stop-commands::x","data":{"code":" WXYZ 2345 ","expiresAt":"2026-11-24T12:02:00+00:00"}}'
    expect(readCodeAnswer(body, ARRIVAL).code).toEqual({
      value: 'WXYZ 2345',
      issuedAt: AT,
      validMs: 120_000,
      until: Date.UTC(2026, 10, 24, 12, 2, 0)
    })
  })

  it.each([
    ['{"code":"SUCCESS","data":{"code":"K7QX-9MZD"}}', 'K7QX-9MZD'],
    ['{"code":"K7QX9MZD","data":{"code":"OK"}}', 'K7QX9MZD'],
    ['{"code":"SUCCESS","data":{"code":"OK"}}', 'SUCCESS']
  ])(
    'of a top-level code and data.code, the one shaped like a WhatsApp code wins: %s',
    (body, code) => {
      expect(readCodeAnswer(body, ARRIVAL).code?.value).toBe(code)
    }
  )

  it('drops a UTF-8 byte order mark before the JSON', () => {
    expect(readCodeAnswer('\ufeff{"code":"K7QX-9MZD"}', ARRIVAL).code?.value).toBe('K7QX-9MZD')
  })

  it('a code beside JSON nested 16,000 deep is still read', () => {
    const deep = `${'['.repeat(16_000)}${']'.repeat(16_000)}`
    expect(readCodeAnswer(`{"code":"K7QX-9MZD","x":${deep}}`, ARRIVAL).code?.value).toBe(
      'K7QX-9MZD'
    )
  })
})

describe('sameCode', () => {
  it.each([
    ['K7QX-9MZD', 'k7qx-9mzd', true],
    ['K7QX-9MZD', 'K7QX9MZD', true],
    ['K7QX 9MZD', 'k7qx9mzd', true],
    ['K7QX-9MZD', 'K7QX-9MZE', false]
  ])('%s and %s are one code: %s', (a, b, same) => {
    expect(sameCode(a, b)).toBe(same)
  })
})

describe('readErrorAnswer', () => {
  it.each([
    ['session:conflict', 'session:conflict'],
    ['validation.phone_2-x', 'validation.phone_2-x'],
    ['::stop-commands::x', undefined],
    ['a::b', undefined],
    ['9starts-with-a-digit', undefined],
    ['x'.repeat(65), undefined],
    ['with space', undefined],
    [42, undefined]
  ])('errorCode %j becomes %j', (errorCode, taken) => {
    expect(readErrorAnswer(JSON.stringify({ errorCode })).errorCode).toBe(taken)
  })

  it('a message is one line without format characters, cut at 300', () => {
    const read = readErrorAnswer(
      JSON.stringify({ message: `Bad\u202e\u200b\n::error::x ${'y'.repeat(3 * 1024 * 1024)}` })
    )
    expect(read.message).toHaveLength(300)
    expect(read.message).toMatch(/^Bad ::error::x y+…$/)
  })
})

describe('readDeviceList', () => {
  it('reads every entry, aliases one line and cut at 100, phones at 32', () => {
    const body = JSON.stringify([
      {
        id: ID.toUpperCase(),
        alias: `Sup\u2066port\n${'a'.repeat(800_000)}`,
        phone: '+1'.repeat(50)
      },
      { id: '6123456789abcdef01234506' }
    ])
    const [first, second] = readDeviceList(body) ?? []
    expect(first?.id).toBe(ID)
    expect(first?.alias).toHaveLength(100)
    expect(first?.alias).toMatch(/^Support a+…$/)
    expect(first?.phone).toHaveLength(32)
    expect(second).toEqual({ id: '6123456789abcdef01234506', alias: undefined, phone: undefined })
  })

  it.each([
    ['an object', '{}'],
    ['a string', '"x"'],
    ['an ID that is not 24 hex', '[{"id":".."}]'],
    ['a number', '[1]'],
    ['not JSON', 'not json'],
    ['lists nested 9,000 deep', `[${'['.repeat(9000)}${']'.repeat(9000)}]`]
  ])('%s is malformed', (_, body) => {
    expect(readDeviceList(body)).toBeUndefined()
  })
})

describe('readSession', () => {
  it('takes the status of the number polled, one line, cut at 100', () => {
    const body = JSON.stringify({ id: ID, session: { status: `offline\n${'z'.repeat(3e6)}` } })
    const read = readSession(body, ID)
    expect(read.ok && read.status).toMatch(/^offline z{91}…$/)
  })

  it('refuses an answer about another number, or none', () => {
    const other = JSON.stringify({ id: '6123456789abcdef01234501', session: { status: 'online' } })
    expect(readSession(other, ID)).toEqual({
      ok: false,
      problem: 'the answer is not about the number polled (its id differs)'
    })
    expect(readSession('{"session":{"status":"online"}}', ID).ok).toBe(false)
    expect(readSession('[]', ID).ok).toBe(false)
  })

  it('a session without a status is an empty status', () => {
    expect(readSession(JSON.stringify({ id: ID }), ID)).toEqual({ ok: true, status: '' })
  })
})

describe('showBody and textOf', () => {
  it('pretty-prints JSON, and shows JSON too deep for that as received', () => {
    expect(showBody('{"a":[1]}')).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', language: 'json' })
    const deep = `${'['.repeat(16_000)}${']'.repeat(16_000)}`
    expect(showBody(deep)).toEqual({ text: deep, language: 'text' })
    expect(showBody('<html>')).toEqual({ text: '<html>', language: 'text' })
  })

  it('a string is trimmed, cleaned and cut, whatever its length', () => {
    expect(textOf(`${' '.repeat(1e6)}x`, 100)).toBe('x')
    expect(textOf(`${'\u200b'.repeat(1e6)}x`, 100)).toBe('…')
    expect(textOf('  \u200b ', 100)).toBeUndefined()
    expect(textOf(5, 100)).toBeUndefined()
  })
})

describe('textOf, whatever the string', () => {
  const strings = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({
      unit: fc.constantFrom('a', ' ', ':', '#', '[', '\n', '\u202e', '\t'),
      maxLength: 300
    })
  )
  it('is one trimmed line, single-spaced, within its length, never a command', () => {
    fc.assert(
      fc.property(strings, fc.integer({ min: 1, max: 300 }), (value, max) => {
        const text = textOf(value, max)
        if (text === undefined) return
        expect(text.length).toBeLessThanOrEqual(max)
        expect(text).toBe(text.trim())
        // eslint-disable-next-line no-control-regex -- controls are what must not be there
        expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\s\s/)
        expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/)
        expect(text).not.toMatch(/^::|##\[/)
      }),
      { seed: 20261129, numRuns: 2000 }
    )
  })
})
