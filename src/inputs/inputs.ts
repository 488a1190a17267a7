import {
  DEFAULT_API_URL,
  looksLikeUnprefixedPhone,
  ok,
  parseApiKey,
  parseApiUrl,
  parseBoolean,
  parseDevice,
  parseOptionalPhone,
  parseSeconds,
  parseWhole,
  type Checked,
  type DeviceRef
} from './checks.js'
import { parseDigits } from 'libphonenumber-js/min'
import type { Phone } from './phone.js'
import {
  parseNotifyFormat,
  parseWebhook,
  webhookOf,
  webhookSecrets,
  type Webhook
} from './webhook.js'
import { MIN_KEY_LENGTH, type Hidden } from '../text/redactor.js'
import { words, type Words } from '../text/words.js'

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
  /** How many new codes may be requested while waiting; 0: none. */
  readonly renew: number
  /** Request nothing when the number's session is online already. */
  readonly skipIfOnline: boolean
  /** The team's chat, to post each code and the outcome to; undefined: none. */
  readonly notify?: Webhook
  readonly failOnError: boolean
}

/** A phone number the author gave: in `phone`, or in `device` when it names the number so. */
export interface GivenPhone {
  readonly input: 'phone' | 'device'
  readonly phone: Phone
}

/** One input that cannot be used, and how to fix it: a sentence naming the input. */
export interface InputProblem {
  readonly input: string
  readonly message: Words
}

export type InputsResult = (
  | { ok: true; inputs: Inputs; phones: GivenPhone[] }
  | {
      ok: false
      problems: InputProblem[]
      /** What could be read, for the report of the failure. */
      given: { failOnError: boolean; force: boolean; phone?: Phone }
    }
) & {
  /** Every value that must not be shown as given: the key, the phones, a device like a phone. */
  hidden: Hidden[]
}

/** Reads one input by its action.yml name, trimmed; '' when not given. */
export type ReadInput = (name: string) => string

/**
 * Each input's rules, beside its name: action.yml's default, for an input given as ''; the most
 * characters it may have (else 100), checked before anything reads it further, so that no work,
 * pattern or message grows with an input's length (no real value comes near: an ID is 24, a
 * phone some 20); and a number's range, so that no timer is set beyond what Node's timers hold.
 */
export const INPUTS = {
  'api-key': { max: 512 },
  device: { max: 200 },
  search: { max: 200 },
  phone: { max: 50 },
  'api-url': { default: DEFAULT_API_URL, max: 2048 },
  'notify-webhook': { max: 2048 },
  timeout: { default: '30', range: [1, 600] },
  retries: { default: '2', range: [0, 10] },
  wait: { default: '0', range: [0, 21600] },
  'wait-interval': { default: '5', range: [1, 300] },
  renew: { default: '0', range: [0, 5] },
  // GitHub's limit on a matrix's jobs.
  max: { default: '256', range: [1, 256] },
  force: { default: 'false' },
  'skip-if-online': { default: 'false' },
  'fail-on-error': { default: 'true' },
  'notify-format': { default: 'auto' },
  'unlinked-only': { default: 'true' }
} as const satisfies Record<string, { default?: string; max?: number; range?: [number, number] }>
type Name = keyof typeof INPUTS
type Ranged = { [N in Name]: (typeof INPUTS)[N] extends { range: unknown } ? N : never }[Name]

/**
 * Reads inputs by name, each bounded and checked (its default when empty), collecting every
 * problem, so that one run tells the author everything to fix.
 */
function inputReader(read: ReadInput) {
  const problems: InputProblem[] = []
  const check = <T>(name: Name, parse: (value: string) => Checked<T>, fallback: T): T => {
    const result = bounded(name, read(name).trim(), parse)
    if (result.ok) return result.value
    problems.push({ input: name, message: words`Input \`${name}\` ${result.problem}.` })
    return fallback
  }
  const inRange = (name: Ranged, parse: typeof parseSeconds) => (value: string) => {
    const [min, max] = INPUTS[name].range
    return parse(value, min, max)
  }
  return { problems, check, inRange }
}

