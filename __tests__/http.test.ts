import { describe, expect, it } from '@jest/globals'
import { completeUtf8Length } from '../src/http.js'

describe('completeUtf8Length', () => {
  const euro = Buffer.from('€') // e2 82 ac
  const smile = Buffer.from('😀') // f0 9f 98 80
  it.each([
    ['ASCII', Buffer.from('abc'), 3],
    ['a whole 3-byte character', Buffer.concat([Buffer.from('a'), euro]), 4],
    [
      'a 3-byte character cut after 1 byte',
      Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]),
      1
    ],
    [
      'a 3-byte character cut after 2 bytes',
      Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]),
      1
    ],
    [
      'a 4-byte character cut after 3 bytes',
      Buffer.concat([Buffer.from('a'), smile.subarray(0, 3)]),
      1
    ],
    ['a whole 4-byte character', smile, 4],
    ['nothing', Buffer.alloc(0), 0]
  ])('%s', (_, bytes, length) => {
    expect(completeUtf8Length(bytes)).toBe(length)
  })
})
