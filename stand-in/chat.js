// @ts-check
/**
 * The stand-in's chat webhook, under /chat/ on the same server: it takes what the action posts
 * (any of the four forms) and keeps each message as the chat would show it, so that
 * `npm run local -- notify-webhook=...` prints them. /chat/refused answers 404 `no_service`, as
 * Slack does for a removed hook; /chat/silent never answers; any other /chat/ path accepts.
 */
import { fault } from './replies.js'

/**
 * @typedef {object} ChatPost
 * @property {string} path
 * @property {string} shown  the message as the chat would show it, in its own markup
 */

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
  if (typeof json?.text === 'string') return json.text
  if (typeof json?.content === 'string') return json.content
  const card = json?.attachments?.[0]?.content
  if (!card) return `(no message) ${body.slice(0, 200)}`
  const blocks = (card.body ?? []).map(
    (/** @type {any} */ block) =>
      (block.inlines ?? []).map((/** @type {any} */ run) => run.text ?? '').join('') ||
      (block.text ?? '')
  )
  const buttons = (card.actions ?? []).map(
    (/** @type {any} */ action) => `[${action.title}](${action.url})`
  )
  return [...blocks, buttons.join(' ')].filter(Boolean).join('\n')
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
