// @ts-check
/**
 * `npm run bench:phone`: how the phone checks decide with each libphonenumber-js metadata set,
 * against `max` (the full set) as the reference, and the size of each. The action
 * rejects a number whose length no number of its country has (isPossible) and warns about one
 * outside the known ranges (isValid); this measures how often a smaller set decides otherwise.
 * The numbers: see bench/phone-numbers.js. `action` is the set the bundle carries: `min` without
 * the formats (scripts/phone-metadata.js).
 */
import { getCountries } from 'libphonenumber-js/core/es6'
import max from 'libphonenumber-js/max/metadata'
import min from 'libphonenumber-js/min/metadata'
import mobile from 'libphonenumber-js/mobile/metadata'
import { withoutFormats } from '../scripts/phone-metadata.js'
import { decide as decideAll, phoneNumbers } from './phone-numbers.js'

const unique = phoneNumbers()

/** @param {import('libphonenumber-js/core/es6').MetadataJson} metadata */
const decide = metadata => decideAll(unique, metadata)

const reference = decide(max)
/** @param {string[]} decisions */
const missed = decisions =>
  decisions.filter((d, i) => d === 'send' && reference[i] === 'warn').length
/** @param {string[]} decisions */
const extra = decisions =>
  decisions.filter((d, i) => d === 'warn' && reference[i] === 'send').length
console.log(`${unique.length} numbers from ${getCountries(max).length} countries; reference: max`)
for (const [name, metadata] of /** @type {const} */ ([
  ['max', max],
  ['min', min],
  ['mobile', mobile],
  ['action', withoutFormats(min)]
])) {
  const decisions = decide(metadata)
  const differ = (/** @type {string} */ kind) =>
    decisions.filter((d, i) => d !== reference[i] && (d === kind || reference[i] === kind)).length
  const agree = decisions.filter((d, i) => d === reference[i]).length
  console.log(
    `${name.padEnd(6)} ${JSON.stringify(metadata).length.toString().padStart(6)} bytes of JSON; agrees on ${((100 * agree) / unique.length).toFixed(2)}%; ` +
      `rejects differ: ${differ('reject')}; missed warnings: ${missed(decisions)}, extra warnings: ${extra(decisions)}`
  )
}
