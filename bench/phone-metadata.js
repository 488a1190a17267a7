// @ts-check
/**
 * `npm run bench:phone`: how the phone checks decide with each libphonenumber-js metadata set,
 * against `max` (the full set) as the reference, and what each costs to load. The action
 * rejects a number whose length no number of its country has (isPossible) and warns about one
 * outside the known ranges (isValid); this measures how often a smaller set decides otherwise.
 * The numbers: each country's example mobile number, its neighbours (last digit changed, a digit
 * added, a digit removed) and random numbers of every length from 4 to 15 digits after its code.
 */
import {
  parsePhoneNumberFromString as parse,
  getCountries,
  getCountryCallingCode
} from 'libphonenumber-js/core'
import examples from 'libphonenumber-js/mobile/examples'
import max from 'libphonenumber-js/max/metadata'
import min from 'libphonenumber-js/min/metadata'
import mobile from 'libphonenumber-js/mobile/metadata'

/** Deterministic, so that every run measures the same numbers. */
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31

/** @type {string[]} */
const numbers = []
for (const country of getCountries(max)) {
  const code = getCountryCallingCode(country, max)
  const example = /** @type {Record<string, string>} */ (examples)[country]
  if (example) {
    const last = Number(example.at(-1))
    numbers.push(`+${code}${example}`, `+${code}${example.slice(0, -1)}${(last + 1) % 10}`)
    numbers.push(`+${code}${example}7`, `+${code}${example.slice(0, -1)}`)
  }
  for (let length = 4; length <= 15 - code.length; length++) {
    numbers.push(`+${code}${Array.from({ length }, () => Math.floor(random() * 10)).join('')}`)
  }
}
const unique = [...new Set(numbers)]

/** @param {import('libphonenumber-js/core').MetadataJson} metadata */
const decide = metadata =>
  unique.map(text => {
    const phone = parse(text, metadata)
    return phone === undefined || !phone.isPossible() ? 'reject' : phone.isValid() ? 'send' : 'warn'
  })

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
  ['mobile', mobile]
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
