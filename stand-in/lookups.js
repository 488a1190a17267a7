// @ts-check
/** The stand-in's number lookups: `GET /devices?search=` by page, and `GET /devices/{id}`. */
import { INJECTION } from './faults.js'
import { HOSTILE_LOOKUPS } from './numbers.js'
import { error, json } from './replies.js'

/**
 * GET /devices?search=&page=&size=: the account's numbers, or a substring search over ID, alias
 * (any case) and phone digits; a page holds at most the account's page size, whatever `size` asks.
 * @param {URL} url
 * @param {import('node:http').ServerResponse} res
 * @param {{ devices: import('./numbers.js').Device[], pageSize: number }} account
 */
export function listDevices(url, res, { devices, pageSize }) {
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
  const size = Math.min(Number(url.searchParams.get('size') ?? String(pageSize)), pageSize)
  if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1) {
    return error(res, 400, 'Invalid query: page and size must be whole numbers')
  }
  const hits = devices.filter(
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
 * @param {import('./numbers.js').Device[]} devices  the account's
 */
export function getDevice(id, res, sessions, devices) {
  if (id === 'fa170000000000000000ca11') {
    return json(res, 200, { id, status: 'operative', session: { status: INJECTION } })
  }
  const device = devices.find(candidate => candidate.id === id.toLowerCase())
  if (!device) return error(res, 404, 'Device not found', 'device:not_found')
  const upcoming = sessions.get(device.id)
  const status =
    upcoming && upcoming.length > 1
      ? (upcoming.shift() ?? device.sessionStatus)
      : (upcoming?.[0] ?? device.sessionStatus)
  json(res, 200, deviceJson(device, status))
}

/**
 * @param {import('./numbers.js').Device} device
 * @param {string} sessionStatus
 */
function deviceJson(device, sessionStatus) {
  return {
    id: device.id,
    phone: device.phone,
    alias: device.alias,
    status: device.status ?? 'operative',
    connector: 'web',
    session: { status: sessionStatus, error: false, lastSyncAt: '2026-11-01T00:00:00Z' }
  }
}
