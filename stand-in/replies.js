// @ts-check
/** How the stand-in writes an answer: JSON, Wassenger's error body, a broken connection. */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

/** Wassenger's documented error body. */
const REASONS = /** @type {Record<number, string>} */ ({
  400: 'Invalid request',
  401: 'Invalid or missing API token',
  403: 'Missing required permissions',
  404: 'Resource not found',
  409: 'Conflict',
  429: 'Too many requests, try again later',
  500: 'Unexpected error',
  503: 'Service temporarily unavailable, try again later'
})

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} [message]
 * @param {string} [errorCode]
 * @param {Record<string, string>} [headers]
 */
export function error(res, status, message = REASONS[status] ?? 'Error', errorCode, headers) {
  json(
    res,
    status,
    { status, message, ...(errorCode ? { errorCode } : {}), errors: [], meta: {} },
    headers
  )
}

/**
 * @param {'hang' | 'reset' | 'half-body'} kind
 * @param {import('node:http').ServerResponse} res
 */
export function fault(kind, res) {
  if (kind === 'hang') return
  if (kind === 'reset') return void res.socket?.destroy()
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' })
  res.write('{"code": "ABCD-')
  setTimeout(() => res.socket?.destroy(), 20)
}

/** An 8-character code like WhatsApp's, shown as XXXX-XXXX. */
export function newCode() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTVWXYZ23456789'
  const chars = Array.from(
    { length: 8 },
    () => alphabet[Math.floor(Math.random() * alphabet.length)]
  )
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}
