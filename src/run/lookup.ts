/**
 * Before the request: which number `device` names (a lookup by phone or alias), and, with
 * `skip-if-online`, what state it is in. Both read Wassenger's answers through answers.ts.
 */
import type { DeviceRef } from '../inputs/checks.js'
import { e164Of } from '../inputs/phone.js'
import { foldSpaces } from '../text/untrusted.js'
import { type DeviceInfo, readDeviceList, readSession } from '../wassenger/answers.js'
import type { WassengerClient } from '../wassenger/client.js'
import { failureOf, type Failure } from './result.js'

/** What a lookup found, or why it failed. */
export type Resolution =
  | { readonly ok: true; readonly device: DeviceInfo }
  | { readonly ok: false; readonly failure: Failure }

/** Asks for this many a page; pages are followed until one brings nothing new. */
const PAGE_SIZE = 100
/** Bounds the lookup (and a server that ignores `page`): 10 pages is far beyond any account. */
const MAX_PAGES = 10
/** The lookup's own deadline, or one `timeout` when that is longer. */
const LOOKUP_DEADLINE_MS = 60_000
/** The candidates a failure names; the rest are counted. */
const NAMED = 5

/** A number named so that it must be searched for: an ID is used as given. */
type SearchedRef = Exclude<DeviceRef, { readonly kind: 'id' }>

const digits = (phone: string): string => phone.replace(/\D/g, '')
// Both sides come trimmed: the input by the runner, Wassenger's alias by answers.ts.
const comparable = (alias: string): string => foldSpaces(alias).toLowerCase()

/**
 * A phone matches when Wassenger's phone field is the same number in E.164 (however it is
 * written); an alias when it is the same text, ignoring case and runs of white space.
 */
function matcher(ref: SearchedRef): (device: DeviceInfo) => boolean {
  switch (ref.kind) {
    case 'phone': {
      const { e164, national } = ref.phone
      return device => {
        if (device.phone === undefined) return false
        // Every spelling of the number ends in its national digits: only those are parsed.
        // Stryker disable next-line ConditionalExpression: a cheap first test; e164Of decides
        if (!digits(device.phone).endsWith(national)) return false
        return e164Of(device.phone) === e164
      }
    }
    case 'alias': {
      const wanted = comparable(ref.alias)
      return device => device.alias !== undefined && comparable(device.alias) === wanted
    }
  }
}

/** What Wassenger's search is given for a number: digits find a phone however it is written. */
export const searchFor = (ref: DeviceRef): string =>
  ref.kind === 'phone' ? digits(ref.phone.e164) : ref.kind === 'id' ? ref.id : ref.alias

/** What a lookup keeps while it reads pages: bounded, whatever the pages hold. */
interface Found {
  /** Matching numbers: NAMED kept, all counted. */
  readonly hits: DeviceInfo[]
  hitCount: number
  /** Numbers that did not match, for the "not found" message: NAMED kept, all counted. */
  readonly others: DeviceInfo[]
  otherCount: number
}

/** The pages read: every number once, or why the reading failed. */
export type Pages =
  | { readonly ok: true; readonly devices: readonly DeviceInfo[]; readonly more: boolean }
  | { readonly ok: false; readonly failure: Failure }

/**
 * `GET /devices` page by page (`search` when given): until a page is empty or brings no number
 * not seen before, at most MAX_PAGES pages, within the lookup's deadline (or one `timeout` when
 * that is longer). Every number once, in the order read; `more` when the last page still brought
 * new ones. Its cost is linear in what the pages hold.
 */
export async function readPages(
  search: string | undefined,
  call: 'lookup' | 'list',
  client: WassengerClient,
  timeoutMs: number,
  deps: { readonly now: () => number }
): Promise<Pages> {
  const limitMs = Math.max(LOOKUP_DEADLINE_MS, timeoutMs)
  const deadline = deps.now() + limitMs
  const seen = new Map<string, DeviceInfo>()
  for (let page = 0; page < MAX_PAGES; page++) {
    if (deps.now() >= deadline) {
      return { ok: false, failure: { kind: 'lookup-timeout', call, limitMs, pages: page } }
    }
    const { last, tries } = await client.listDevices(search, page, PAGE_SIZE, deadline)
    const failure = failureOf(last, call, tries)
    if (failure) return { ok: false, failure }
    const devices = readDeviceList(last.body)
    if (devices === undefined) return { ok: false, failure: { kind: 'bad-answer', call } }
    const before = seen.size
    for (const device of devices) if (!seen.has(device.id)) seen.set(device.id, device)
    if (seen.size === before) return { ok: true, devices: [...seen.values()], more: false }
  }
  return { ok: true, devices: [...seen.values()], more: true }
}

/**
 * Finds the one number `ref` names. An ID is used as given; a phone or an alias is searched with
 * `GET /devices?search=` (readPages), and must match exactly one number.
 */
export async function resolveDevice(
  ref: DeviceRef,
  client: WassengerClient,
  timeoutMs: number,
  deps: { readonly now: () => number }
): Promise<Resolution> {
  if (ref.kind === 'id') return { ok: true, device: { id: ref.id } }
  const pages = await readPages(searchFor(ref), 'lookup', client, timeoutMs, deps)
  if (!pages.ok) return pages
  const isHit = matcher(ref)
  const found: Found = { hits: [], hitCount: 0, others: [], otherCount: 0 }
  for (const device of pages.devices) {
    if (isHit(device)) {
      if (found.hitCount++ < NAMED) found.hits.push(device)
    } else if (found.otherCount++ < NAMED) found.others.push(device)
  }
  const [only] = found.hits
  if (found.hitCount === 1 && only) return { ok: true, device: only }
  const failure: Failure =
    found.hitCount === 0
      ? { kind: 'not-found', others: found.others, otherCount: found.otherCount }
      : { kind: 'ambiguous', hits: found.hits, hitCount: found.hitCount }
  return { ok: false, failure }
}

/** A number's own statuses that no code can link: both actions leave such a number alone. */
const UNLINKABLE = ['removed', 'banned', 'disabled', 'unpaid'] as const

/** Which of UNLINKABLE a number's own `status` is (any letter case); undefined: linkable. */
export const unlinkable = (status: string): (typeof UNLINKABLE)[number] | undefined =>
  UNLINKABLE.find(each => each === status.toLowerCase())

/** What reading the number before requesting found: its session status, or why not to go on. */
export type NumberState =
  | { readonly ok: true; readonly sessionStatus: string }
  | { readonly ok: false; readonly failure: Failure }

/**
 * `skip-if-online`: reads the number (`GET /devices/{id}`, retried as a lookup is). A read that
 * fails, an answer about another number, or a number that cannot be linked stops the run before
 * anything is requested.
 */
export async function readNumber(id: string, client: WassengerClient): Promise<NumberState> {
  const { last, tries } = await client.getDevice(id)
  const failure = failureOf(last, 'read', tries)
  if (failure) return { ok: false, failure }
  const seen = readSession(last.body, id)
  if (!seen.ok) return { ok: false, failure: { kind: 'bad-answer', call: 'read' } }
  const numberStatus = unlinkable(seen.numberStatus ?? '')
  if (numberStatus) return { ok: false, failure: { kind: 'unlinkable', numberStatus } }
  return { ok: true, sessionStatus: seen.status }
}