/** Checks every input of the action before anything is sent. */
export function readInputs(read: ReadInput): InputsResult {
  const { problems, check, inRange } = inputReader(read)

  const failOnError = check('fail-on-error', parseBoolean, true)
  const apiKey = check('api-key', parseApiKey, '')
  const device = check<DeviceRef>('device', parseDevice, { kind: 'alias', alias: '' })
  const force = check('force', parseBoolean, false)
  const phone = check('phone', parseOptionalPhone, undefined)
  const apiUrl = check('api-url', parseApiUrl, '')
  const timeoutMs = check('timeout', inRange('timeout', parseSeconds), 0)
  const retries = check('retries', inRange('retries', parseWhole), 0)
  const waitMs = check('wait', inRange('wait', parseSeconds), 0)
  const waitIntervalMs = check('wait-interval', inRange('wait-interval', parseSeconds), 0)
  const renew = check('renew', inRange('renew', parseWhole), 0)
  const skipIfOnline = check('skip-if-online', parseBoolean, false)
  const webhook = check('notify-webhook', parseWebhook, undefined)
  const notifyFormat = check('notify-format', parseNotifyFormat, 'auto')
  if (skipIfOnline && force) {
    problems.push({
      input: 'skip-if-online',
      message: [
        'Input `skip-if-online` is true with `force: true`, which contradict each other: force replaces a working session, skip-if-online keeps it. Set only one of them.'
      ]
    })
  }

  const hidden = hiddenValues(read, 'device', [
    phone,
    device.kind === 'phone' ? device.phone : undefined
  ])
  // Its token, as given and decoded: the URL as given is in the list already.
  for (const value of webhook ? webhookSecrets(webhook) : []) hidden.push({ kind: 'secret', value })
  if (problems.length > 0) {
    return { ok: false, problems, given: { failOnError, force, phone }, hidden }
  }
  const inputs = {
    apiKey,
    device,
    force,
    phone,
    apiUrl,
    timeoutMs,
    retries,
    waitMs,
    waitIntervalMs,
    renew,
    skipIfOnline,
    ...(webhook ? { notify: webhookOf(webhook, notifyFormat) } : {}),
    failOnError
  }
  return { ok: true, inputs, phones: givenPhones(inputs), hidden }
}

/** The input parsed, or its default when it is empty; longer than its limit, refused unread. */
function bounded<T>(name: Name, value: string, parse: (value: string) => Checked<T>): Checked<T> {
  const rules: { default?: string; max?: number } = INPUTS[name]
  const max = rules.max ?? 100
  if (value.length > max) {
    return { ok: false, problem: [`is ${value.length} characters long, more than its ${max}`] }
  }
  return parse(value || (rules.default ?? ''))
}

/**
 * The key as given (however unusable, but not a value too short to be one: masking it would
 * garble every word holding it), the phones that were read, a device written like a phone.
 */
function hiddenValues(
  read: ReadInput,
  named: 'device' | 'search',
  phones: ReadonlyArray<Phone | undefined>
): Hidden[] {
  const key = read('api-key')
  const device = read(named).trim()
  // The webhook as given, usable or not: whoever holds it can post to the chat.
  const webhook = read('notify-webhook').trim()
  const hidden: Hidden[] = []
  for (const secret of [key, webhook])
    if (secret.length >= MIN_KEY_LENGTH) hidden.push({ kind: 'secret', value: secret })
  for (const phone of phones) if (phone) hidden.push({ kind: 'phone', phone })
  if (device.length <= INPUTS[named].max && looksLikeUnprefixedPhone(device))
    hidden.push({ kind: 'digits', given: device, digits: parseDigits(device) })
  return hidden
}

function givenPhones(inputs: Inputs): GivenPhone[] {
  const phones: GivenPhone[] = []
  if (inputs.phone) phones.push({ input: 'phone', phone: inputs.phone })
  if (inputs.device.kind === 'phone') phones.push({ input: 'device', phone: inputs.device.phone })
  return phones
}

/** What the `numbers` action was asked, checked and typed. */
export interface NumbersInputs {
  readonly apiKey: string
  readonly apiUrl: string
  readonly timeoutMs: number
  readonly retries: number
  /** List only the numbers whose session is not online. */
  readonly unlinkedOnly: boolean
  /** Only the numbers Wassenger's own search finds for it; undefined: every number. */
  readonly search?: DeviceRef
  /** How many IDs at most the list holds. */
  readonly max: number
}

export type NumbersInputsResult = (
  { ok: true; inputs: NumbersInputs } | { ok: false; problems: InputProblem[] }
) & { hidden: Hidden[] }

/** Checks every input of the `numbers` action, by the main action's rules, before any request. */
export function readNumbersInputs(read: ReadInput): NumbersInputsResult {
  const { problems, check, inRange } = inputReader(read)
  const apiKey = check('api-key', parseApiKey, '')
  const apiUrl = check('api-url', parseApiUrl, '')
  const timeoutMs = check('timeout', inRange('timeout', parseSeconds), 0)
  const retries = check('retries', inRange('retries', parseWhole), 0)
  const unlinkedOnly = check('unlinked-only', parseBoolean, true)
  // Read as `device` is, so that a phone is hidden, and searched for by its digits, the same way.
  const search = check<DeviceRef | undefined>(
    'search',
    value => (value === '' ? ok(undefined) : parseDevice(value)),
    undefined
  )
  const max = check('max', inRange('max', parseWhole), 0)
  const hidden = hiddenValues(read, 'search', [search?.kind === 'phone' ? search.phone : undefined])
  if (problems.length > 0) return { ok: false, problems, hidden }
  return {
    ok: true,
    inputs: {
      apiKey,
      apiUrl,
      timeoutMs,
      retries,
      unlinkedOnly,
      max,
      ...(search ? { search } : {})
    },
    hidden
  }
}
