/**
 * Answers a careful attacker in Wassenger's place could send, as fast-check arbitraries: JSON of
 * any depth and size, strings with controls, bidi and invisible characters, workflow commands,
 * the key and the phone in the encodings an answer can carry them, any status and headers.
 */
import fc from 'fast-check'
import type { HttpAttempt } from '../../src/http/transport.js'
import { failed, response } from './attempts.js'

/** A key with every character that has an escape of its own (JSON, XML, percent). */
export const KEY = 'wsk_live_9f8e<7d6c"5b4a&39\\28/1706'
/** The phone input; its national digits never appear whole in what is printed. */
export const PHONE = '+44 7400 123456'
export const PHONE_NATIONAL = '7400123456'
/** The number requested when `device` is its ID. */
export const ID = '6123456789abcdef01234505'

const hex = (code: number, upper: boolean): string => {
  const text = code.toString(16).padStart(2, '0')
  return upper ? text.toUpperCase() : text
}

/** The encodings the runner's masker knows a secret in, besides base64: one per form of the key. */
type Encoding = 'json' | 'percent' | 'xml'

/**
 * One character of the key in `encoding`, escaped or not as `pick` chooses (hex digits in either
 * case), as that encoder may write it: JSON must escape `"` and `\`, XML its five marks.
 */
function escapeChar(char: string, encoding: Encoding, pick: number): string {
  const code = char.charCodeAt(0)
  switch (encoding) {
    case 'json':
      if (pick % 3 === 0) return `\\u00${hex(code, pick % 2 === 0)}`
      return '"\\'.includes(char) || (char === '/' && pick % 2 === 0) ? `\\${char}` : char
    case 'percent':
      return pick % 2 === 0 ? char : `%${hex(code, pick % 4 < 2)}`
    case 'xml':
      return { '<': '&lt;', '"': '&quot;', '&': '&amp;' }[char] ?? char
  }
}

const base64Of = (text: string, url: boolean): string => {
  const encoded = Buffer.from(text).toString('base64')
  return url ? encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : encoded
}

/**
 * The key in a form an answer may carry, each a form the runner's masker knows: as is,
 * JSON-escaped (`\u` escapes included), percent-encoded in any case, XML-escaped, or base64 (url)
 * of text around it.
 * `core` is what must never be shown: the form itself, or the base64 characters of the key alone.
 */
export const keyForm: fc.Arbitrary<{ text: string; core: string }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom<Encoding>('json', 'percent', 'xml'),
      fc.array(fc.nat(), { minLength: KEY.length, maxLength: KEY.length })
    )
    .map(([encoding, picks]) =>
      [...KEY].map((char, at) => escapeChar(char, encoding, picks[at] ?? 0)).join('')
    )
    .map(text => ({ text, core: text })),
  fc.constant({ text: KEY, core: KEY }),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), fc.boolean())
    .map(([before, after, url]) => {
      const text = base64Of(`${before}${KEY}${after}`, url)
      const offset = Buffer.byteLength(before) % 3
      const bytes = Buffer.byteLength(KEY)
      const whole = base64Of(`${'\0'.repeat(offset)}${KEY}`, url)
      const core = whole.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes)) / 6))
      return { text, core }
    })
)

const FULL_WIDTH = (digits: string): string =>
  [...digits].map(d => String.fromCharCode(0xff10 + Number(d))).join('')

/** The phone as people and servers write it: any separator, full-width digits, %2B, 00, trunk 0. */
const phoneForm: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('+44', '0044', '%2B44', '44', '+４４', ''),
    fc.constantFrom(' ', '-', '.', '_', '\u2013', '\u2011', '', '\u00a0', '/'),
    fc.boolean(),
    fc.boolean()
  )
  .map(([prefix, sep, wide, trunk]) => {
    const national = wide ? FULL_WIDTH(PHONE_NATIONAL) : PHONE_NATIONAL
    const grouped = `${national.slice(0, 4)}${sep}${national.slice(4)}`
    if (prefix === '') return `${trunk ? '0' : ''}${grouped}`
    return `${prefix}${sep}${grouped}`
  })

const COMMANDS = [
  '::error::injected',
  '\n::add-mask::x',
  '\r::stop-commands::tok',
  'x\r\n  ::set-output name=success::true',
  '##[warning]legacy',
  '::notice title=WhatsApp code: FAKE-CODE::FAKE-CODE',
  '%0A::error::encoded',
  '\u202eedoc ppastahW',
  'a\u200bb\u2066c\u2069\ufeff',
  '\u2028::error::sep',
  '\u0085::error::nel',
  '```\n# heading\n| a | b |\n<img src=x>',
  '[link](https://evil.example)'
]

/** Strings built to hurt: anything, commands, the key, the phone, huge ones, and mixes. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 2, arbitrary: keyForm.map(form => form.text) },
  { weight: 2, arbitrary: phoneForm },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...COMMANDS),
          keyForm.map(form => form.text),
          phoneForm,
          fc.string()
        ),
        { maxLength: 6 }
      )
      .map(parts => parts.join(' '))
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 900, max: 40_000 }), fc.constantFrom('x', '€', '`', '\n', '😀'))
      .map(([n, c]) => c.repeat(n))
  }
)

/** What `typableCode` makes. */
const PLANTED = /^[A-Z0-9]{4}[- ]?[A-Z0-9]{4}$/

