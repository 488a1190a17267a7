// @ts-check
/**
 * A stand-in for the Wassenger API on 127.0.0.1, for the tests and for `npm run local`.
 * It answers like the real API as far as ../shared/wassenger-api.md knows it: the documented
 * error bodies, a 409 unless forced, a 400 when a never-connected number has no phone, and
 * the faults a network can produce, chosen by device ID (see FAULTS) or scripted by a test.
 * Plain JavaScript on node: built-ins so that it runs on a fresh clone without a build.
 */
import { createServer } from 'node:http'

export const STAND_IN_KEY = 'stand-in-key'
/** A key that exists but has no API access (like a chat-agent key): 403. */
export const NO_PERMISSION_KEY = 'agent-key'

/**
 * @typedef {object} Device
 * @property {string} id
 * @property {string} phone
 * @property {string} alias
 * @property {string} sessionStatus
 * @property {boolean} connectedBefore  never-connected numbers need a phone
 * @property {'top' | 'data' | 'none'} codeShape  where the success body carries the code
 * @property {string[]} [afterCode]  session statuses the next polls see once a code was requested; the last stays
 * @property {number} [expiresIn]  seconds a code is valid (default 60): short ones let renewal tests run in seconds
 * @property {'new' | 'same' | '409' | '429'} [renewAnswer]  what a second request gets, while the first code is pending
 */

/**
 * @param {string} suffix
 * @param {string} phone
 * @param {string} alias
 * @param {string} sessionStatus
 * @param {Partial<Device>} [more]
 * @returns {Device}
 */
const fixture = (suffix, phone, alias, sessionStatus, more = {}) => ({
  id: `6123456789abcdef012345${suffix}`,
  phone,
  alias,
  sessionStatus,
  connectedBefore: true,
  codeShape: 'top',
  ...more
})

/** The account's numbers: two share the alias "Support" (in another case), three hold "Team". */
export const DEVICES = [
  fixture('01', '+12125550100', 'Support', 'online'),
  fixture('02', '+447700900123', 'Sales', 'new', { connectedBefore: false, codeShape: 'data' }),
  fixture('03', '+4915112345678', 'Billing', 'offline', { codeShape: 'none' }),
  fixture('04', '+12125550199', 'support', 'offline'),
  fixture('05', '+5511987654321', 'Linking', 'offline', {
    afterCode: ['authorize', 'authorizing', 'online']
  }),
  fixture('06', '+33612345678', 'Team Alpha', 'online'),
  fixture('07', '+33612345679', 'Team Beta', 'online'),
  fixture('08', '+33612345670', 'Team', 'offline', { codeShape: 'data' }),
  // Wassenger does not publish its answer to a second request while a code is pending: one each.
  fixture('09', '+61412345678', 'Renew', 'offline', { expiresIn: 2, renewAnswer: 'new' }),
  fixture('0a', '+61412345679', 'Renew same', 'offline', { expiresIn: 2, renewAnswer: 'same' }),
  fixture('0b', '+61412345670', 'Renew 409', 'offline', { expiresIn: 2, renewAnswer: '409' }),
  fixture('0c', '+61412345671', 'Renew 429', 'offline', { expiresIn: 2, renewAnswer: '429' }),
  fixture('0d', '+61412345672', 'Renew linking', 'offline', {
    expiresIn: 2,
    renewAnswer: 'new',
    afterCode: ['offline', 'authorizing']
  })
]

/** How long the stand-in holds a pending code after a request, for its answer to a second one. */
const PAIRING_MS = 60_000

/** At most this many numbers a page, whatever `size` asks: small, so that lookups must follow pages. */
export const MAX_PAGE_SIZE = 2

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

/** Searches (`device: <alias>`) whose answer is hostile: an ID that is not 24 hex. */
export const HOSTILE_LOOKUPS = {
  'hostile-id': [{ id: '..', alias: 'hostile-id', phone: '+12125550111' }],
  'hostile-lines': [
    { id: '6123456789abcdef01234509\n::error::injected', alias: 'hostile-lines', phone: '' }
  ]
}

/** Workflow commands, each on a line of its own (one ends at a lone \r, as the runner reads it). */
export const INJECTION =
  'offline\n::add-mask::x\r::set-output name=success::true\n::error::fake\n##[warning]legacy\n::stop-commands::abc'

/**
 * @typedef {object} Recorded
 * @property {string} method
 * @property {string} url
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {string} body
 */

/**
 * A scripted answer a test queues: a status with a body and headers, or a fault. Each request
 * takes the first queued answer whose `when` ("GET /v1/devices/...", a prefix of the method and
 * URL) fits it, or that has no `when`; with none, the stand-in behaves as usual.
 * @typedef {({ status: number, body?: string, headers?: Record<string, string> } | { fault: 'hang' | 'reset' | 'half-body' }) & { when?: string }} Scripted
 */

