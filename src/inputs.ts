import { normalisePhone, type Phone } from './phone.js'

/** Everything the action was asked to do, checked and typed. */
export interface Inputs {
  readonly apiKey: string
  readonly device: DeviceRef
  readonly force: boolean
  readonly phone?: Phone
  /** Base URL without a trailing slash, e.g. `https://api.wassenger.com/v1`. */
  readonly apiUrl: string
  readonly timeoutMs: number
  readonly retries: number
  /** 0: do not wait for the session to come online. */
  readonly waitMs: number
  readonly waitIntervalMs: number
  readonly failOnError: boolean
}

/** The phone numbers the author gave, by input: `phone`, and `device` when it is one. */
export function givenPhones(inputs: Inputs): Array<[input: 'phone' | 'device', phone: Phone]> {
  const given: Array<['phone' | 'device', Phone | undefined]> = [
    ['phone', inputs.phone],
    ['device', inputs.device.kind === 'phone' ? inputs.device.phone : undefined]
  ]
  return given.filter((entry): entry is ['phone' | 'device', Phone] => entry[1] !== undefined)
}

/** How the author named the number: its ID, its phone, or its alias. */
export type DeviceRef =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'phone'; readonly phone: Phone }
  | { readonly kind: 'alias'; readonly alias: string }

/** One input that cannot be used, and how to fix it. */
export interface InputProblem {
  readonly input: string
  readonly message: string
}

export type InputsResult =
  { ok: true; inputs: Inputs } | { ok: false; problems: InputProblem[]; failOnError: boolean }

/** Reads one input by its action.yml name; '' when not given. */
export type ReadInput = (name: string) => string

export const DEFAULTS = {
  'api-url': 'https://api.wassenger.com/v1',
  timeout: '30',
  retries: '2',
  wait: '0',
  'wait-interval': '5',
  force: 'false',
  'fail-on-error': 'true'
} as const

export const DEVICE_ID = /^[0-9a-f]{24}$/i
const MAX_RETRIES = 10

/**
 * Checks every input before anything is sent, collecting all problems at once so that one
 * run tells the author everything to fix.
 */
export function readInputs(read: ReadInput): InputsResult {
  const problems: InputProblem[] = []
  const get = (name: string, fallback = ''): string => read(name).trim() || fallback
  const check = <T>(name: string, result: Checked<T>, fallback: T): T => {
    if (result.ok) return result.value
    problems.push({ input: name, message: `Input \`${name}\` ${result.problem}.` })
    return fallback
  }

  const failOnError = check(
    'fail-on-error',
    parseBoolean(get('fail-on-error', DEFAULTS['fail-on-error'])),
    true
  )
  const apiKey = check('api-key', parseApiKey(read('api-key')), '')
  const device = check('device', parseDevice(get('device')), { kind: 'id', id: '' })
  const force = check('force', parseBoolean(get('force', DEFAULTS.force)), false)
  const phone = check('phone', parseOptionalPhone(get('phone')), undefined)
  const apiUrl = check('api-url', parseApiUrl(get('api-url', DEFAULTS['api-url'])), '')
  const timeout = check('timeout', parseTimeout(get('timeout', DEFAULTS.timeout)), 0)
  const retries = check('retries', parseRetries(get('retries', DEFAULTS.retries)), 0)
  const wait = check('wait', parseSeconds(get('wait', DEFAULTS.wait), 0), 0)
  const interval = check(
    'wait-interval',
    parseSeconds(get('wait-interval', DEFAULTS['wait-interval']), 1),
    1
  )

  if (problems.length > 0) return { ok: false, problems, failOnError }
  return {
    ok: true,
    inputs: {
      apiKey,
      device,
      force,
      phone,
      apiUrl,
      timeoutMs: timeout * 1000,
      retries,
      waitMs: wait * 1000,
      waitIntervalMs: interval * 1000,
      failOnError
    }
  }
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string }
const ok = <T>(value: T): Checked<T> => ({ ok: true, value })
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem })

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** YAML 1.2 core-schema booleans, as GitHub's own `core.getBooleanInput` accepts. */
export function parseBoolean(value: string): Checked<boolean> {
  if (TRUE.includes(value)) return ok(true)
  if (FALSE.includes(value)) return ok(false)
  return bad(`must be true or false (got "${value}")`)
}

export function parseApiKey(raw: string): Checked<string> {
  const key = raw.trim()
  if (key === '') {
    return bad(
      'is empty: pass your Wassenger API key from a secret, e.g. api-key: ${{ secrets.WASSENGER_API_KEY }}'
    )
  }
  // A key is one header value: anything else would break or smuggle headers. Never echo it.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return bad(
      'holds spaces, line breaks or non-ASCII characters: copy the key again into the secret, without extra text'
    )
  }
  return ok(key)
}

/** A 24-hex ID as is; `+...` a phone number; anything else an alias. */
export function parseDevice(value: string): Checked<DeviceRef> {
  if (value === '') {
    return bad(
      'is empty: give the WhatsApp number as its Wassenger ID (24 hexadecimal characters such as 3bf5d1ff2ff2bd001696ac42), its phone number with + and country code, or its alias'
    )
  }
  if (DEVICE_ID.test(value)) return ok({ kind: 'id', id: value.toLowerCase() })
  if (value.startsWith('+')) {
    const result = normalisePhone(value)
    return result.ok
      ? ok({ kind: 'phone', phone: result.phone })
      : bad(`looks like a phone number but is not a usable one: ${result.problem}`)
  }
  return ok({ kind: 'alias', alias: value })
}

export function parseOptionalPhone(value: string): Checked<Phone | undefined> {
  if (value === '') return ok(undefined)
  const result = normalisePhone(value)
  return result.ok ? ok(result.phone) : bad(`is not a usable phone number: ${result.problem}`)
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

export function parseApiUrl(value: string): Checked<string> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return bad(`is not a URL (got "${value}"); the default is ${DEFAULTS['api-url']}`)
  }
  if (url.username !== '' || url.password !== '') {
    return bad('must not hold a user name or password: the key goes in api-key')
  }
  if (url.search !== '' || url.hash !== '') {
    return bad(`must be a base URL without ? or # (got "${value}"), e.g. ${DEFAULTS['api-url']}`)
  }
  const loopback = LOOPBACK.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return bad(
      `must start with https:// so the API key never travels in clear text (http:// is allowed only for localhost, 127.x.x.x and [::1]); got "${url.protocol}//${url.host}"`
    )
  }
  return ok(url.href.replace(/\/+$/, ''))
}

export function parseTimeout(value: string): Checked<number> {
  const seconds = parseSeconds(value, 0)
  return seconds.ok && seconds.value > 0
    ? seconds
    : bad(`must be a positive number of seconds, e.g. 30 (got "${value}")`)
}

/** A number of seconds no smaller than `min`. */
export function parseSeconds(value: string, min: number): Checked<number> {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min) {
    return bad(`must be a number of seconds, at least ${min} (got "${value}")`)
  }
  return ok(Number(value))
}

export function parseRetries(value: string): Checked<number> {
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    return bad(`must be a whole number from 0 to ${MAX_RETRIES} (got "${value}")`)
  }
  return ok(Number(value))
}
