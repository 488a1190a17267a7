import { normalisePhone, type Phone } from './phone.js'

/** Everything the action was asked to do, checked and typed. */
export interface Inputs {
  readonly apiKey: string
  /** The 24-hex Wassenger device ID. */
  readonly device: string
  readonly force: boolean
  readonly phone?: Phone
  /** Base URL without a trailing slash, e.g. `https://api.wassenger.com/v1`. */
  readonly apiUrl: string
  readonly timeoutMs: number
  readonly retries: number
  readonly failOnError: boolean
}

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
  const device = check('device', parseDevice(get('device')), '')
  const force = check('force', parseBoolean(get('force', DEFAULTS.force)), false)
  const phone = check('phone', parseOptionalPhone(get('phone')), undefined)
  const apiUrl = check('api-url', parseApiUrl(get('api-url', DEFAULTS['api-url'])), '')
  const timeout = check('timeout', parseTimeout(get('timeout', DEFAULTS.timeout)), 0)
  const retries = check('retries', parseRetries(get('retries', DEFAULTS.retries)), 0)

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

export function parseDevice(value: string): Checked<string> {
  if (value === '') {
    return bad(
      'is empty: give the Wassenger ID of the WhatsApp number, 24 hexadecimal characters such as 3bf5d1ff2ff2bd001696ac42'
    )
  }
  if (!DEVICE_ID.test(value)) {
    return bad(
      `must be the Wassenger ID of the WhatsApp number: 24 hexadecimal characters such as 3bf5d1ff2ff2bd001696ac42 (got "${value}"); the ID is shown on the number's page in the Wassenger console`
    )
  }
  return ok(value.toLowerCase())
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
  const seconds = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds > 0)) {
    return bad(`must be a positive number of seconds, e.g. 30 (got "${value}")`)
  }
  return ok(seconds)
}

export function parseRetries(value: string): Checked<number> {
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    return bad(`must be a whole number from 0 to ${MAX_RETRIES} (got "${value}")`)
  }
  return ok(Number(value))
}
