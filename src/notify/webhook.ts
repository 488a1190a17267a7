/**
 * Posting to the team's chat (`notify-webhook`): each message beside the run's work, never in
 * its way, in the order of the run's events. A post has 10 s and one repeat; a chat that refuses
 * or stays silent costs one warning, never the code, the wait or the step's result.
 */
import type { Webhook } from '../inputs/webhook.js'
import { readingOf, row, withRetries, type RetryDeps, type RetryPolicy } from '../http/retries.js'
import type { Transport } from '../http/transport.js'
import type { Untrusted } from '../text/untrusted.js'
import { payloadOf, type ChatFormat, type ChatMessage } from './formats.js'

/** What the posts came to, for the `notified` output and the one warning. */
export interface ChatReport {
  /** Messages the chat accepted (a 2xx); one accepted on its repeat counts once. */
  readonly notified: number
  /** The first post the chat did not accept, or the posts it did not answer in time. */
  readonly refused?: Refusal
}

/** Why a message did not reach the chat at `host`: what it answered, or that it did not in time. */
export type Refusal = { readonly host: string } & (
  | {
      readonly status?: number
      readonly said: string
      /** The form the host takes, when the chat answered 400 to a message in another. */
      readonly takes?: ChatFormat
    }
  | { readonly lateMs: number }
)

export interface Chat {
  /**
   * Posts the message `build` makes (none when it makes none) once the messages before it were
   * accepted or given up; the caller goes on at once. A message not yet accepted is replaced by
   * this one: it is not posted late. A message that cannot be built is a debug line.
   */
  post(build: () => ChatMessage | undefined): void
  /** Waits for the posts, at most `limitMs`, then says what they came to. */
  settle(limitMs?: number): Promise<ChatReport>
}

export interface ChatDeps extends Omit<RetryDeps, 'random' | 'log'> {
  readonly transport: Transport
  readonly debug: (message: string) => void
  /** How text from outside is made harmless (untrusted.ts). */
  readonly shown: Untrusted
}

/** Each post's time, and the longest Retry-After a repeat waits for. */
const POST_TIMEOUT_MS = 10_000
/** How long the run waits for its posts once its own work is done. */
const SETTLE_MS = 30_000
/** The most of a refusal's answer the warning quotes. */
const QUOTED_CHARS = 60

/**
 * The chat's row of the attempt table: one repeat, after a 429 whose Retry-After asks for at most
 * 10 s (1 s when it says nothing), a 5xx, or a connection never made.
 */
const POST_POLICY: RetryPolicy = {
  row: row('fail', { busy: 'retry', failing: 'retry', 'not-connected': 'retry' }),
  retries: 1,
  longestWaitMs: POST_TIMEOUT_MS
}

export function openChat(webhook: Webhook, deps: ChatDeps): Chat {
  const url = new URL(webhook.url)
  const contentType =
    webhook.format === 'google-chat' ? 'application/json; charset=UTF-8' : 'application/json'
  let notified = 0
  let refused: Refusal | undefined
  /** The posts in order: each starts once the one before it has ended. */
  let queue = Promise.resolve()
  /** The newest message's: aborted when a newer one, or the end, replaces it. */
  let replaced = new AbortController()

  const attempt = async (body: string) => {
    const sent = await deps.transport({
      method: 'POST',
      url,
      headers: { 'Content-Type': contentType },
      body,
      timeoutMs: POST_TIMEOUT_MS
    })
    // The chat's host only: its URL is a secret.
    deps.debug(
      `POST to the chat at ${url.host} -> ${sent.status ?? sent.kind} in ${sent.durationMs} ms`
    )
    return sent
  }

  async function send(message: ChatMessage, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return
    const body = JSON.stringify(payloadOf(message, webhook, deps.shown))
    // No jitter: a repeat waits 1 s when the chat does not say how long.
    const retryDeps = { ...deps, random: () => 0, log: deps.debug }
    const { last } = await withRetries(POST_POLICY, () => attempt(body), retryDeps, signal)
    if (readingOf(last) === 'answered') {
      notified++
      return
    }
    const said = deps.shown.line(last.kind === 'response' ? last.body : last.detail, QUOTED_CHARS)
    const takes =
      last.status === 400 && webhook.service !== undefined && webhook.service !== webhook.format
        ? { takes: webhook.service }
        : {}
    refused ??= {
      host: url.host,
      ...(last.status === undefined ? {} : { status: last.status }),
      said,
      ...takes
    }
  }

  return {
    post(build) {
      let message: ChatMessage | undefined
      try {
        message = build()
      } catch (error) {
        deps.debug(`No chat message: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (!message) return
      replaced.abort()
      replaced = new AbortController()
      const { signal } = replaced
      const next = message
      // Never rejects: a post that breaks is a refusal, like one the chat answered.
      queue = queue.then(() =>
        send(next, signal).catch((error: unknown) => {
          const said = deps.shown.line(
            error instanceof Error ? error.message : String(error),
            QUOTED_CHARS
          )
          refused ??= { host: url.host, said }
        })
      )
    },
    async settle(limitMs = SETTLE_MS) {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>(resolve => (timer = setTimeout(resolve, limitMs, 'late')))
      const ended = await Promise.race([queue, late])
      clearTimeout(timer)
      if (ended === 'late') {
        // What is still pending is given up: its repeat, and any message after it.
        replaced.abort()
        refused ??= { host: url.host, lateMs: limitMs }
      }
      return { notified, ...(refused ? { refused } : {}) }
    }
  }
}