/**
 * @typedef {object} StandIn
 * @property {string} url  base URL, like https://api.wassenger.com/v1
 * @property {Recorded[]} requests  every request received, in order
 * @property {(...answers: Scripted[]) => void} script
 * @property {() => void} reset  forgets requests, scripted answers, sessions moved and codes pending
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ port?: number, apiKey?: string }} [options]
 * @returns {Promise<StandIn>}
 */
export async function startStandIn(options = {}) {
  const apiKey = options.apiKey ?? STAND_IN_KEY
  /** @type {Recorded[]} */
  const requests = []
  /** @type {Scripted[]} */
  const scripted = []
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  /** Session statuses still to come, per device, after a code was requested. */
  /** @type {Map<string, string[]>} */
  const sessions = new Map()
  /** The code each device has pending, once one was requested (Wassenger's pairing lasts a while). */
  /** @type {Map<string, { code: string, until: number }>} */
  const pending = new Map()

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body
      })
      const request = `${req.method} ${req.url}`
      const at = scripted.findIndex(answer => !answer.when || request.startsWith(answer.when))
      const [next] = at < 0 ? [] : scripted.splice(at, 1)
      if (next) return serveScripted(next, res)
      handle(req, body, res, apiKey, { sessions, pending })
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve =>
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined))
  )
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => void scripted.push(...answers),
    reset: () => {
      for (const list of [requests, scripted]) list.splice(0)
      sessions.clear()
      pending.clear()
    },
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve(undefined))
      })
  }
}

/**
 * @param {Scripted} answer
 * @param {import('node:http').ServerResponse} res
 */
function serveScripted(answer, res) {
  if ('fault' in answer) return fault(answer.fault, res)
  res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
  res.end(answer.body ?? '')
}

/**
 * @param {'hang' | 'reset' | 'half-body'} kind
 * @param {import('node:http').ServerResponse} res
 */
