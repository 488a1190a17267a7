/**
 * A chat message in each service's own form. The action's own words and links are written
 * plainly; every piece of data (from Wassenger or an input: an alias, a status, a message, a
 * masked phone, an ID, the code) goes only inside the form's literal: a code span in Slack,
 * Discord and Google Chat (and the Slack form other chats take), a `TextRun` in a Teams card,
 * which renders no Markdown. A character that could close or break out of a code span is
 * replaced, so no text from outside can become markup, a mention or a link, whatever it holds.
 */
import type { RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10'
import { cut, type Untrusted } from '../text/untrusted.js'
import type { Words } from '../text/words.js'

/** The forms a chat takes its messages in, each its service's own. */
export const CHAT_FORMATS = ['slack', 'discord', 'teams', 'google-chat'] as const
export type ChatFormat = (typeof CHAT_FORMATS)[number]

/** Where a message goes: the form it takes, and the service its host belongs to, if known. */
export interface ChatForm {
  readonly format: ChatFormat
  /** Slack's date tokens are shown only by Slack itself, not by the other hosts of its form. */
  readonly service?: ChatFormat
}

/** A link the action writes: its own title and its own URL. */
export interface ChatLink {
  readonly title: string
  readonly url: string
}

/** What the action tells the chat, as facts turned into words; each format renders it. */
export interface ChatMessage {
  /** The first line, which a phone's notification shows: the code and the number, for a code. */
  readonly headline: Words
  /** The code, shown alone in the chat's largest copyable form. */
  readonly code?: string
  /** How long the code is valid from now, and until when (ms since the epoch): in the reader's time. */
  readonly valid?: { readonly ms: number; readonly until: number }
  /** Sentences, the action's words with data set apart. */
  readonly lines: readonly Words[]
  readonly links: readonly ChatLink[]
}

/** Each service's documented limit on a message's text, with room to spare. */
const LIMITS: Readonly<Record<ChatFormat, number>> = {
  slack: 38_000,
  discord: 2_000,
  teams: 20_000,
  'google-chat': 30_000
}
/** The longest piece of data a message shows: enough to recognise, never enough to flood. */
const MAX_DATA = 200

/**
 * The JSON body to post for `message` in `form`. Each piece of data is first made one harmless
 * line by `shown` (untrusted.ts), secrets hidden, before any form wraps it.
 */
export function payloadOf(message: ChatMessage, form: ChatForm, shown: Untrusted): unknown {
  const harmless = (text: string): string => shown.line(text, MAX_DATA)
  const { format } = form
  if (format === 'teams') return teamsCard(message, harmless)
  const text = cut(markdownOf(message, form, harmless), LIMITS[format])
  if (format === 'discord') {
    const body: RESTPostAPIWebhookWithTokenJSONBody = {
      content: text,
      // No @everyone, @here, user or role mention can ping, whatever the text holds.
      allowed_mentions: { parse: [] }
    }
    return body
  }
  return { text }
}

const seconds = (ms: number): number => Math.round(ms / 1000)
const unix = (ms: number): number => Math.floor(ms / 1000)
/** `06:03:53 UTC`. */
const utcTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)} UTC`

/** Slack's mrkdwn, Discord's Markdown and Google Chat's formatting: code spans and links. */
function markdownOf(
  message: ChatMessage,
  { format, service }: ChatForm,
  harmless: (text: string) => string
): string {
  // Slack requires &, < and > escaped in any text; they also stop <!channel> and <url|text>.
  const own = (text: string): string =>
    format === 'slack'
      ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      : text
  const inside = (text: string): string => {
    // A backtick would close the span; Google Chat reads <users/all> and <url|text> anywhere.
    const kept = harmless(text).replace(/`/g, 'ˋ')
    return own(format === 'google-chat' ? kept.replace(/</g, '‹').replace(/>/g, '›') : kept)
  }
  const literal = (text: string): string => (text === '' ? '' : `\`${inside(text)}\``)
  const sentence = (words: Words): string =>
    words.map(piece => (typeof piece === 'string' ? own(piece) : literal(piece.data))).join('')
  const link = ({ title, url }: ChatLink): string =>
    format === 'discord' ? `[${title}](<${url}>)` : `<${url}|${title}>`
  // Until when, in the reader's own zone where the chat can show it: the action's own markup.
  const until = (ms: number): string =>
    format === 'discord'
      ? `<t:${unix(ms)}:T> (<t:${unix(ms)}:R>)`
      : service === 'slack'
        ? `<!date^${unix(ms)}^{time_secs}|${utcTime(ms)}>`
        : utcTime(ms)
  const code =
    message.code === undefined
      ? ''
      : format === 'slack'
        ? `\`\`\`${inside(message.code)}\`\`\``
        : format === 'discord'
          ? `# ${literal(message.code)}`
          : literal(message.code)
  return [
    sentence(message.headline),
    code,
    message.valid
      ? `Valid for ${seconds(message.valid.ms)} s, until ${until(message.valid.until)}.`
      : '',
    ...message.lines.map(sentence),
    message.links.map(link).join(' · ')
  ]
    .filter(line => line !== '')
    .join('\n')
}

/** An Adaptive Card in the `message` envelope that Teams' Workflows webhooks take. */
function teamsCard(message: ChatMessage, harmless: (text: string) => string): unknown {
  const run = (text: string, style: Record<string, string> = {}) => ({
    type: 'TextRun',
    text,
    ...style
  })
  const paragraph = (words: Words, style: Record<string, string> = {}) => ({
    type: 'RichTextBlock',
    inlines: words.map(piece =>
      typeof piece === 'string'
        ? run(piece, style)
        : run(harmless(piece.data), { ...style, fontType: 'Monospace' })
    )
  })
  const code = message.code && harmless(message.code)
  const body = [
    paragraph(message.headline, { weight: 'Bolder' }),
    ...(code
      ? [
          {
            type: 'RichTextBlock',
            inlines: [run(code, { fontType: 'Monospace', size: 'ExtraLarge', weight: 'Bolder' })]
          }
        ]
      : []),
    // Teams shows {{TIME()}} in the reader's zone, only in a TextBlock: the action's words alone.
    ...(message.valid
      ? [
          {
            type: 'TextBlock',
            text: `Valid for ${seconds(message.valid.ms)} s, until {{TIME(${new Date(message.valid.until).toISOString().slice(0, 19)}Z)}}.`,
            wrap: true
          }
        ]
      : []),
    ...message.lines.map(words => paragraph(words))
  ]
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    actions: message.links.map(({ title, url }) => ({ type: 'Action.OpenUrl', title, url }))
  }
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }
    ]
  }
}