/** A code the person could type: what the action must always deliver. */
const typableCode = fc
  .tuple(
    fc.stringMatching(/^[A-Z0-9]{4}$/),
    fc.stringMatching(/^[A-Z0-9]{4}$/),
    fc.constantFrom('-', ' ', '')
  )
  .map(([a, b, sep]) => `${a}${sep}${b}`)

const { json } = fc.letrec<{ json: unknown }>(tie => ({
  json: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('code', 'expiresIn', 'expiresAt', 'data', 'message', 'errorCode'),
        fc.constantFrom('id', 'alias', 'phone', 'session', 'status'),
        fc.string({ maxLength: 8 })
      ),
      tie('json'),
      { maxKeys: 5 }
    )
  )
}))

const expiry = fc.oneof(
  fc.integer({ min: -10, max: 100_000 }),
  fc.constantFrom(1e300, -1e300, 0, 60, 86_400, 86_401, 1.5),
  fc.double(),
  hostileString
)
const expiresAt = fc.oneof(
  fc.date({ noInvalidDate: true }).map(date => date.toISOString()),
  fc.constantFrom('+275760-09-13T00:00:00.000Z', '2026-11-24T12:01:00Z', 'not a date'),
  hostileString,
  fc.integer()
)

/** A success body with a code (valid or not), at the top or under data, beside anything. */
const codeBody = fc
  .record({
    code: fc.oneof(typableCode, hostileString),
    expiresIn: fc.option(expiry, { nil: undefined }),
    expiresAt: fc.option(expiresAt, { nil: undefined }),
    extra: json
  })
  .chain(holder =>
    fc.constantFrom(JSON.stringify(holder), JSON.stringify({ status: 'pending', data: holder }))
  )

const errorBody = fc
  .record({
    status: fc.integer({ min: 100, max: 599 }),
    message: hostileString,
    errorCode: fc.oneof(
      fc.constantFrom('session:conflict', '::stop-commands::x', 'a::b', 'x'.repeat(65)),
      hostileString
    )
  })
  .map(body => JSON.stringify(body))

const deviceEntry = fc.record({
  id: fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
    { weight: 1, arbitrary: hostileString }
  ),
  alias: fc.oneof(fc.constantFrom('Support', 'support', 'SUPPORT'), hostileString),
  phone: fc.oneof(phoneForm, hostileString)
})

/** A plain entry, for pages of thousands. */
const plainEntry = fc.record({
  id: fc.stringMatching(/^[0-9a-f]{24}$/),
  alias: fc.constantFrom('Support', 'Sales', ''),
  phone: fc.constantFrom('+447400123456', '+12125550100')
})

const deviceList = fc.oneof(
  fc.array(deviceEntry, { maxLength: 8 }).map(list => JSON.stringify(list)),
  // A server that ignores `size`: thousands a page, the same or fresh.
  fc.tuple(fc.integer({ min: 100, max: 2000 }), fc.boolean(), plainEntry).map(([n, same, entry]) =>
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({
        ...entry,
        id: same ? entry.id : (i + 1).toString(16).padStart(24, 'a')
      }))
    )
  )
)

const sessionBody = fc
  .record({
    id: fc.oneof(fc.constant(ID), fc.stringMatching(/^[0-9a-f]{24}$/), hostileString),
    session: fc.record({
      status: fc.oneof(fc.constantFrom('online', 'offline', 'authorizing'), hostileString)
    })
  })
  .map(body => JSON.stringify(body))

const deepBody = fc
  .tuple(fc.integer({ min: 65, max: 20_000 }), fc.boolean())
  .map(([depth, withCode]) => {
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    return withCode ? `{"code":"K7QX-9MZD","expiresIn":60,"deep":${deep}}` : deep
  })

const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: codeBody },
  { weight: 2, arbitrary: errorBody },
  { weight: 2, arbitrary: deviceList },
  { weight: 2, arbitrary: sessionBody },
  { weight: 2, arbitrary: json.map(value => JSON.stringify(value) ?? '') },
  { weight: 1, arbitrary: deepBody },
  { weight: 1, arbitrary: hostileString }
)

const status = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(200, 201, 204) },
  { weight: 4, arbitrary: fc.constantFrom(400, 401, 403, 404, 409, 410, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) }
)

const headers = fc.record(
  {
    'retry-after': fc.oneof(
      fc.nat({ max: 100_000 }).map(String),
      fc.date({ noInvalidDate: true }).map(date => date.toUTCString()),
      hostileString
    ),
    'content-type': fc.constantFrom('application/json', 'text/html')
  },
  { requiredKeys: [] }
)

/** One answer: a complete response of any status, headers and body, or no complete answer. */
export const answer: fc.Arbitrary<HttpAttempt> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({ status, headers, body })
      .map(({ status, headers, body }) => response(status, body, headers))
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('connect', 'timeout', 'reset', 'tls', 'network')
      .map(reason => failed(reason))
  }
)

/**
 * The code a success body carries, when it is one of those `typableCode` plants (two groups of
 * four letters or digits): a string `code` at the top level or under data. The oracle knows what
 * the generator made, not the action's own rule, which may take more.
 */
export function plantedCodeIn(body: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isObject(parsed)) return undefined
  for (const holder of [parsed, parsed.data]) {
    if (!isObject(holder) || typeof holder.code !== 'string') continue
    const code = holder.code.trim()
    if (PLANTED.test(code)) return code
  }
  return undefined
}
