// @ts-check
/**
 * The numbers the phone metadata is judged on (`npm run bench:phone` and
 * __tests__/phone-metadata.test.ts): each country's example mobile number, its neighbours (last
 * digit changed, a digit added, a digit removed) and random numbers of every length from 4 to 15
 * digits after its code. Deterministic, so that every run judges the same numbers.
 */
import {
  parsePhoneNumberFromString as parse,
  getCountries,
  getCountryCallingCode
} from 'libphonenumber-js/core/es6'
import examples from 'libphonenumber-js/mobile/examples'
import max from 'libphonenumber-js/max/metadata'

/** @returns {string[]} */
export function phoneNumbers() {
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
  return [...new Set(numbers)]
}

/**
 * What the action does with each number under a metadata set: refuse it, send it, or send it
 * with a warning that it lies outside the known ranges.
 * @param {string[]} numbers
 * @param {import('libphonenumber-js/core/es6').MetadataJson} metadata
 * @returns {Array<'reject' | 'send' | 'warn'>}
 */
export const decide = (numbers, metadata) =>
  numbers.map(text => {
    const phone = parse(text, metadata)
    return phone === undefined || !phone.isPossible() ? 'reject' : phone.isValid() ? 'send' : 'warn'
  })
