import { describe, expect, it } from '@jest/globals'
import { readInputs, type InputsResult } from '../src/inputs/inputs.js'
import { plain } from '../src/text/words.js'

const ID = '6123456789abcdef01234501'
const valid = { 'api-key': 'secret-key-123', device: ID }

function read(inputs: Record<string, string>): InputsResult {
  return readInputs(name => inputs[name] ?? '')
}

function problemsOf(inputs: Record<string, string>): string[] {
  const result = read(inputs)
  if (result.ok) throw new Error('expected input problems')
  return result.problems.map(problem => `${problem.input}: ${plain(problem.message)}`)
}

describe('readInputs', () => {
  it('applies the contract defaults', () => {
    expect(read(valid)).toEqual({
      ok: true,
      inputs: {
        apiKey: 'secret-key-123',
        device: { kind: 'id', id: ID },
        force: false,
        phone: undefined,
        apiUrl: 'https://api.wassenger.com/v1',
        timeoutMs: 30_000,
        retries: 2,
        waitMs: 0,
        waitIntervalMs: 5000,
        renew: 0,
        skipIfOnline: false,
        failOnError: true
      },
      phones: [],
      hidden: [{ kind: 'secret', value: 'secret-key-123' }]
    })
  })

  it('trims surrounding whitespace and lower-cases the device ID', () => {
    const result = read({ 'api-key': '  secret-key-123\n', device: `  ${ID.toUpperCase()} ` })
    expect(result).toMatchObject({
      ok: true,
      inputs: { apiKey: 'secret-key-123', device: { kind: 'id', id: ID } }
    })
  })

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('force: %s is %s', (value, force) => {
    expect(read({ ...valid, force: value })).toMatchObject({ ok: true, inputs: { force } })
  })

  it.each(['yes', 'no', '1', '0', 'on', 'tRue', 'y'])(
    'force: %s is an input error naming force',
    value => {
      expect(problemsOf({ ...valid, force: value })).toEqual([
        `force: Input \`force\` must be true or false (got "${value}").`
      ])
    }
  )

  it('normalises the phone and leaves it out when empty', () => {
    expect(read({ ...valid, phone: '+1 (212) 555-0100' })).toMatchObject({
      ok: true,
      inputs: { phone: { e164: '+12125550100', masked: '+1******0100' } }
    })
    expect(read({ ...valid, phone: '   ' })).toMatchObject({
      ok: true,
      inputs: { phone: undefined }
    })
  })

  it.each([
    ['https://api.wassenger.com/v1/', 'https://api.wassenger.com/v1'],
    ['https://api.wassenger.com/v1', 'https://api.wassenger.com/v1'],
    ['http://localhost:8080/v1/', 'http://localhost:8080/v1'],
    ['http://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['http://127.1.2.3/v1', 'http://127.1.2.3/v1'],
    ['http://[::1]:3000/api', 'http://[::1]:3000/api'],
    ['https://proxy.example.com/wassenger/v1', 'https://proxy.example.com/wassenger/v1']
  ])('api-url %s is used as %s', (value, apiUrl) => {
    expect(read({ ...valid, 'api-url': value })).toMatchObject({ ok: true, inputs: { apiUrl } })
  })

  it.each([
    ['http://api.wassenger.com/v1', /must start with https:\/\//],
    ['http://10.0.0.5/v1', /must start with https:\/\//],
    ['http://localhost.evil.com/v1', /must start with https:\/\//],
    ['ftp://api.wassenger.com', /must start with https:\/\//],
    ['api.wassenger.com/v1', /is not a URL/],
    ['https://', /is not a URL/],
    ['https://user:pass@api.wassenger.com/v1', /user name or password/],
    ['https://api.wassenger.com/v1?token=abc', /without \? or #/],
    ['https://api.wassenger.com/v1?', /without \? or #/],
    ['https://api.wassenger.com/v1/#', /without \? or #/],
    ['https://api.wassenger.com/v1/?', /without \? or #/],
    ['https://@api.wassenger.com/v1', /user name or password/],
    ['https://:@api.wassenger.com/v1', /user name or password/]
  ])('api-url %s is an input error', (value, reason) => {
    const [problem] = problemsOf({ ...valid, 'api-url': value })
    expect(problem).toMatch(/^api-url: Input `api-url` /)
    expect(problem).toMatch(reason)
  })

  it.each([
    ['30', 30_000],
    ['1', 1000],
    ['1.5', 1500],
    ['600', 600_000]
  ])('timeout %s is %d ms', (value, timeoutMs) => {
    expect(read({ ...valid, timeout: value })).toMatchObject({ ok: true, inputs: { timeoutMs } })
  })

  it.each(['0', '0.5', '-1', 'abc', '1e3', '30s', 'Infinity', '601', '2147484'])(
    'timeout %s is an input error naming its range',
    value => {
      expect(problemsOf({ ...valid, timeout: value })).toEqual([
        `timeout: Input \`timeout\` must be a number of seconds from 1 to 600 (got "${value}").`
      ])
    }
  )

  it.each([
    ['0', 0],
    ['10', 10]
  ])('retries %s is allowed', (value, retries) => {
    expect(read({ ...valid, retries: value })).toMatchObject({ ok: true, inputs: { retries } })
  })

  it.each(['11', '-1', '1.5', 'two'])('retries %s is an input error', value => {
    expect(problemsOf({ ...valid, retries: value })).toEqual([
      `retries: Input \`retries\` must be a whole number from 0 to 10 (got "${value}").`
    ])
  })

  it.each([
    ['Support', { kind: 'alias', alias: 'Support' }],
    ['  Team Alpha ', { kind: 'alias', alias: 'Team Alpha' }],
    [
      '+1 (212) 555-0100',
      { kind: 'phone', phone: expect.objectContaining({ e164: '+12125550100' }) }
    ],
    [
      '+44 (0)7400 123 456',
      { kind: 'phone', phone: expect.objectContaining({ e164: '+447400123456' }) }
    ],
    ['6123456789ABCDEF01234501', { kind: 'id', id: '6123456789abcdef01234501' }],
    ['6123456789abcdef0123450', { kind: 'alias', alias: '6123456789abcdef0123450' }]
  ])('device %j is %o', (value, device) => {
    expect(read({ ...valid, device: value })).toMatchObject({ ok: true, inputs: { device } })
  })

  it.each([
    [
      '',
      /is empty: give the WhatsApp number as its Wassenger ID .*, its phone number .*, or its alias/
    ],
    ['+1 212', /looks like a phone number but is not a usable one: it is too short/],
    [
      '+999 123 456',
      /looks like a phone number but is not a usable one: its country code is unknown/
    ]
  ])('device %j is an input error', (value, reason) => {
    const [problem] = problemsOf({ ...valid, device: value })
    expect(problem).toMatch(reason)
  })

  it.each([
    ['wait', '0', { waitMs: 0 }],
    ['wait', '120', { waitMs: 120_000 }],
    ['wait', '21600', { waitMs: 21_600_000 }],
    ['wait-interval', '300', { waitIntervalMs: 300_000 }],
    ['wait-interval', '1', { waitIntervalMs: 1000 }],
    ['wait-interval', '2.5', { waitIntervalMs: 2500 }],
    ['renew', '0', { renew: 0 }],
    ['renew', '5', { renew: 5 }]
  ])('%s %s is allowed', (name, value, inputs) => {
    expect(read({ ...valid, [name]: value })).toMatchObject({ ok: true, inputs })
  })

  it.each([
    ['wait', '-1', 'from 0 to 21600'],
    ['wait', 'soon', 'from 0 to 21600'],
    ['wait', '21601', 'from 0 to 21600'],
    ['wait', '99999999999', 'from 0 to 21600'],
    ['wait-interval', '0.5', 'from 1 to 300'],
    ['wait-interval', '0', 'from 1 to 300'],
    ['wait-interval', '3000000', 'from 1 to 300']
  ])('%s %s is an input error naming its range', (name, value, range) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([
      `${name}: Input \`${name}\` must be a number of seconds ${range} (got "${value}").`
    ])
  })

  it.each(['6', '-1', '1.5', 'twice'])('renew %s is an input error naming its range', value => {
    expect(problemsOf({ ...valid, renew: value })).toEqual([
      `renew: Input \`renew\` must be a whole number from 0 to 5 (got "${value}").`
    ])
  })

  it.each([
    ['212 555 0100', ['212 555 0100']],
    ['(212) 555-0100', ['(212) 555-0100']],
    ['Sales', []],
    ['+1 212 555 0100', []]
  ])('device %j is hidden as a phone written without + when it looks like one', (device, texts) => {
    const digits = (result: InputsResult) =>
      result.hidden.flatMap(value => (value.kind === 'digits' ? [value.given] : []))
    expect(digits(read({ ...valid, device }))).toEqual(texts)
    expect(digits(read({ ...valid, device, timeout: 'x' }))).toEqual(texts)
  })

  it('hands over, in one list, the key as given and every phone read, usable inputs or not', () => {
    const given = {
      ...valid,
      'api-key': 'not a key: it holds spaces',
      device: '+44 20 7946 0018',
      phone: '+1 212 555 0100'
    }
    const hidden = read({ ...given, timeout: 'x' }).hidden
    expect(hidden.map(value => (value.kind === 'phone' ? value.phone.masked : value.kind))).toEqual(
      ['secret', '+1******0100', '+44******0018']
    )
    expect(hidden[0]).toEqual({ kind: 'secret', value: 'not a key: it holds spaces' })
  })

  it('a value too short to be a key is no key to hide: it would garble every word holding it', () => {
    expect(read({ ...valid, 'api-key': 'key' }).hidden).toEqual([])
  })

  it('renew is 0 unless given', () => {
    expect(read(valid)).toMatchObject({ ok: true, inputs: { renew: 0 } })
  })

  it('an empty api-key is an error that says where the key comes from', () => {
    expect(problemsOf({ device: ID })).toEqual([
      'api-key: Input `api-key` is empty: pass your Wassenger API key from a secret, e.g. api-key: ${{ secrets.WASSENGER_API_KEY }}.'
    ])
  })

  it('an api-key with inner whitespace is an error that does not echo the key', () => {
    const [problem] = problemsOf({ ...valid, 'api-key': 'abc def\nghi' })
    expect(problem).toMatch(/holds spaces, line breaks/)
    expect(problem).not.toMatch(/abc|def|ghi/)
  })

  it.each([
    ['a', '1 character'],
    ['abc1234', '7 characters']
  ])('an api-key of %s (under 8 characters) is an error', (key, length) => {
    const [problem] = problemsOf({ ...valid, 'api-key': key })
    expect(problem).toBe(
      `api-key: Input \`api-key\` is ${length} long, shorter than any Wassenger API key: check that the secret holds the whole key.`
    )
  })

  it('lists the phones given, in phone and in device, once', () => {
    const result = read({ ...valid, device: '+1 212 555 0100', phone: '+44 7400 123456' })
    expect(result.ok && result.phones.map(p => [p.input, p.phone.e164])).toEqual([
      ['phone', '+447400123456'],
      ['device', '+12125550100']
    ])
  })

  it('reports every bad input at once, and fail-on-error even when others are bad', () => {
    const result = read({ device: '', force: 'maybe', phone: '123', 'fail-on-error': 'false' })
    expect(result.ok).toBe(false)
    expect(result).toMatchObject({ given: { failOnError: false, force: false } })
    if (!result.ok)
      expect(result.problems.map(p => p.input)).toEqual(['api-key', 'device', 'force', 'phone'])
  })

  it('an unreadable fail-on-error fails the step, as the default would', () => {
    expect(read({ ...valid, 'fail-on-error': 'nope' })).toMatchObject({
      ok: false,
      given: { failOnError: true }
    })
  })
})

describe('the masks a webhook registers: only its secrets', () => {
  it.each([
    ['https://discord.com/api/webhooks/1234/discordtoken99/github', ['discordtoken99']],
    ['https://chat.example.com', []]
  ])('%s: the key, the URL whole, and %j', (webhook, tokens) => {
    const secrets = read({ ...valid, 'notify-webhook': webhook }).hidden.flatMap(value =>
      value.kind === 'secret' ? [value.value] : []
    )
    expect(secrets).toEqual([valid['api-key'], webhook, ...tokens])
  })
})
