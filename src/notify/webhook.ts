/**
 * Posting to the team's chat (`notify-webhook`): each message beside the run's work, never in
 * its way. A post has 10 s and one repeat; a chat that refuses or stays silent costs one warning,
 * never the code, the wait or the step's result.
 */
import type { Webhook } from '../inputs/webhook.js'
import { readingOf, row, withRetries, type RetryDeps, type RetryPolicy } from '../http/retries.js'
import type { Transport } from '../http/transport.js'
import type { Untrusted } from '../text/untrusted.js'
import { payloadOf, type ChatMessage } from './formats.js'

/** What the posts came to, for the `notified` output and the one warning. */
export interface ChatReport {
  /** Messages the chat accepted (a 2xx); one accepted on its repeat counts once. */
  readonly notified: number
  /** The first post the chat did not accept: its host, and what it answered, if anything. */
  readonly refused?: { readonly host: string; readonly status?: number; readonly said: string }
}

export interface Chat {
  /**
   * Posts the message `build` makes (none when it makes none) in the background: the caller goes
   * on at once, and a message that cannot be built is a debug line, never the run's failure.
   */
  post(build: () => ChatMessage | undefined): void
  /** Waits for every post (each bounded), then says what they came to. */
  settle(): Promise<ChatReport>
}

export interface ChatDeps extends Omit<RetryDeps, 'random' | 'log'> {
  readonly transport: Transport
  readonly debug: (message: string) => void
  /** How text from outside is made harmless (untrusted.ts). */
  readonly shown: Untrusted
}

/** Each post's time, and the longest Retry-After a repeat waits for. */
const POST_TIMEOUT_MS = 10_000
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
  const pending: Array<Promise<void>> = []
  let notified = 0
  let refused: ChatReport['refused']

  async function send(message: ChatMessage): Promise<void> {
    const body = JSON.stringify(payloadOf(message, webhook.format, deps.shown))
    const contentType =
      webhook.format === 'google-chat' ? 'application/json; charset=UTF-8' : 'application/json'
    const { last } = await withRetries(
      POST_POLICY,
      async () => {
        const attempt = await deps.transport({
          method: 'POST',
          url,
          headers: { 'Content-Type': contentType },
          body,
          timeoutMs: POST_TIMEOUT_MS
        })
        // The chat's host only: its URL is a secret.
        deps.debug(
          `POST to the chat at ${url.host} -> ${attempt.status ?? attempt.kind} in ${attempt.durationMs} ms`
        )
        return attempt
      },
      // No jitter: a repeat waits 1 s when the chat does not say how long.
      { ...deps, random: () => 0, log: deps.debug }
    )
    if (readingOf(last) === 'answered') {
      notified++
      return
    }
    const said = deps.shown.line(last.kind === 'response' ? last.body : last.detail, QUOTED_CHARS)
    refused ??= {
      host: url.host,
      ...(last.status === undefined ? {} : { status: last.status }),
      said
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
      // Never rejects: a post that breaks is a refusal, like one the chat answered.
      pending.push(
        send(message).catch((error: unknown) => {
          refused ??= {
            host: url.host,
            said: deps.shown.line(
              error instanceof Error ? error.message : String(error),
              QUOTED_CHARS
            )
          }
        })
      )
    },
    async settle() {
      await Promise.all(pending)
      return { notified, ...(refused ? { refused } : {}) }
    }
  }
}
