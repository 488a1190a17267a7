/**
 * What the team's chat is told, built from the run's facts: each code the moment it is shown,
 * and one message at the end. A run posts at most one message per code, plus one at its end;
 * nothing when `skip-if-online` skipped it or its inputs were unusable.
 */
import type { ChatLink, ChatMessage } from '../notify/formats.js'
import { errorCode, isOnline, latestCode, type RunResult } from '../run/result.js'
import { data, formatSeconds, words, type Words } from '../text/words.js'
import { consoleUrl, LINK_STEPS, renewalOf, validity } from './code.js'
import { describeFailure } from './failures.js'
import type { RunContext } from './io.js'
import { knownAs } from './number.js'

/** The links the runner's variables allow: each part checked, so a link is only ever ours. */
function links(context: RunContext): { run?: ChatLink; restart?: ChatLink } {
  const server = /^https?:\/\/[\w.-]+(?::\d+)?$/.exec(context.serverUrl ?? '')?.[0]
  const repository = /^[\w.-]+\/[\w.-]+$/.exec(context.repository ?? '')?.[0]
  if (!server || !repository) return {}
  const runId = /^\d{1,20}$/.exec(context.runId ?? '')?.[0]
  const file = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/([\w.-]+\.ya?ml)@/.exec(
    context.workflowRef ?? ''
  )?.[1]
  return {
    ...(runId
      ? { run: { title: 'Open the run', url: `${server}/${repository}/actions/runs/${runId}` } }
      : {}),
    ...(file
      ? {
          restart: {
            title: 'Start the workflow again',
            url: `${server}/${repository}/actions/workflows/${file}`
          }
        }
      : {})
  }
}

/** The number as a chat names it: its alias and masked phone when known, else its ID. */
function number(result: RunResult): Words {
  const known = knownAs(result)
  return known.length > 0 ? words`For the number with ${known}.` : []
}

/** The message for the latest code announced, or for a success without one. */
export function codeMessage(result: RunResult, context: RunContext): ChatMessage {
  const { run } = links(context)
  const code = latestCode(result)
  const id = result.device?.id ?? ''
  if (!code) {
    return {
      title: 'WhatsApp code requested',
      lines: [
        number(result),
        [
          `Wassenger's answer does not carry the code: read it in Wassenger's console (the link below), then ${LINK_STEPS}.`
        ]
      ],
      links: [
        { title: "Open the number in Wassenger's console", url: consoleUrl(id) },
        ...(run ? [run] : [])
      ]
    }
  }
  const renewal = renewalOf(result)
  return {
    title: renewal ? `New WhatsApp code: ${renewal}` : 'WhatsApp code',
    code: code.value,
    lines: [number(result), validity(code), [`Enter it now: ${LINK_STEPS}.`]],
    links: run ? [run] : []
  }
}

/**
 * The message at the end: linked, not linked within `wait`, or the failure. None for a run that
 * was skipped, whose inputs were unusable, or that did not wait (its code message said it all).
 */
export function endMessage(result: RunResult, context: RunContext): ChatMessage | undefined {
  const { failure } = result
  const { run, restart } = links(context)
  if (result.skipped || failure?.kind === 'invalid-input') return undefined
  if (!failure) {
    if (!isOnline(result.sessionStatus)) return undefined
    return {
      title: 'WhatsApp number linked',
      lines: [
        number(result),
        [
          `Its session came online ${formatSeconds(Math.round((result.waitedMs ?? 0) / 1000) * 1000)} after the code was shown.`
        ]
      ],
      links: run ? [run] : []
    }
  }
  if (failure.kind === 'wait-timeout') {
    const last = failure.lastStatus
      ? words`its last status was ${data(failure.lastStatus)}`
      : words`no status could be read`
    return {
      title: 'WhatsApp number not linked',
      lines: [
        number(result),
        words`It was not linked within ${formatSeconds(failure.waitMs)}; ${last}. The code has run out: a new run gives a new code.`
      ],
      links: [...(restart ? [restart] : []), ...(run ? [run] : [])]
    }
  }
  const told = describeFailure(failure, result)
  return {
    title: `WhatsApp relink failed: ${told.title}`,
    lines: [number(result), words`error-code ${data(errorCode(failure))}`, told.message],
    links: run ? [run] : []
  }
}
