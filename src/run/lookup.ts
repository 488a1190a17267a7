import { readDeviceList, type DeviceInfo } from '../wassenger/answers.js'
import { describeFailure, type FailureContext } from '../report/failures.js'
import { formatSeconds, plural } from '../text/format.js'
import { looksLikeUnprefixedPhone, type DeviceRef } from '../inputs/checks.js'
import { maskPhone } from '../inputs/phone.js'
import type { Failure } from './result.js'
import type { WassengerClient } from '../wassenger/client.js'

/** What a lookup found, or why it failed. */
export type Resolution =
  | { readonly ok: true; readonly device: DeviceInfo }
  | { readonly ok: false; readonly failure: Failure }

/** Asks for this many a page; pages are followed until one brings nothing new. */
const PAGE_SIZE = 100
/** Bounds the lookup (and a server that ignores `page`): 10 pages is far beyond any account. */
export const MAX_PAGES = 10
/** The lookup's own deadline, or one `timeout` when that is longer. */
export const LOOKUP_DEADLINE_MS = 60_000
/** The candidates a failure names; the rest are counted. */
const NAMED = 5

const digits = (phone: string): string => phone.replace(/\D/g, '')

/** A phone matches on its E.164 digits; an alias on the whole text, ignoring case. */
export function matcher(ref: DeviceRef): (device: DeviceInfo) => boolean {
  switch (ref.kind) {
    case 'id':
      return device => device.id === ref.id
    case 'phone': {
      const wanted = digits(ref.phone.e164)
      return device => device.phone !== undefined && digits(device.phone) === wanted
    }
    case 'alias': {
      const wanted = ref.alias.toLowerCase()
      return device => device.alias !== undefined && device.alias.toLowerCase() === wanted
    }
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
      return `alias "${ref.masked ?? ref.alias}"`
  }
}

/** What a lookup keeps while it reads pages: bounded, whatever the pages hold. */
interface Found {
  readonly seen: Set<string>
  /** Matching numbers: NAMED kept, all counted. */
  readonly hits: DeviceInfo[]
  hitCount: number
  /** Numbers that did not match, for the "not found" message: NAMED kept, all counted. */
  readonly others: DeviceInfo[]
  otherCount: number
}

/**
 * Finds the one number `ref` names. An ID is used as given; a phone or an alias is searched with
 * `GET /devices?search=`, at most MAX_PAGES pages within the lookup's deadline, and must match
 * exactly one number. Its cost is linear in what the pages hold.
 */
export async function resolveDevice(
  ref: DeviceRef,
  client: WassengerClient,
  context: FailureContext,
  deps: { readonly log: (message: string) => void; readonly now: () => number }
): Promise<Resolution> {
  if (ref.kind === 'id') return { ok: true, device: { id: ref.id } }
  // Digits find a phone however Wassenger formats it.
  const search = ref.kind === 'phone' ? digits(ref.phone.e164) : ref.alias
  const limitMs = Math.max(LOOKUP_DEADLINE_MS, context.timeoutMs)
  const deadline = deps.now() + limitMs
  const found: Found = { seen: new Set(), hits: [], hitCount: 0, others: [], otherCount: 0 }
  const isHit = matcher(ref)
  for (let page = 0; page < MAX_PAGES; page++) {
    if (deps.now() >= deadline) return { ok: false, failure: tooSlow(ref, limitMs, page) }
    const { last, attempts } = await client.searchDevices(search, page, PAGE_SIZE, deadline)
    const failure = describeFailure(last, context, { method: 'GET', attempts })
    // The status and response outputs belong to the auth-code request, which was never sent.
    if (failure) return { ok: false, failure: lookupFailed(failure, ref) }
    const devices = readDeviceList(last.body)
    if (devices === undefined) return { ok: false, failure: malformed(ref) }
    if (take(devices, isHit, found) === 0) break
  }

  const [only] = found.hits
  if (found.hitCount === 1 && only) {
    deps.log(`device ${describeRef(ref)} is number ${describeDevice(only)}.`)
    return { ok: true, device: only }
  }
  return {
    ok: false,
    failure: found.hitCount === 0 ? notFound(ref, found) : ambiguous(ref, found)
  }
}

/** Adds a page's numbers not seen before; returns how many there were. */
function take(
  devices: readonly DeviceInfo[],
  isHit: (device: DeviceInfo) => boolean,
  found: Found
): number {
  let fresh = 0
  for (const device of devices) {
    if (found.seen.has(device.id)) continue
    found.seen.add(device.id)
    fresh++
    if (isHit(device)) {
      if (found.hitCount++ < NAMED) found.hits.push(device)
    } else if (found.otherCount++ < NAMED) found.others.push(device)
  }
  return fresh
}

/** `a; b; c and 4 more`. */
function list(devices: readonly DeviceInfo[], count: number): string {
  const more = count > devices.length ? ` and ${count - devices.length} more` : ''
  return `${devices.map(describeDevice).join('; ')}${more}`
}

function malformed(ref: DeviceRef): Failure {
  return {
    code: 'device-not-found',
    title: 'Malformed answer to the number lookup',
    message: `Wassenger's answer to the number lookup is malformed (not a list of numbers with 24-hex IDs), so ${describeRef(ref)} could not be resolved and nothing was requested. Set device to the number's 24-hex ID instead.`
  }
}

function tooSlow(ref: DeviceRef, limitMs: number, pages: number): Failure {
  return {
    code: 'timeout',
    title: 'The number lookup took too long',
    message: `Looking up the number by ${describeRef(ref)} did not finish within ${formatSeconds(limitMs)} (${plural(pages, 'page')} read), so nothing was requested. Set device to the number's 24-hex ID, or check that Wassenger is answering, then run again.`
  }
}

function notFound(ref: DeviceRef, found: Found): Failure {
  const how =
    ref.kind === 'phone'
      ? 'with that phone number'
      : 'with that alias (compared whole, ignoring case)'
  const near =
    found.otherCount > 0
      ? ` The search found ${list(found.others, found.otherCount)}, none ${how}.`
      : ''
  return {
    code: 'device-not-found',
    title: 'Number not found in Wassenger',
    message: `No number in this Wassenger account has the ${describeRef(ref)}.${near}${hintFor(ref)} Check the device input, or set it to the number's 24-hex ID.`
  }
}

function ambiguous(ref: DeviceRef, found: Found): Failure {
  return {
    code: 'device-ambiguous',
    title: `${found.hitCount} numbers match device`,
    message: `${found.hitCount} numbers in this Wassenger account have the ${describeRef(ref)}: ${list(found.hits, found.hitCount)}. Set device to the ID of the one you mean.`
  }
}

/** What an alias that looks like something else probably meant. */
export function hintFor(ref: DeviceRef): string {
  if (ref.kind !== 'alias') return ''
  const text = ref.alias
  if (/^[0-9a-f]+$/i.test(text) && /[a-f]/i.test(text) && /\d/.test(text) && text.length >= 16) {
    return ` It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has ${text.length}.`
  }
  if (looksLikeUnprefixedPhone(text)) {
    return ' It looks like a phone number without + and country code: write it as + then the country code and the number, e.g. +1 212 555 0100.'
  }
  return ''
}

/** A lookup that Wassenger refused: the same advice, said about the lookup. */
function lookupFailed(failure: Failure, ref: DeviceRef): Failure {
  return {
    ...failure,
    message: `Looking up the number by ${describeRef(ref)} failed. ${failure.message}`
  }
}
