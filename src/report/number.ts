/**
 * How the action names a number, in the log, the summary and the chat alike: as the author gave
 * it, as the lookup found it, and by its alias, masked phone or ID once known.
 */
import { looksLikeUnprefixedPhone, type DeviceRef } from '../inputs/checks.js'
import { maskPhone } from '../inputs/phone.js'
import type { RunResult } from '../run/result.js'
import { data, quoted, words, type Words } from '../text/words.js'
import type { DeviceInfo } from '../wassenger/answers.js'

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

/** How messages name the number: its ID once known, else as the author gave it. */
export const numberOf = (result: RunResult): Words =>
  result.device
    ? words`ID ${data(result.device.id)}`
    : result.asked.ref
      ? describeRef(result.asked.ref)
      : []

/** The number's phone, masked: the one it was named by, else the one Wassenger gave for it. */
function phoneOf(result: RunResult): string | undefined {
  const { ref } = result.asked
  if (ref?.kind === 'phone') return ref.phone.masked
  return result.device?.phone ? maskPhone(result.device.phone) : undefined
}

/** The number as a person knows it: its alias, its masked phone or its ID; else as given. */
export function nameOf(result: RunResult): string {
  const { device } = result
  const ref = result.asked.ref
  const given = ref?.kind === 'alias' ? (ref.masked ?? ref.alias) : ref?.kind === 'id' ? ref.id : ''
  return device?.alias ?? phoneOf(result) ?? device?.id ?? given
}

/** "alias `Linking`, phone `+55*******4321`": what is known of the number, for the chat. */
export function knownAs(result: RunResult): Words {
  const { device } = result
  const phone = phoneOf(result)
  const alias = device?.alias ? words`alias ${data(device.alias)}` : []
  const shown = phone ? words`phone ${data(phone)}` : []
  if (alias.length > 0 || shown.length > 0) {
    return words`${alias}${alias.length > 0 && shown.length > 0 ? ', ' : ''}${shown}`
  }
  return device ? words`ID ${data(device.id)}` : []
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
