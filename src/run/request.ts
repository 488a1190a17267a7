import type { DeviceRef } from '../inputs/checks.js'
import type { GivenPhone, InputProblem, Inputs } from '../inputs/inputs.js'
import type { Phone } from '../inputs/phone.js'
import { plural } from '../text/words.js'
import {
  arrivalOf,
  readCodeAnswer,
  USUAL_VALIDITY_MS,
  validityOf,
  type DeviceInfo
} from '../wassenger/answers.js'
import { createClient, type ClientDeps } from '../wassenger/client.js'
import { failureOf, isOnline, type RunResult, type Warning } from './result.js'
import { readNumber, resolveDevice } from './lookup.js'
import { createRenewal, renewalFits } from './renew.js'
import { waitUntilOnline } from './wait.js'

export interface CoreDeps extends ClientDeps {
  /** Called when a lookup has found the number the author named. */
  readonly found: (ref: DeviceRef, device: DeviceInfo) => void
  /** Called as soon as the code is known, before any wait: the person needs it now. */
  readonly announce: (result: RunResult) => void
  /** Says a warning the moment it is known. */
  readonly warn: (warning: Warning) => void
}

/**
 * The action's work, given checked inputs: find the number, request the code (one POST plus
 * retries), announce it, then, when asked, wait until the number's session is online.
 * `unwatched`: a scheduled run, which nobody watches, that would wait with no chat to post to.
 */
export async function relink(
  inputs: Inputs,
  phones: readonly GivenPhone[],
  deps: CoreDeps,
  { unwatched }: { readonly unwatched: boolean }
): Promise<RunResult> {
  const client = createClient(inputs, deps)
  const start: RunResult = {
    asked: {
      ref: inputs.device,
      force: inputs.force,
      phone: inputs.phone && { masked: inputs.phone.masked },
      host: new URL(inputs.apiUrl).host,
      timeoutMs: inputs.timeoutMs,
      renew: inputs.renew
    },
    attempts: 0,
    codes: []
  }
  for (const { input, phone } of phones) {
    if (phone.outsideKnownRanges)
      deps.warn({ kind: 'outside-known-ranges', input, masked: phone.masked })
  }
  const { renew, waitMs } = inputs
  if (renew > 0 && waitMs === 0) deps.warn({ kind: 'renew-without-wait', renew })
  // Said when the inputs are read, from the usual validity; else, maybe, when the code comes.
  const noTime = renew > 0 && waitMs > 0 && !renewalFits(USUAL_VALIDITY_MS, waitMs)
  if (noTime) deps.warn({ kind: 'renew-no-time', waitMs, renew })

  const resolved = await resolveDevice(inputs.device, client, inputs.timeoutMs, deps)
  if (!resolved.ok) return { ...start, failure: resolved.failure }
  const device = resolved.device
  if (inputs.device.kind !== 'id') deps.found(inputs.device, device)

  let checkedStatus: string | undefined
  if (inputs.skipIfOnline) {
    const state = await readNumber(device.id, client)
    if (!state.ok) return { ...start, device, failure: state.failure }
    if (isOnline(state.sessionStatus)) {
      const sessionStatus = waitMs > 0 ? state.sessionStatus : undefined
      return { ...start, device, skipped: true, sessionStatus }
    }
    checkedStatus = state.sessionStatus
  }

  if (unwatched) deps.warn({ kind: 'unwatched' })
  const request = { device: device.id, force: inputs.force, phone: inputs.phone?.e164 }
  const { last, attempts, tries } = await client.postAuthCode(request)
  if (last.invalidUtf8) deps.warn({ kind: 'invalid-utf8' })
  const answer = { status: last.status, body: last.body, bytes: last.bytes }
  const answered: RunResult = {
    ...start,
    device,
    answer,
    attempts,
    ...(checkedStatus === undefined ? {} : { checkedStatus })
  }
  const failure = failureOf(last, 'authcode', tries)
  if (failure) return { ...answered, failure }

  const { code, ignored } = readCodeAnswer(last.body, arrivalOf(last, deps))
  for (const note of ignored) deps.debug(`In Wassenger's answer, ${note}: ignored.`)
  const requested: RunResult = { ...answered, codes: code ? [code] : [] }
  deps.announce(requested)
  if (waitMs === 0) return requested

  const fits = code !== undefined && renew > 0 && renewalFits(validityOf(code), waitMs)
  if (code && renew > 0 && !fits && !noTime) deps.warn({ kind: 'renew-no-time', waitMs, renew })
  const renewal = fits
    ? createRenewal(
        { codes: requested.codes, answer, attempts },
        request,
        { max: renew, deadline: deps.now() + waitMs },
        client,
        { ...deps, announce: codes => deps.announce({ ...requested, ...codes }) }
      )
    : undefined
  if (renewal) {
    deps.log(
      `If this code runs out before it is entered, up to ${plural(renew, 'new code')} will be requested, each shown like this one.`
    )
  }
  const waitStarted = deps.now()
  const waited = await waitUntilOnline(
    device.id,
    client,
    { waitMs, intervalMs: inputs.waitIntervalMs, afterPoll: renewal?.afterPoll },
    deps
  )
  return {
    ...requested,
    ...renewal?.current(),
    sessionStatus: waited.sessionStatus,
    waitedMs: deps.now() - waitStarted,
    failure: waited.failure
  }
}

/** A run stopped before any request because inputs are unusable. */
export function invalidInputs(
  problems: readonly InputProblem[],
  given: { readonly force: boolean; readonly phone?: Phone }
): RunResult {
  const phoneInvalid = problems.some(problem => problem.input === 'phone')
  return {
    asked: {
      force: given.force,
      phone: phoneInvalid ? 'invalid' : given.phone && { masked: given.phone.masked },
      // Stryker disable next-line StringLiteral: no host is named when nothing was sent
      host: '',
      timeoutMs: 0,
      renew: 0
    },
    attempts: 0,
    codes: [],
    failure: { kind: 'invalid-input', problems }
  }
}
