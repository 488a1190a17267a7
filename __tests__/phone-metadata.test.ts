import { describe, expect, it } from '@jest/globals'
import min from 'libphonenumber-js/min/metadata'
import { decide, phoneNumbers } from '../bench/phone-numbers.js'
import { withoutFormats } from '../scripts/phone-metadata.js'
import metadata from '../src/phone-metadata.js'

// The bundle carries `min` without its formats (scripts/phone-metadata.js), generated at build
// time: it must refuse, send and warn about every number exactly as `min` does.
describe('the phone metadata the action carries', () => {
  const numbers = phoneNumbers()

  it('decides every number of every country as min does', () => {
    expect(numbers.length).toBeGreaterThan(3000)
    const expected = decide(numbers, min)
    expect(new Set(expected)).toEqual(new Set(['reject', 'send', 'warn']))
    expect(decide(numbers, metadata)).toEqual(expected)
  })

  it('is what the generator makes of the installed min, and much smaller', () => {
    expect(metadata).toEqual(withoutFormats(min))
    expect(JSON.stringify(metadata).length).toBeLessThan(JSON.stringify(min).length / 2)
  })

  it('refuses a metadata version it does not know', () => {
    expect(() => withoutFormats({ ...min, version: 5 } as unknown as typeof min)).toThrow(
      /version 5/
    )
  })
})
