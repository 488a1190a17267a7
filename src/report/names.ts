import { type DeviceRef, looksLikeUnprefixedPhone } from '../inputs/checks.js'
import { maskPhone } from '../inputs/phone.js'
import { data, quoted, words, type Words } from '../text/words.js'
import type { DeviceInfo } from '../wassenger/answers.js'
import type { RunResult } from '../run/result.js'

/** How messages name the number the author gave: `ID …`, `phone +1******0100`, `alias "Support"`. */
export function describeRef(ref: DeviceRef): Words {
  switch (ref.kind) {
    case 'id':
      return words`ID ${data(ref.id)}`
    case 'phone':
      return words`phone ${data(ref.phone.masked)}`
    case 'alias':
      return ref.masked ? words`alias ${data(ref.masked)}` : words`alias ${quoted(ref.alias)}`
  }
}

/** `6123…01 (alias "Support", phone +1******0100)`: enough to tell numbers apart and paste the right ID. */
export function describeDevice(device: DeviceInfo): Words {
  const alias = device.alias ? words`alias ${quoted(device.alias)}` : words`no alias`
  const phone = device.phone ? words`, phone ${data(maskPhone(device.phone))}` : []
  return words`${data(device.id)} (${alias}${phone})`
}

/** What an alias that looks like something else probably meant. */
export function hintFor(ref: DeviceRef): string {
  if (ref.kind !== 'alias') return ''
  const text = ref.alias
  if (/^[0-9a-f]+$/i.test(text) && /[a-f]/i.test(text) && /\d/.test(text) && text.length >= 16) {
    return `It looks like a Wassenger ID, but an ID has 24 hexadecimal characters and this one has ${text.length}.`
  }
  if (looksLikeUnprefixedPhone(text)) {
    return 'It looks like a phone number without + and country code: write it as + then the country code and the number, e.g. +44 20 7946 0000.'
  }
  return ''
}

/** How messages name the number: its ID once known, else as the author gave it. */
export const numberOf = (result: RunResult): Words =>
  result.device
    ? words`ID ${data(result.device.id)}`
    : result.asked.ref
      ? describeRef(result.asked.ref)
      : []
