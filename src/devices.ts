import { describeFailure, type FailureContext } from './failures.js'
import { DEVICE_ID, type DeviceRef } from './input-checks.js'
import { isRecord, parseJson, textField } from './json.js'
import { maskPhone } from './phone.js'
import type { Failure } from './result.js'
import type { WassengerClient } from './wassenger.js'

/** The fields of a Wassenger device this action uses. */
export interface DeviceInfo {
  readonly id: string
  readonly alias?: string
  readonly phone?: string
}

/** What a lookup found, or why it failed. */
export type Resolution =
  | { readonly ok: true; readonly device: DeviceInfo }
  | { readonly ok: false; readonly failure: Failure }

/** Asks for this many a page; pages are followed until one is empty, whatever the server's own limit. */
const PAGE_SIZE = 100
/** Bounds the lookup (and a server that ignores `page`): 20 pages is far beyond any account. */
const MAX_PAGES = 20

/** A device of a lookup answer; undefined unless its ID is one Wassenger could have issued. */
export function readDevice(json: unknown): DeviceInfo | undefined {
  if (!isRecord(json) || typeof json.id !== 'string' || !DEVICE_ID.test(json.id)) return undefined
  return {
    id: json.id.toLowerCase(),
    alias: textField(json, 'alias'),
    phone: textField(json, 'phone')
  }
}

const digits = (phone: string): string => phone.replace(/\D/g, '')

/** A phone matches on its E.164 digits; an alias on the whole text, ignoring case. */
export function matches(ref: DeviceRef, device: DeviceInfo): boolean {
  switch (ref.kind) {
    case 'id':
      return device.id === ref.id
    case 'phone':
      return device.phone !== undefined && digits(device.phone) === digits(ref.phone.e164)
    case 'alias':
      return device.alias?.toLowerCase() === ref.alias.toLowerCase()
  }
}

/** `6123…01 (alias "Support", phone +1******0100)`: enough to tell numbers apart and paste the right ID. */
export function describeDevice(device: DeviceInfo): string {
  const details = [
    device.alias ? `alias "${device.alias}"` : 'no alias',
    ...(device.phone ? [`phone ${maskPhone(device.phone)}`] : [])
  ]
  return `${device.id} (${details.join(', ')})`
}

/** How messages name the number the author gave. */
export function describeRef(ref: DeviceRef): string {
  switch (ref.kind) {
    case 'id':
      return `ID ${ref.id}`
    case 'phone':
      return `phone ${ref.phone.masked}`
    case 'alias':
      return `alias "${ref.alias}"`
  }
}

/**
 * Finds the one number `ref` names. An ID is used as given; a phone or an alias is searched with
 * `GET /devices?search=`, following pages to the end, and must match exactly one number.
 */
export async function resolveDevice(
  ref: DeviceRef,
  client: WassengerClient,
  context: FailureContext,
  log: (message: string) => void
): Promise<Resolution> {
  if (ref.kind === 'id') return { ok: true, device: { id: ref.id } }
  // Digits find a phone however Wassenger formats it.
  const search = ref.kind === 'phone' ? digits(ref.phone.e164) : ref.alias
  const found: DeviceInfo[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const { last, attempts } = await client.searchDevices(search, page, PAGE_SIZE)
    const failure = describeFailure(last, context, { method: 'GET', attempts })
    // The status and response outputs belong to the auth-code request, which was never sent.
    if (failure) return { ok: false, failure: lookupFailed(failure, ref) }
    const json = parseJson(last.body)
    const devices = Array.isArray(json) ? json.map(readDevice) : [undefined]
    if (devices.some(device => device === undefined)) return { ok: false, failure: malformed(ref) }
    const fresh = (devices as DeviceInfo[]).filter(d => !found.some(f => f.id === d.id))
    if (fresh.length === 0) break
    found.push(...fresh)
  }

  const hits = found.filter(device => matches(ref, device))
  const [only] = hits
  if (hits.length === 1 && only) {
    log(`device ${describeRef(ref)} is number ${describeDevice(only)}.`)
    return { ok: true, device: only }
  }
  return { ok: false, failure: hits.length === 0 ? notFound(ref, found) : ambiguous(ref, hits) }
}

function malformed(ref: DeviceRef): Failure {
  return {
    code: 'device-not-found',
    title: 'Malformed answer to the number lookup',
    message: `Wassenger's answer to the number lookup is malformed (not a list of numbers with 24-hex IDs), so ${describeRef(ref)} could not be resolved and nothing was requested. Set device to the number's 24-hex ID instead.`
  }
}

function notFound(ref: DeviceRef, found: readonly DeviceInfo[]): Failure {
  const how =
    ref.kind === 'phone'
      ? 'with that phone number'
      : 'with that alias (compared whole, ignoring case)'
  const more = found.length > 5 ? ` and ${found.length - 5} more` : ''
  const near =
    found.length > 0
      ? ` The search found ${found.slice(0, 5).map(describeDevice).join('; ')}${more}, none ${how}.`
      : ''
  return {
    code: 'device-not-found',
    title: 'Number not found in Wassenger',
    message: `No number in this Wassenger account has the ${describeRef(ref)}.${near} Check the device input, or set it to the number's 24-hex ID.`
  }
}

function ambiguous(ref: DeviceRef, hits: readonly DeviceInfo[]): Failure {
  return {
    code: 'device-ambiguous',
    title: `${hits.length} numbers match device`,
    message: `${hits.length} numbers in this Wassenger account have the ${describeRef(ref)}: ${hits.map(describeDevice).join('; ')}. Set device to the ID of the one you mean.`
  }
}

/** A lookup that Wassenger refused: the same advice, said about the lookup. */
function lookupFailed(failure: Failure, ref: DeviceRef): Failure {
  return {
    ...failure,
    message: `Looking up the number by ${describeRef(ref)} failed. ${failure.message}`
  }
}
