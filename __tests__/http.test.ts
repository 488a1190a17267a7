import { describe, expect, it } from '@jest/globals'
import { createServer, globalAgent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { completeUtf8Length, sendHttp } from '../src/wassenger/http.js'

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

describe('sendHttp', () => {
  it('many requests on one kept-alive socket add no listener to it (a leak warns on stderr)', async () => {
    let connections = 0
    const server = createServer((_, res) => res.end('{}'))
    server.on('connection', () => connections++)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      for (let i = 0; i < 15; i++) {
        const attempt = await sendHttp({
          method: 'GET',
          url: new URL(`http://127.0.0.1:${port}/devices/x`),
          headers: {},
          timeoutMs: 5000
        })
        expect(attempt).toMatchObject({ kind: 'response', status: 200 })
      }
      await new Promise(resolve => setImmediate(resolve))
      expect(connections).toBe(1)
      const free = Object.values(globalAgent.freeSockets).flat()
      expect(free.map(socket => socket?.listenerCount('connect'))).toEqual([0])
    } finally {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  })
})