function fault(kind, res) {
  if (kind === 'hang') return
  if (kind === 'reset') return void res.socket?.destroy()
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' })
  res.write('{"code": "ABCD-')
  setTimeout(() => res.socket?.destroy(), 20)
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function json(res, status, body, headers = {}) {
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
function error(res, status, message = REASONS[status] ?? 'Error', errorCode, headers) {
  json(
    res,
    status,
    { status, message, ...(errorCode ? { errorCode } : {}), errors: [], meta: {} },
    headers
  )
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string} body
 * @param {import('node:http').ServerResponse} res
 * @param {string} apiKey
 * @param {{ sessions: Map<string, string[]>, pending: Map<string, { code: string, until: number }> }} state
 */
function handle(req, body, res, apiKey, { sessions, pending }) {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const token = req.headers.token
  if (token === NO_PERMISSION_KEY)
    return error(res, 403, 'Missing required permissions: this API key has no API access')
  if (token !== apiKey) return error(res, 401)

  if (url.pathname === '/v1/devices' && req.method === 'GET') return listDevices(url, res)
  const one = url.pathname.match(/^\/v1\/devices\/([^/]+)$/)
  if (one && req.method === 'GET') return getDevice(one[1] ?? '', res, sessions)

  const authcode = url.pathname.match(/^\/v1\/devices\/([^/]+)\/authcode$/)
  if (!authcode) return error(res, 404, `No route for ${req.method} ${url.pathname}`)
  if (req.method !== 'POST') return error(res, 405, 'Method not allowed')
  const id = authcode[1] ?? ''
  if (!/^[0-9a-f]{24}$/i.test(id))
    return error(res, 400, 'Invalid device ID: must be 24 hexadecimal characters')
  if (id in FAULTS) return faultDevice(id, res, String(token), body)

  const device = DEVICES.find(candidate => candidate.id === id.toLowerCase())
  if (!device) return error(res, 404, 'Device not found', 'device:not_found')

  /** @type {unknown} */
  let payload = {}
  if (body !== '') {
    try {
      payload = JSON.parse(body)
    } catch {
      return error(res, 400, 'Invalid JSON body')
    }
  }
  const phone =
    typeof payload === 'object' && payload && 'phone' in payload ? payload.phone : undefined
  if (phone !== undefined && (typeof phone !== 'string' || !/^\+[1-9]\d{6,14}$/.test(phone))) {
    return error(
      res,
      400,
      'Invalid phone number: must be in E.164 format, e.g. +12345678900',
      'validation:phone'
    )
  }
  if (!device.connectedBefore && phone === undefined) {
    return error(
      res,
      400,
      'The phone number is required for a number that was never connected before',
      'validation:phone'
    )
  }
  const force = url.searchParams.get('force') === 'true'
  if (device.sessionStatus === 'online' && !force) {
    return error(
      res,
      409,
      'Session already active: use force=true to destroy it and request a new code',
      'session:conflict'
    )
  }

  // A second request within a minute of the first plays the device's renewAnswer.
  const held = pending.get(device.id)
  const earlier = held && held.until > Date.now() ? held.code : undefined
  if (earlier && device.renewAnswer === '409') {
    return error(res, 409, 'An authentication code is already pending', 'session:pending')
  }
  if (earlier && device.renewAnswer === '429') {
    return error(res, 429, undefined, 'rate-overlimit', { 'Retry-After': '1' })
  }
  const code = earlier && device.renewAnswer === 'same' ? earlier : newCode()
  pending.set(device.id, { code, until: Date.now() + PAIRING_MS })
  if (device.afterCode && !earlier) sessions.set(device.id, [...device.afterCode])
  const answer = {
    top: {
      status: 'pending',
      message: 'Authentication code generated',
      code,
      expiresIn: device.expiresIn ?? 60,
      device: device.id
    },
    data: {
      status: 'pending',
      data: { code, expiresAt: new Date(Date.now() + 120_000).toISOString(), device: device.id }
    },
    none: {
      status: 'pending',
      message: 'Authentication code requested: enter it on the phone',
      device: device.id
    }
  }[device.codeShape]
  json(res, 200, answer)
}

/**
 * GET /devices?search=&page=&size=: substring search over ID, alias (any case) and phone digits.
 * @param {URL} url
 * @param {import('node:http').ServerResponse} res
 */
function listDevices(url, res) {
  const search = (url.searchParams.get('search') ?? '').trim().toLowerCase()
  if (search in HOSTILE_LOOKUPS) {
    const page = url.searchParams.get('page') === '0'
    return json(
      res,
      200,
      page ? HOSTILE_LOOKUPS[/** @type {keyof typeof HOSTILE_LOOKUPS} */ (search)] : []
    )
  }
  const digits = search.replace(/\D/g, '')
  const page = Number(url.searchParams.get('page') ?? '0')
  const size = Math.min(
    Number(url.searchParams.get('size') ?? String(MAX_PAGE_SIZE)),
    MAX_PAGE_SIZE
  )
  if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1) {
    return error(res, 400, 'Invalid query: page and size must be whole numbers')
  }
  const hits = DEVICES.filter(
    device =>
      search === '' ||
      device.id.includes(search) ||
      device.alias.toLowerCase().includes(search) ||
      (digits.length > 0 && device.phone.replace(/\D/g, '').includes(digits))
  )
  json(
    res,
    200,
    hits
      .slice(page * size, (page + 1) * size)
      .map(device => deviceJson(device, device.sessionStatus))
  )
}

/**
 * GET /devices/{id}: after a code was requested, a number with `afterCode` moves one status a poll.
 * @param {string} id
 * @param {import('node:http').ServerResponse} res
 * @param {Map<string, string[]>} sessions
 */
function getDevice(id, res, sessions) {
  if (id === 'fa170000000000000000ca11') {
    return json(res, 200, { id, status: 'operative', session: { status: INJECTION } })
  }
  const device = DEVICES.find(candidate => candidate.id === id.toLowerCase())
  if (!device) return error(res, 404, 'Device not found', 'device:not_found')
  const upcoming = sessions.get(device.id)
  const status =
    upcoming && upcoming.length > 1
      ? (upcoming.shift() ?? device.sessionStatus)
      : (upcoming?.[0] ?? device.sessionStatus)
  json(res, 200, deviceJson(device, status))
}

/**
 * @param {Device} device
 * @param {string} sessionStatus
 */
function deviceJson(device, sessionStatus) {
  return {
    id: device.id,
    phone: device.phone,
    alias: device.alias,
    status: 'operative',
    connector: 'web',
    session: { status: sessionStatus, error: false, lastSyncAt: '2026-11-01T00:00:00Z' }
  }
}

/**
 * @param {string} id
 * @param {import('node:http').ServerResponse} res
 * @param {string} token  the key it was sent, for the answers that echo it
 * @param {string} body
 */
function faultDevice(id, res, token, body) {
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

/** An 8-character code like WhatsApp's, shown as XXXX-XXXX. */
function newCode() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTVWXYZ23456789'
  const chars = Array.from(
    { length: 8 },
    () => alphabet[Math.floor(Math.random() * alphabet.length)]
  )
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}
