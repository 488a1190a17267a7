// @ts-check
/**
 * The stand-in's account: its keys and numbers, and what each number plays. Data only; how the
 * stand-in answers is in server.js, its faults and hostile answers in faults.js.
 */

export const STAND_IN_KEY = 'stand-in-key'
/** A key that exists but has no API access (like a chat-agent key): 403. */
export const NO_PERMISSION_KEY = 'agent-key'
/** The key of a second account, an agency's: a thousand numbers, for the `numbers` action. */
export const AGENCY_KEY = 'stand-in-agency-key'

/**
 * @typedef {object} Device
 * @property {string} id
 * @property {string} phone
 * @property {string} alias
 * @property {string} sessionStatus
 * @property {string} plays  what trying this number shows, for the help texts
 * @property {boolean} connectedBefore  never-connected numbers need a phone
 * @property {'top' | 'data' | 'none'} codeShape  where the success body carries the code
 * @property {string[]} [afterCode]  session statuses the next polls see once a code was requested; the last stays
 * @property {number} [expiresIn]  seconds a code is valid (default 160, WhatsApp's time for a code): short ones let renewal tests run in seconds
 * @property {'new' | 'same' | '409' | '429'} [renewAnswer]  what a second request gets, while the first code is pending
 * @property {string[]} [afterRenewal]  session statuses the next polls see once a second code was issued; the last stays
 * @property {string} [status]  the number's own status in the account (default operative)
 */

/**
 * @param {string} suffix
 * @param {string} phone
 * @param {string} alias
 * @param {string} sessionStatus
 * @param {string} plays
 * @param {Partial<Device>} [more]
 * @returns {Device}
 */
const fixture = (suffix, phone, alias, sessionStatus, plays, more = {}) => ({
  id: `6123456789abcdef012345${suffix}`,
  phone,
  alias,
  sessionStatus,
  plays,
  connectedBefore: true,
  codeShape: 'top',
  ...more
})

/** The account's numbers: two share the alias "Support" (in another case), three hold "Team". */
export const DEVICES = [
  fixture(
    '01',
    '+12125550100',
    'Support',
    'online',
    'a session is active: 409 unless force=true; "support" matches two numbers'
  ),
  fixture(
    '02',
    '+447700900123',
    'Sales',
    'new',
    'never connected: needs phone=..., the code under data',
    { connectedBefore: false, codeShape: 'data' }
  ),
  fixture(
    '03',
    '+4915112345678',
    'Billing',
    'offline',
    'the answer carries no code: a notice links the console',
    { codeShape: 'none' }
  ),
  fixture('04', '+12125550199', 'support', 'offline', 'shares the alias Support, in another case'),
  fixture(
    '05',
    '+5511987654321',
    'Linking',
    'offline',
    'links with wait=...: authorize, authorizing, online',
    { afterCode: ['authorize', 'authorizing', 'online'] }
  ),
  fixture(
    '06',
    '+33612345678',
    'Team Alpha',
    'online',
    'one of three found by "Team", across pages'
  ),
  fixture(
    '07',
    '+33612345679',
    'Team Beta',
    'online',
    'one of three found by "Team", across pages'
  ),
  fixture(
    '08',
    '+33612345670',
    'Team',
    'offline',
    'the alias Team exactly, found on a later page',
    { codeShape: 'data' }
  ),
  // Wassenger does not publish its answer to a second request while a code is pending: one each.
  fixture(
    '09',
    '+61412345678',
    'Renew',
    'offline',
    'renew=...: codes valid 2 s, a new one each time',
    {
      expiresIn: 2,
      renewAnswer: 'new'
    }
  ),
  fixture('0a', '+61412345679', 'Renew same', 'offline', 'renew=...: the same code again', {
    expiresIn: 2,
    renewAnswer: 'same'
  }),
  fixture('0b', '+61412345670', 'Renew 409', 'offline', 'renew=...: a second request gets 409', {
    expiresIn: 2,
    renewAnswer: '409'
  }),
  fixture('0c', '+61412345671', 'Renew 429', 'offline', 'renew=...: a second request gets 429', {
    expiresIn: 2,
    renewAnswer: '429'
  }),
  fixture(
    '0e',
    '+61412345673',
    'Renew and link',
    'offline',
    'renew=...: its first code runs out, its second links',
    {
      expiresIn: 2,
      renewAnswer: 'new',
      afterRenewal: ['offline', 'online']
    }
  ),
  fixture(
    '0d',
    '+61412345672',
    'Renew linking',
    'offline',
    'renew=...: linking moves, so no new code',
    {
      expiresIn: 2,
      renewAnswer: 'new',
      afterCode: ['offline', 'authorizing']
    }
  )
]

/** At most this many numbers a page, whatever `size` asks: small, so that lookups must follow pages. */
export const MAX_PAGE_SIZE = 2

/**
 * The agency's numbers: a thousand, in every state, by ID. Each tenth is offline, never
 * connected, unpaid, banned, removed or disabled, the rest online (one in any letter case); its
 * pages hold up to 100. The lowest ID that can be linked and is not online, 'Store 0002', links
 * after its code.
 */
export const AGENCY_DEVICES = Array.from({ length: 1000 }, (_, index) => {
  const states = [
    ['online'],
    ['online'],
    ['offline', 'operative', { afterCode: ['online'] }],
    ['online'],
    ['', 'operative', { connectedBefore: false }],
    ['online', 'unpaid'],
    ['online'],
    ['offline', 'banned'],
    ['ONLINE'],
    ['offline', index % 20 === 9 ? 'removed' : 'disabled']
  ]
  const [sessionStatus = 'online', status = 'operative', more = {}] = states[index % 10] ?? []
  const number = String(index).padStart(4, '0')
  return {
    ...fixture(
      '',
      `+4474${String(10_000_000 + index * 7)}`,
      `Store ${number}`,
      String(sessionStatus),
      'an agency number',
      {
        status: String(status),
        ...(typeof more === 'object' ? more : {})
      }
    ),
    id: `a9e${index.toString(16).padStart(21, '0')}`
  }
})
/** The agency's pages: at most this many numbers each. */
export const AGENCY_PAGE_SIZE = 100

/** Searches (`device: <alias>`) whose answer is hostile: an ID that is not 24 hex. */
export const HOSTILE_LOOKUPS = {
  'hostile-id': [{ id: '..', alias: 'hostile-id', phone: '+12125550111' }],
  'hostile-lines': [
    { id: '6123456789abcdef01234509\n::error::injected', alias: 'hostile-lines', phone: '' }
  ]
}

/**
 * The numbers and what each plays, one line each, for the help texts.
 * @returns {string[]}
 */
export function numberLines() {
  return DEVICES.map(
    device =>
      `  ${device.alias.padEnd(14)} ${device.id}  ${device.phone.padEnd(15)} ${device.plays}`
  )
}
