import { describe, expect, it } from '@jest/globals'
import { e164Of, maskPhone, normalisePhone } from '../src/inputs/phone.js'
import { plain } from '../src/text/words.js'

describe('normalisePhone', () => {
  // Real formats people paste, from several countries; each must reach Wassenger as E.164.
  it.each([
    ['+1 (212) 555-0100', '+12125550100'],
    ['+1.212.555.0100', '+12125550100'],
    ['+1 212/555-0100', '+12125550100'],
    ['  +12125550100  ', '+12125550100'],
    ['+44 7400 123456', '+447400123456'],
    ['+44 (0)20 7946 0000', '+442079460000'],
    ['+49 30 901820', '+4930901820'],
    ['+49 (0)151 1234 5678', '+4915112345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+34 612 34 56 78', '+34612345678'],
    ['+39 312 345 6789', '+393123456789'],
    ['+31 6 12345678', '+31612345678'],
    ['+351 912 345 678', '+351912345678'],
    ['+353 85 123 4567', '+353851234567'],
    ['+380 67 123 4567', '+380671234567'],
    ['+7 912 345-67-89', '+79123456789'],
    ['+90 532 123 45 67', '+905321234567'],
    ['+55 (11) 98765-4321', '+5511987654321'],
    ['+54 9 11 2345-6789', '+5491123456789'],
    ['+52 55 1234 5678', '+525512345678'],
    ['+91 98765 43210', '+919876543210'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+81 90-1234-5678', '+819012345678'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+65 8123 4567', '+6581234567'],
    ['+852 6123 4567', '+85261234567'],
    ['+61 412 345 678', '+61412345678'],
    ['+27 82 123 4567', '+27821234567'],
    ['+234 803 123 4567', '+2348031234567'],
    ['+20 100 123 4567', '+201001234567'],
    ['+971 50 123 4567', '+971501234567'],
    ['+1\u00a0212\u00a0555\u00a00100', '+12125550100']
  ])('%j becomes %s', (raw, e164) => {
    const result = normalisePhone(raw)
    expect(result).toEqual({
      ok: true,
      phone: expect.objectContaining({ e164, outsideKnownRanges: false })
    })
  })

  it('sends a number of possible length outside the known ranges, flagged for a warning', () => {
    expect(normalisePhone('+1 (600) 123-4560')).toEqual({
      ok: true,
      phone: {
        given: '+1 (600) 123-4560',
        e164: '+16001234560',
        countryCode: '1',
        national: '6001234560',
        masked: '+1******4560',
        outsideKnownRanges: true
      }
    })
  })

  it.each([
    ['6001234560', /no \+ and country code/],
    ['(212) 555-0100', /no \+ and country code/],
    ['0044 20 7946 0000', /did you mean \+44\*{6}0000, with \+ instead of 00\?/],
    ['+999 123 456 789', /country code is unknown/],
    ['+1 234', /too short/],
    ['+44 20 7946 0000 1234 5678', /too long/],
    ['+1 212 555 0100 ext 5', /characters other than digits/],
    ['+1 212 CALL NOW', /characters other than digits/],
    ['call +1 212 555 0100', /no \+ and country code/],
    ['tel:+12125550100', /no \+ and country code/],
    ['++1 212 555 0100', /characters other than digits|not a possible/],
    ['+', /not a phone number|too short|not a possible/],
    ['+1 212 555 0100; +1 212 555 0101', /characters other than digits/]
  ])('rejects %j with a hint', (raw, reason) => {
    const result = normalisePhone(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(plain(result.problem)).toMatch(reason)
      expect(plain(result.problem)).toContain('e.g. +1 600 123 4560')
    }
  })
})

describe('the 00 suggestion', () => {
  const problem = (raw: string): string => {
    const result = normalisePhone(raw)
    return result.ok ? '' : plain(result.problem)
  }

  it('is made only for a number that starts with 00 and has digits after it', () => {
    expect(problem('6001234560')).toBe(
      'it has no + and country code; write it in international form: + then the country code and the number, e.g. +1 600 123 4560 or +44 20 7946 0000'
    )
    expect(problem('00')).toBe(problem('6001234560'))
    expect(problem('00-')).toBe(problem('6001234560'))
    expect(problem('001')).toContain('(did you mean +*, with + instead of 00?)')
  })
})

describe('maskPhone', () => {
  it('hides every digit of a number no longer than its country code and four digits', () => {
    expect(maskPhone('+1234')).toBe('+****')
    expect(maskPhone('+4412', '44')).toBe('+****')
    expect(maskPhone('+441234', '44')).toBe('+******')
  })

  it('shows no country code where none is known, and still the last four digits', () => {
    expect(maskPhone('+99912345678')).toBe('+*******5678')
  })

  it.each([
    ['+16001234560', '+1******4560'],
    ['+447400123456', '+44******3456'],
    ['+4930901820', '+49****1820'],
    ['+5511987654321', '+55*******4321'],
    ['+971501234567', '+971*****4567']
  ])('%s shows only the country code and the last four digits: %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked)
  })
})

describe('e164Of, a phone as a device field writes it', () => {
  it.each([
    ['+44 (0)20 7946 0018', '+442079460018'],
    ['  0044 20 7946 0018  ', '+442079460018'],
    ['442079460018', '+442079460018']
  ])('%j is %s', (text, e164) => {
    expect(e164Of(text)).toBe(e164)
  })

  it('is undefined for text that is not a phone number', () => {
    expect(e164Of('support line')).toBeUndefined()
  })
})
