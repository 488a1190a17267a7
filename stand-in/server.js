// @ts-check
/**
 * A stand-in for the Wassenger API on 127.0.0.1, for the tests and for `npm run local`.
 * It answers like the real API as far as docs/wassenger-api.md knows it: the documented
 * error bodies, a 409 unless forced, a 400 when a never-connected number has no phone, a second
 * request while a code is pending as each renewal number plays it, and the faults a network can
 * produce, chosen by device ID (faults.js) or scripted by a test. The numbers are in numbers.js.
 * Plain JavaScript on node: built-ins so that it runs on a fresh clone without a build.
 */
import { createServer } from 'node:http'
import { handleChat } from './chat.js'
import { FAULTS, faultDevice } from './faults.js'
import { getDevice, listDevices } from './lookups.js'
import {
  AGENCY_DEVICES,
  AGENCY_KEY,
  AGENCY_PAGE_SIZE,
  DEVICES,
  MAX_PAGE_SIZE,
  NO_PERMISSION_KEY,
  STAND_IN_KEY
} from './numbers.js'
import { error, fault, json, newCode } from './replies.js'

/** How long the stand-in holds a pending code after a request, for its answer to a second one. */
const PAIRING_MS = 60_000

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
 * @property {import('./chat.js').ChatPost[]} chat  every chat message accepted, as the chat shows it
 * @property {(...answers: Scripted[]) => void} script
 * @property {() => void} reset  forgets requests, scripted answers, sessions moved and codes pending
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ port?: number, apiKey?: string, agency?: number, onChat?: (post: import('./chat.js').ChatPost) => void }} [options]
 *   agency: how many of the agency's thousand numbers its account holds (default all);
 *   onChat: called with each chat message as it arrives (the foreground stand-in prints it)
 * @returns {Promise<StandIn>}
 */
export async function startStandIn(options = {}) {
  const apiKey = options.apiKey ?? STAND_IN_KEY
  const agency = AGENCY_DEVICES.slice(0, options.agency)
  /** @type {Recorded[]} */
  const requests = []
  /** @type {import('./chat.js').ChatPost[]} */
  const chat = []
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
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname
      if (path.startsWith('/chat/')) {
        const before = chat.length
        handleChat(path, body, res, chat)
        const post = chat[before]
        if (post) options.onChat?.(post)
        return
      }
      handle(req, body, res, { apiKey, agency }, { sessions, pending })
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // A port in use rejects with EADDRINUSE, for the caller to say in one line.
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chat,
    script: (...answers) => void scripted.push(...answers),
    reset: () => {
      for (const list of [requests, scripted, chat]) list.splice(0)
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
 * @param {import('node:http').IncomingMessage} req
 * @param {string} body
 * @param {import('node:http').ServerResponse} res
 * @param {{ apiKey: string, agency: import('./numbers.js').Device[] }} keys  the first account's key, the agency's numbers
 * @param {{ sessions: Map<string, string[]>, pending: Map<string, { code: string, until: number }> }} state
 */
function handle(req, body, res, { apiKey, agency }, { sessions, pending }) {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const token = req.headers.token
  if (token === NO_PERMISSION_KEY)
    return error(res, 403, 'Missing required permissions: this API key has no API access')
  // Each key its account: the numbers it has, and how many a page of them holds.
  const account =
    token === AGENCY_KEY
      ? { devices: agency, pageSize: AGENCY_PAGE_SIZE }
      : token === apiKey
        ? { devices: DEVICES, pageSize: MAX_PAGE_SIZE }
        : undefined
  if (!account) return error(res, 401)

  if (url.pathname === '/v1/devices' && req.method === 'GET') return listDevices(url, res, account)
  const one = url.pathname.match(/^\/v1\/devices\/([^/]+)$/)
  if (one && req.method === 'GET') return getDevice(one[1] ?? '', res, sessions, account.devices)

  const authcode = url.pathname.match(/^\/v1\/devices\/([^/]+)\/authcode$/)
  if (!authcode) return error(res, 404, `No route for ${req.method} ${url.pathname}`)
  if (req.method !== 'POST') return error(res, 405, 'Method not allowed')
  const id = authcode[1] ?? ''
  if (!/^[0-9a-f]{24}$/i.test(id))
    return error(res, 400, 'Invalid device ID: must be 24 hexadecimal characters')
  if (id in FAULTS) return faultDevice(id, res, String(token), body)

  const device = account.devices.find(candidate => candidate.id === id.toLowerCase())
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
  if (device.afterRenewal && earlier) sessions.set(device.id, [...device.afterRenewal])
  const answer = {
    top: {
      status: 'pending',
      message: 'Authentication code generated',
      code,
      expiresIn: device.expiresIn ?? 160,
      device: device.id
    },
    data: {
      status: 'pending',
      data: { code, expiresAt: new Date(Date.now() + 160_000).toISOString(), device: device.id }
    },
    none: {
      status: 'pending',
      message: 'Authentication code requested: enter it on the phone',
      device: device.id
    }
  }[device.codeShape]
  json(res, 200, answer)
}
