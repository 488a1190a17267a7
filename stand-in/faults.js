// @ts-check
/**
 * Faults and hostile answers, chosen by device ID: what a network or a server in Wassenger's
 * place can do, for trying each by hand (`npm run local -- device=fa17…`) and in the tests.
 */
import { error, fault, json, newCode } from './replies.js'

/**
 * Device IDs that produce a fault instead of an answer, for trying each by hand:
 * `fa17` then zeros then the fault, e.g. fa1700000000000000000429.
 * @type {Record<string, string>}
 */
export const FAULTS = {
  fa1700000000000000000400: 'HTTP 400 with a Wassenger error body',
  fa1700000000000000000429: 'HTTP 429 with Retry-After: 1, every time',
  fa1700000000000000000500: 'HTTP 500 with a Wassenger error body',
  fa1700000000000000000502: 'HTTP 502 with an HTML page, as a proxy sends',
  fa1700000000000000000503: 'HTTP 503 with Retry-After: 1, every time',
  fa170000000000000000dead: 'accepts the request and never answers',
  fa170000000000000000c105: 'closes the connection before answering',
  fa170000000000000000b0d1: 'sends HTTP 200 and half a body, then closes the connection',
  fa170000000000000000e000: 'HTTP 200 with an empty body',
  fa170000000000000000b16b: 'HTTP 200 with a 2 MiB JSON body',
  fa170000000000000000bad8: 'HTTP 200 with a body that is not valid UTF-8',
  // Hostile answers: what Wassenger (or something in its place) might send to steer or leak.
  fa170000000000000000ec40:
    'hostile: HTTP 400 whose message echoes the key, plain, JSON- and HTML-escaped',
  fa170000000000000000e164: 'hostile: HTTP 400 whose message echoes the phone, E.164 and national',
  fa170000000000000000bd00:
    'hostile: HTTP 409 whose message holds markdown, HTML and workflow commands',
  fa170000000000000000c0de: 'hostile: HTTP 200 whose code is a workflow command',
  fa170000000000000000ca11: 'hostile: HTTP 200, then a session status holding workflow commands'
}

/** Workflow commands, each on a line of its own (one ends at a lone \r, as the runner reads it). */
export const INJECTION =
  'offline\n::add-mask::x\r::set-output name=success::true\n::error::fake\n##[warning]legacy\n::stop-commands::abc'

/**
 * @param {string} id
 * @param {import('node:http').ServerResponse} res
 * @param {string} token  the key it was sent, for the answers that echo it
 * @param {string} body
 */
export function faultDevice(id, res, token, body) {
  const kind = id.slice(-4)
  switch (kind) {
    case 'ec40': {
      // Far enough in that a message cut at 300 characters would keep the key's first part.
      const html = token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
      const message = `${'Token check failed. '.repeat(14)}Token ${token} / ${JSON.stringify(token).slice(1, -1)} / ${html}`
      res.writeHead(400, { 'Content-Type': 'application/json' })
      // By hand, so that the JSON-escaped form stays escaped once more in the raw body.
      return void res.end(
        `{"status":400,"message":${JSON.stringify(message)},"errorCode":"auth:token"}`
      )
    }
    case 'e164': {
      const phone = String(JSON.parse(body || '{}').phone ?? '+442079460018')
      const national = `0${phone.slice(3, 5)} ${phone.slice(5, 9)} ${phone.slice(9)}`
      return error(
        res,
        400,
        `Invalid phone number ${phone} (${national}): not a WhatsApp number`,
        'validation:phone'
      )
    }
    case 'bd00':
      return error(
        res,
        409,
        '## Session taken\n[click here](https://evil.example/steal) | a | b |\n<img src=x onerror=alert(1)>\n::error::fake\r::add-mask::x',
        'session:conflict'
      )
    case 'c0de':
      return json(res, 200, { code: '::stop-commands::abc', expiresIn: 60 })
    case 'ca11':
      return json(res, 200, { code: 'CA11-CODE', expiresIn: 60 })
    case '0400':
    case '0500':
      return error(res, Number(kind))
    case '0429':
    case '0503':
      return error(res, Number(kind), undefined, undefined, { 'Retry-After': '1' })
    case '0502':
      res.writeHead(502, { 'Content-Type': 'text/html' })
      return void res.end(
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'
      )
    case 'dead':
      return fault('hang', res)
    case 'c105':
      return fault('reset', res)
    case 'b0d1':
      return fault('half-body', res)
    case 'e000':
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end()
    case 'b16b':
      return json(res, 200, { code: newCode(), padding: 'x'.repeat(2 * 1024 * 1024) })
    case 'bad8':
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end(
        Buffer.concat([
          Buffer.from('{"code": "AB'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('CD-1234"}')
        ])
      )
  }
}

/**
 * The faults and hostile answers, one line each, for the help texts.
 * @returns {string[]}
 */
export function faultLines() {
  return Object.entries(FAULTS).map(([id, fault]) => `  ${id}  ${fault}`)
}
