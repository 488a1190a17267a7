/**
 * What the team's chat is told, built from the run's facts: each code the moment it is shown,
 * and one message at the end. A run posts at most one message per code, plus one at its end;
 * nothing when `skip-if-online` skipped it or its inputs were unusable.
 */
import type { ChatLink, ChatMessage } from '../notify/formats.js'
import { errorCode, isOnline, latestCode, type RunResult } from '../run/result.js'
import { data, formatSeconds, words, type Words } from '../text/words.js'
import { consoleUrl, LINK_STEPS, renewalOf, USUAL_VALIDITY } from './code.js'
import { describeFailure } from './failures.js'
import type { RunContext } from './io.js'
import { knownAs, nameOf } from './number.js'

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

/**
 * Why the run asked: what the scheduled check found, who started the workflow, or the event.
 * The status, the person and the event are data.
 */
function why(result: RunResult, context: RunContext): Words {
  const { eventName, actor } = context
  if (eventName === 'schedule') {
    return result.checkedStatus
      ? words`Why: the scheduled check found the number's session ${data(result.checkedStatus)}.`
      : result.checkedStatus === ''
        ? ['Why: the scheduled check found no session for the number.']
        : ['Why: a scheduled run of the workflow.']
  }
  if (eventName === 'workflow_dispatch' && actor)
    return words`Why: ${data(actor)} started the workflow.`
  return eventName ? words`Why: the workflow ran on ${data(eventName)}.` : []
}

/** The message for the latest code announced, or for a success without one. */
export function codeMessage(result: RunResult, context: RunContext): ChatMessage {
  const { run } = links(context)
  const code = latestCode(result)
  const name = data(nameOf(result))
  if (!code) {
    return {
      headline: words`WhatsApp code requested for ${name}`,
      lines: [
        number(result),
        why(result, context),
        [
          `Wassenger's answer does not carry the code: read it in Wassenger's console (the link below), then ${LINK_STEPS}.`
        ]
      ],
      links: [
        {
          title: "Open the number in Wassenger's console",
          url: consoleUrl(result.device?.id ?? '')
        },
        ...(run ? [run] : [])
      ]
    }
  }
  const renewal = renewalOf(result)
  const { validMs, until } = code
  return {
    headline: words`WhatsApp code ${data(code.value)}${renewal ? ` (${renewal})` : ''} for ${name}`,
    code: code.value,
    ...(validMs !== undefined && until !== undefined ? { valid: { ms: validMs, until } } : {}),
    lines: [
      ...(validMs === undefined ? [[USUAL_VALIDITY]] : []),
      number(result),
      why(result, context),
      [`Enter it now: ${LINK_STEPS}.`]
    ],
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
  const name = data(nameOf(result))
  if (result.skipped || failure?.kind === 'invalid-input') return undefined
  if (!failure) {
    if (!isOnline(result.sessionStatus)) return undefined
    return {
      headline: words`WhatsApp number ${name} linked`,
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
      headline: words`WhatsApp number ${name} not linked`,
      lines: [
        number(result),
        words`It was not linked within ${formatSeconds(failure.waitMs)}; ${last}. The code has run out: a new run gives a new code.`
      ],
      links: [...(restart ? [restart] : []), ...(run ? [run] : [])]
    }
  }
  const told = describeFailure(failure, result)
  return {
    headline: words`WhatsApp relink failed for ${name}: ${told.title}`,
    lines: [number(result), words`error-code ${data(errorCode(failure))}`, told.message],
    links: run ? [run] : []
  }
}
