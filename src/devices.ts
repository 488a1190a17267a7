import type { Failure } from './result.js'
import type { DeviceRef } from './inputs.js'
import { describeFailure, isRecord, parseJson, type RequestContext } from './outcome.js'
import { maskPhone } from './phone.js'
import type { WassengerClient } from './wassenger.js'

/** The fields of a Wassenger device this action uses. */
export interface DeviceInfo {
  readonly id: string
  readonly alias?: string
  readonly phone?: string
  readonly sessionStatus?: string
}

/** What a lookup found, or why it failed. */
export type Resolution =
  | { readonly ok: true; readonly device: DeviceInfo }
  | { readonly ok: false; readonly failure: Failure }

/** Asks for this many a page; pages are followed until one is empty, whatever the server's own limit. */
const PAGE_SIZE = 100
/** Bounds the lookup (and a server that ignores `page`): 20 pages is far beyond any account. */
const MAX_PAGES = 20

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

export function readDevice(json: unknown): DeviceInfo | undefined {
  if (!isRecord(json) || typeof json.id !== 'string') return undefined
  return {
    id: json.id,
    alias: text(json.alias),
    phone: text(json.phone),
    sessionStatus: isRecord(json.session) ? text(json.session.status) : undefined
  }
}

const digits = (phone: string): string => phone.replace(/\D/g, '')

/** A phone matches on its E.164 digits; an alias on the whole text, ignoring case. */
export function matches(ref: DeviceRef, device: DeviceInfo): boolean {
  switch (ref.kind) {
    case 'id':
      return device.id.toLowerCase() === ref.id
    case 'phone':
      return device.phone !== undefined && digits(device.phone) === digits(ref.phone.e164)
    case 'alias':
      return (
        device.alias !== undefined && device.alias.trim().toLowerCase() === ref.alias.toLowerCase()
      )
  }
}

/** "6123…01 (alias Support, phone +1******0100)": enough to tell numbers apart and paste the right ID. */
export function describeDevice(device: DeviceInfo): string {
  const details = [
    device.alias ? `alias "${device.alias}"` : 'no alias',
    device.phone ? `phone ${maskPhone(device.phone)}` : undefined
  ].filter(Boolean)
  return `${device.id} (${details.join(', ')})`
}

export const describeRef = (ref: DeviceRef): string =>
  ref.kind === 'phone'
    ? `phone ${ref.phone.masked}`
    : ref.kind === 'alias'
      ? `alias "${ref.alias}"`
      : `ID ${ref.id}`

/**
 * Finds the one number `ref` names. An ID is used as given; a phone or an alias is searched with
 * `GET /devices?search=`, following pages to the end, and must match exactly one number.
 */
export async function resolveDevice(
  ref: DeviceRef,
  client: WassengerClient,
  context: Omit<RequestContext, 'attempts'>,
  log: (message: string) => void
): Promise<Resolution> {
  if (ref.kind === 'id') return { ok: true, device: { id: ref.id } }
  // Digits find a phone however Wassenger formats it; the masked form keeps it out of logs.
  const search = ref.kind === 'phone' ? digits(ref.phone.e164) : ref.alias
  const found: DeviceInfo[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const { last, attempts } = await client.searchDevices(search, page, PAGE_SIZE)
    const failure = describeFailure(last, { ...context, attempts })
    if (failure) {
      // The debug log shows the lookup's status; the status and response outputs belong to
      // the auth-code request, which was never sent.
      return { ok: false, failure: lookupFailure(failure, ref) }
    }
    const json = parseJson(last.body)
    if (!Array.isArray(json)) {
      return {
        ok: false,
        failure: {
          code: 'device-not-found',
          title: 'Unexpected answer to the number lookup',
          message: `Wassenger's answer to the number lookup is not a list, so ${describeRef(ref)} could not be resolved. Set device to the number's 24-hex ID instead.`
        }
      }
    }
    const fresh = json
      .map(readDevice)
      .filter((d): d is DeviceInfo => d !== undefined && !found.some(f => f.id === d.id))
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

function notFound(ref: DeviceRef, found: readonly DeviceInfo[]): Failure {
  const how =
    ref.kind === 'phone'
      ? 'with that phone number'
      : 'with that alias (compared whole, ignoring case)'
  const near =
    found.length > 0
      ? ` The search found ${found.slice(0, 5).map(describeDevice).join('; ')}${found.length > 5 ? ` and ${found.length - 5} more` : ''}, none ${how}.`
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
function lookupFailure(failure: Failure, ref: DeviceRef): Failure {
  return {
    ...failure,
    message: `Looking up the number by ${describeRef(ref)} failed. ${failure.message}`
  }
}
