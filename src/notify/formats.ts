/**
 * A chat message in each service's own form. The action's own words and links are written
 * plainly; every piece of data (from Wassenger or an input: an alias, a status, a message, a
 * masked phone, an ID) goes only inside the form's literal: a code span in Slack, Discord and
 * Google Chat (and the Slack form other chats take), a `TextRun` in a Teams card, which renders
 * no Markdown. A character that could close or break out of a code span is replaced, so no
 * text from outside can become markup, a mention or a link, whatever it holds.
 */
import type { RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10'
import { cut, type Untrusted } from '../text/untrusted.js'
import type { Words } from '../text/words.js'

/** The forms a chat takes its messages in, each its service's own. */
export const CHAT_FORMATS = ['slack', 'discord', 'teams', 'google-chat'] as const
export type ChatFormat = (typeof CHAT_FORMATS)[number]

/** A link the action writes: its own title and its own URL. */
export interface ChatLink {
  readonly title: string
  readonly url: string
}

/** What the action tells the chat, as facts turned into words; each format renders it. */
export interface ChatMessage {
  /** The headline, the action's own words. */
  readonly title: string
  /** The code, shown alone in the chat's copyable form. */
  readonly code?: string
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
 * The JSON body to post for `message` in `format`. Each piece of data is first made one harmless
 * line by `shown` (untrusted.ts), secrets hidden, before any form wraps it.
 */
export function payloadOf(message: ChatMessage, format: ChatFormat, shown: Untrusted): unknown {
  const harmless = (text: string): string => shown.line(text, MAX_DATA)
  if (format === 'teams') return teamsCard(message, harmless)
  const text = cut(markdownOf(message, format, harmless), LIMITS[format])
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

/** Slack's mrkdwn, Discord's Markdown and Google Chat's formatting: code spans and links. */
function markdownOf(
  message: ChatMessage,
  format: Exclude<ChatFormat, 'teams'>,
  harmless: (text: string) => string
): string {
  // Slack requires &, < and > escaped in any text; they also stop <!channel> and <url|text>.
  const own = (text: string): string =>
    format === 'slack'
      ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      : text
  const literal = (text: string): string => {
    // A backtick would close the span; Google Chat reads <users/all> and <url|text> anywhere.
    const inside = text.replace(/`/g, 'ˋ')
    const safe = format === 'google-chat' ? inside.replace(/</g, '‹').replace(/>/g, '›') : inside
    return safe === '' ? '' : `\`${own(safe)}\``
  }
  const sentence = (words: Words): string =>
    words
      .map(piece => (typeof piece === 'string' ? own(piece) : literal(harmless(piece.data))))
      .join('')
  const bold = format === 'discord' ? '**' : '*'
  const link = ({ title, url }: ChatLink): string =>
    format === 'discord' ? `[${title}](<${url}>)` : `<${url}|${title}>`
  return [
    `${bold}${own(message.title)}${bold}`,
    ...(message.code === undefined ? [] : [literal(harmless(message.code))]),
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
  const paragraph = (inlines: unknown[]) => ({ type: 'RichTextBlock', inlines })
  const body = [
    paragraph([run(message.title, { weight: 'Bolder', size: 'Medium' })]),
    ...(message.code === undefined
      ? []
      : [
          paragraph([
            run(harmless(message.code), {
              fontType: 'Monospace',
              size: 'ExtraLarge',
              weight: 'Bolder'
            })
          ])
        ]),
    ...message.lines.map(words =>
      paragraph(
        words.map(piece =>
          typeof piece === 'string'
            ? run(piece)
            : run(harmless(piece.data), { fontType: 'Monospace' })
        )
      )
    )
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
