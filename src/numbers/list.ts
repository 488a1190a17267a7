/**
 * The `numbers` action's work: read every number of the account (or those Wassenger's search
 * matches) and list the IDs of those a code could link, for a matrix of one job each. It only
 * reads: nothing is requested.
 */
import type { NumbersInputs } from '../inputs/inputs.js'
import type { DeviceInfo } from '../wassenger/answers.js'
import { createClient, type ClientDeps } from '../wassenger/client.js'
import { readPages, searchFor, unlinkable } from '../run/lookup.js'
import { isOnline, type Failure } from '../run/result.js'

/** Whether a number read is listed, or why not. */
export type Verdict = 'listed' | 'online' | 'unlinkable' | 'beyond-max'

/** What the reading found, as facts; the report words them. */
export interface NumbersResult {
  /** Wassenger's host and the `timeout` input, named by messages about the network. */
  readonly host: string
  readonly timeoutMs: number
  /** Every number read, each with its verdict, in the order read. */
  readonly numbers: ReadonlyArray<{ readonly device: DeviceInfo; readonly verdict: Verdict }>
  /** The IDs listed, sorted: at most `max`. */
  readonly listed: readonly string[]
  /** `max` cut the list, or the last page a reading may take still brought new numbers. */
  readonly more: boolean
  readonly failure?: Failure
}

export async function listNumbers(inputs: NumbersInputs, deps: ClientDeps): Promise<NumbersResult> {
  const client = createClient(inputs, deps)
  const none = {
    host: new URL(inputs.apiUrl).host,
    timeoutMs: inputs.timeoutMs,
    numbers: [],
    listed: [],
    more: false
  }
  const search = inputs.search && searchFor(inputs.search)
  const pages = await readPages(search, 'list', client, inputs.timeoutMs, deps)
  if (!pages.ok) return { ...none, failure: pages.failure }
  const verdictOf = (device: DeviceInfo): Verdict =>
    unlinkable(device.status ?? '')
      ? 'unlinkable'
      : inputs.unlinkedOnly && isOnline(device.sessionStatus)
        ? 'online'
        : 'listed'
  const candidates = pages.devices
    .filter(device => verdictOf(device) === 'listed')
    .map(device => device.id)
    .sort()
  const listed = new Set(candidates.slice(0, inputs.max))
  return {
    ...none,
    numbers: pages.devices.map(device => {
      const verdict = verdictOf(device)
      return {
        device,
        verdict: verdict === 'listed' && !listed.has(device.id) ? 'beyond-max' : verdict
      }
    }),
    listed: [...listed],
    more: pages.more || candidates.length > inputs.max
  }
}
