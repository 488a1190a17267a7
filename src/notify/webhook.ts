/**
 * Posting to the team's chat (`notify-webhook`): each message beside the run's work, never in
 * its way. A post has 10 s and one repeat; a chat that refuses or stays silent costs one warning,
 * never the code, the wait or the step's result.
 */
import { readingOf, retryAfterOf } from '../wassenger/client.js'
import type { HttpAttempt, Transport } from '../wassenger/http.js'
import { payloadOf, serviceOf, type ChatFormat, type ChatMessage } from './formats.js'

/** The chat a run posts to: its webhook URL (a secret) and the form it takes. */
export interface Webhook {
  readonly url: string
  readonly format: ChatFormat
}

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

export interface ChatDeps {
  readonly transport: Transport
  readonly sleep: (ms: number) => Promise<void>
  /** The runner's wall clock, for a Retry-After date without a Date header. */
  readonly wallNow: () => number
  readonly debug: (message: string) => void
  /** Text from outside as one harmless line of at most `max` characters (untrusted.ts `line`). */
  readonly clean: (text: string, max: number) => string
}

/** Each post's time, and the longest Retry-After a repeat waits for. */
const POST_TIMEOUT_MS = 10_000
/** The most of a refusal's answer the warning quotes. */
const SAID = 60

/**
 * The secrets a webhook URL holds, to be masked and hidden as the key is: the URL whole, and the
 * token where its service puts it (Slack: the last segment of `/services/...`; Discord: the last
 * of `/api/webhooks/<id>/<token>`; Teams: the `sig` query value; Google Chat: `key` and `token`;
 * any other host: its path and query together), each as given and percent-decoded.
 */
export function webhookSecrets(webhookUrl: string): string[] {
  const url = new URL(webhookUrl)
  const query = (name: string): string[] => url.searchParams.getAll(name)
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? ''
  const service = serviceOf(url)
  const tokens =
    service === 'slack' || service === 'discord'
      ? [last]
      : service === 'teams'
        ? query('sig')
        : service === 'google-chat'
          ? [...query('key'), ...query('token')]
          : [`${url.pathname}${url.search}`]
  const given = [webhookUrl, ...tokens].filter(Boolean)
  return [...new Set(given.flatMap(text => [text, decoded(text)]))]
}

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * How long to wait before the one repeat a post may have, or undefined for none: a 429 whose
 * Retry-After asks for at most 10 s (1 s when it says nothing), a 5xx, or a connection never made.
 */
function repeatAfter(attempt: HttpAttempt, wallNow: number): number | undefined {
  if (attempt.kind === 'failure') return attempt.written ? undefined : 1000
  const { status } = attempt
  if (status >= 500 && status < 600) return 1000
  if (status !== 429) return undefined
  if (attempt.headers['retry-after'] === undefined) return 1000
  const wait = retryAfterOf(attempt, wallNow)
  return wait !== undefined && wait <= POST_TIMEOUT_MS ? wait : undefined
}

export function openChat(webhook: Webhook, deps: ChatDeps): Chat {
  const url = new URL(webhook.url)
  const pending: Array<Promise<void>> = []
  let notified = 0
  let refused: ChatReport['refused']

  async function send(message: ChatMessage): Promise<void> {
    const body = JSON.stringify(payloadOf(message, webhook.format, deps.clean))
    const contentType =
      webhook.format === 'google-chat' ? 'application/json; charset=UTF-8' : 'application/json'
    for (let tries = 1; ; tries++) {
      const attempt = await deps.transport({
        method: 'POST',
        url,
        headers: { 'Content-Type': contentType },
        body,
        timeoutMs: POST_TIMEOUT_MS
      })
      const { status } = attempt
      // The chat's host only: its URL is a secret.
      deps.debug(
        `POST to the chat at ${url.host} -> ${status ?? attempt.kind} in ${attempt.durationMs} ms`
      )
      if (readingOf(attempt) === 'answered') {
        notified++
        return
      }
      const wait = tries === 1 ? repeatAfter(attempt, deps.wallNow()) : undefined
      if (wait === undefined) {
        const said = deps.clean(attempt.kind === 'response' ? attempt.body : attempt.detail, SAID)
        refused ??= { host: url.host, ...(status === undefined ? {} : { status }), said }
        return
      }
      await deps.sleep(wait)
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
            said: deps.clean(error instanceof Error ? error.message : String(error), SAID)
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
