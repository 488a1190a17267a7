// @ts-check
/**
 * The stand-in's chat webhook, under /chat/ on the same server: it takes what the action posts
 * (any of the four forms) and keeps each message as the person reading the chat would read it, so that
 * `npm run local -- notify-webhook=...` prints them. /chat/refused answers 404 `no_service`, as
 * Slack does for a removed hook; /chat/silent never answers; any other /chat/ path accepts.
 */
import { fault } from './replies.js'

/**
 * @typedef {object} ChatPost
 * @property {string} path
 * @property {string} shown  the message as the chat would show it, in its own markup
 */

/** `06:03:53 UTC`, as the reader's own time reads on this machine. */
const utc = (/** @type {number} */ ms) => `${new Date(ms).toISOString().slice(11, 19)} UTC`

/**
 * The text as the person reads it: Slack's escapes undone, links as their titles with their
 * URLs, and the date tokens each chat replaces (Slack's, Discord's, Teams') as their UTC time.
 * @param {string} text
 * @returns {string}
 */
function asRead(text) {
  return text
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<t:(\d+):T>/g, (_, unix) => utc(Number(unix) * 1000))
    .replace(/<t:(\d+):R>/g, (_, unix) => `in ${Math.round(Number(unix) - Date.now() / 1000)} s`)
    .replace(/\{\{TIME\(([^)]*)\)\}\}/g, (_, iso) => utc(Date.parse(iso)))
    .replace(/<(https?:[^|>]*)\|([^>]*)>/g, '$2 ($1)')
    .replace(/\[([^\]]*)\]\(<([^>]*)>\)/g, '$1 ($2)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/**
 * A message as its chat would show it: the text of `{text}` or `{content}`, or a Teams card's
 * text runs, a line a block, and its buttons.
 * @param {string} body
 * @returns {string}
 */
function shownByChat(body) {
  /** @type {any} */
  let json
  try {
    json = JSON.parse(body)
  } catch {
    return `(not JSON) ${body.slice(0, 200)}`
  }
  if (typeof json?.text === 'string') return asRead(json.text)
  if (typeof json?.content === 'string') return asRead(json.content)
  const card = json?.attachments?.[0]?.content
  if (!card) return `(no message) ${body.slice(0, 200)}`
  const blocks = (card.body ?? []).map(
    (/** @type {any} */ block) =>
      (block.inlines ?? []).map((/** @type {any} */ run) => run.text ?? '').join('') ||
      (block.text ?? '')
  )
  const buttons = (card.actions ?? []).map(
    (/** @type {any} */ action) => `${action.title} (${action.url})`
  )
  return asRead([...blocks, buttons.join(' · ')].filter(Boolean).join('\n'))
}

/**
 * @param {string} path
 * @param {string} body
 * @param {import('node:http').ServerResponse} res
 * @param {ChatPost[]} posts
 */
export function handleChat(path, body, res, posts) {
  if (path === '/chat/silent') return fault('hang', res)
  if (path === '/chat/refused') {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    return void res.end('no_service')
  }
  posts.push({ path, shown: shownByChat(body) })
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('ok')
}
