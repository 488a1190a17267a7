/**
 * The team's chat as the inputs name it (`notify-webhook`, `notify-format`): the webhook read and
 * checked, the service its host belongs to, the form it takes, and the secrets it holds.
 */
import { CHAT_FORMATS, type ChatForm, type ChatFormat } from '../notify/formats.js'
import { MIN_KEY_LENGTH } from '../text/redactor.js'
import { quoted, words } from '../text/words.js'
import { bad, ok, readServiceUrl, type Checked } from './checks.js'

/** How the chat wants its messages; `auto` picks by the webhook's host. */
export type NotifyFormat = 'auto' | ChatFormat
const NOTIFY_FORMATS: readonly NotifyFormat[] = ['auto', ...CHAT_FORMATS]

/** The chat a run posts to: its webhook URL (a secret), the form it takes, its host's service. */
export interface Webhook extends ChatForm {
  readonly url: string
}

/**
 * The chat's incoming-webhook URL, or undefined when not given. It is a secret (whoever holds it
 * can post), so no message quotes it. Its query is kept as given: Teams and Google Chat carry
 * their token there.
 */
export function parseWebhook(value: string): Checked<string | undefined> {
  if (value === '') return ok(undefined)
  if (value.includes('#')) return bad('must not hold a # fragment: copy the webhook URL again')
  const read = readServiceUrl(value)
  if (read.ok) return ok(value)
  switch (read.problem) {
    case 'not-a-url':
      return bad(
        "is not a URL: pass the chat's incoming-webhook URL from a secret, e.g. notify-webhook: ${{ secrets.CHAT_WEBHOOK_URL }}"
      )
    case 'user-info':
      return bad('must not hold a user name or password: copy the webhook URL again')
    case 'clear-text':
      return bad(
        'must start with https:// so the messages and the URL never travel in clear text (http:// is allowed only for localhost, 127.x.x.x and [::1])'
      )
  }
}

export function parseNotifyFormat(value: string): Checked<NotifyFormat> {
  const format = NOTIFY_FORMATS.find(each => each === value)
  return format
    ? ok(format)
    : bad(words`must be one of ${NOTIFY_FORMATS.join(', ')} (got ${quoted(value)})`)
}

/** Hosts that pick a format for `auto`, by whole labels (a host is, or ends in `.` and, one). */
const HOSTS: ReadonlyArray<readonly [ChatFormat, readonly string[], 'exact' | 'domain']> = [
  ['slack', ['hooks.slack.com'], 'exact'],
  ['discord', ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'], 'exact'],
  ['google-chat', ['chat.googleapis.com'], 'exact'],
  [
    'teams',
    ['webhook.office.com', 'logic.azure.com', 'powerplatform.com', 'powerautomate.com'],
    'domain'
  ]
]

/** The service a webhook's host belongs to (letter case, a trailing dot and the port aside). */
function serviceOf(url: URL): ChatFormat | undefined {
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  return HOSTS.find(([, names, match]) =>
    names.some(name => host === name || (match === 'domain' && host.endsWith(`.${name}`)))
  )?.[0]
}

/**
 * The chat a checked webhook URL names, in the form asked for; for `auto`, its host's service's,
 * else the Slack form, which Mattermost, Rocket.Chat and most others take.
 */
export function webhookOf(url: string, format: NotifyFormat): Webhook {
  const service = serviceOf(new URL(url))
  return {
    url,
    format: format === 'auto' ? (service ?? 'slack') : format,
    ...(service ? { service } : {})
  }
}

/**
 * The secrets in a webhook URL besides the URL whole: the token where its service puts it (Slack:
 * the last segment of `/services/...`; Discord: the segment after the ID in
 * `/api/webhooks/<id>/<token>`, whatever follows; Teams: the `sig` query value; Google Chat: `key`
 * and `token`; any other host: its path and query together, when there is more than `/`), each as
 * given and decoded. Never a value too short to be a secret, nor a word of the URL's own form.
 */
export function webhookSecrets(webhookUrl: string): string[] {
  const url = new URL(webhookUrl)
  const segments = url.pathname.split('/')
  // Each value as given: URLSearchParams would decode it, and a token must be hidden in both forms.
  const query = (...names: string[]): string[] =>
    url.search
      .slice(1)
      .split('&')
      .filter(pair => names.includes(decoded(pair.split('=')[0] ?? '')))
      .map(pair => pair.slice(pair.indexOf('=') + 1))
  const tokens: Record<ChatFormat | 'other', () => Array<string | undefined>> = {
    slack: () => (segments[1] === 'services' ? [segments.at(-1)] : []),
    discord: () => {
      const at = segments.indexOf('webhooks')
      return at < 0 ? [] : [segments[at + 2]]
    },
    teams: () => query('sig'),
    'google-chat': () => query('key', 'token'),
    other: () => (url.pathname === '/' && url.search === '' ? [] : [`${url.pathname}${url.search}`])
  }
  const given = tokens[serviceOf(url) ?? 'other']().filter(token => token !== undefined)
  const forms = given.flatMap(token => [token, decoded(token), decoded(token.replace(/\+/g, ' '))])
  return [...new Set(forms)].filter(form => form.length >= MIN_KEY_LENGTH && form !== webhookUrl)
}

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
