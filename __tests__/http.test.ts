import { describe, expect, it } from '@jest/globals'
import diagnostics from 'node:diagnostics_channel'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { BodyReader, classify, openNetwork } from '../src/http/transport.js'
import { completeUtf8 } from '../src/text/untrusted.js'

describe('completeUtf8', () => {
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
    ['a 2-byte character cut after its lead byte', Buffer.from([0x61, 0xc3]), 1],
    ['the lowest 2-byte lead byte, alone at the end', Buffer.from([0x61, 0xc0]), 1],
    ['the lowest 3-byte lead byte, cut after 2 bytes', Buffer.from([0x61, 0xe0, 0xa0]), 1],
    ['nothing but a cut character', euro.subarray(0, 2), 0],
    ['nothing', Buffer.alloc(0), 0]
  ])('%s', (_, bytes, length) => {
    expect(completeUtf8(bytes).length).toBe(length)
  })
})

describe('BodyReader', () => {
  const MiB = 1024 * 1024
  const read = (...chunks: Buffer[]): ReturnType<BodyReader['decoded']> => {
    const reader = new BodyReader()
    for (const chunk of chunks) reader.add(chunk)
    return reader.decoded()
  }

  it('keeps every chunk of an answer within 4 MiB', () => {
    expect(read(Buffer.from('ab'), Buffer.from('cd'))).toEqual({
      body: 'abcd',
      bytes: 4,
      invalidUtf8: false
    })
  })

  it('keeps the first 4 MiB of a longer answer and counts every byte', () => {
    const { body, bytes, invalidUtf8 } = read(
      Buffer.alloc(4 * MiB - 1, 'x'),
      Buffer.from('yz'),
      Buffer.from('w')
    )
    expect(body).toHaveLength(4 * MiB)
    expect(body.endsWith('xy')).toBe(true)
    expect(bytes).toBe(4 * MiB + 2)
    expect(invalidUtf8).toBe(false)
  })

  it('takes a whole answer that ends inside a character for bad UTF-8: no cut made it', () => {
    expect(read(Buffer.from('a'), Buffer.from('€').subarray(0, 2))).toEqual({
      body: 'a\ufffd',
      bytes: 3,
      invalidUtf8: true
    })
  })
})

describe('classify', () => {
  const error = (code: string | undefined, message = 'x'): NodeJS.ErrnoException =>
    Object.assign(new Error(message), code === undefined ? {} : { code })

  it.each([
    ['ECONNREFUSED', false, 'connect', 'connection refused'],
    ['ENOTFOUND', false, 'connect', 'host name not found (DNS)'],
    ['EAI_AGAIN', false, 'connect', 'host name lookup failed (DNS)'],
    ['EHOSTUNREACH', false, 'connect', 'host unreachable'],
    ['ENETUNREACH', false, 'connect', 'network unreachable'],
    ['EADDRNOTAVAIL', false, 'connect', 'address not available'],
    ['ETIMEDOUT', false, 'connect', 'connecting timed out'],
    ['ECONNRESET', false, 'connect', 'no connection (ECONNRESET)'],
    // A TLS failure before the request could be written is still TLS's, by its code alone.
    ['CERT_HAS_EXPIRED', false, 'tls', 'TLS failed (CERT_HAS_EXPIRED)'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', false, 'tls', 'TLS failed (ERR_SSL_WRONG_VERSION_NUMBER)'],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      true,
      'tls',
      'TLS failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'
    ],
    ['SELF_SIGNED_CERT_IN_CHAIN', true, 'tls', 'TLS failed (SELF_SIGNED_CERT_IN_CHAIN)'],
    ['XEPROTO', true, 'network', 'network error XEPROTO'],
    ['EPROTOX', true, 'network', 'network error EPROTOX'],
    ['XCERT_HAS_EXPIRED', true, 'network', 'network error XCERT_HAS_EXPIRED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', true, 'tls', 'TLS failed (ERR_TLS_CERT_ALTNAME_INVALID)'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', true, 'tls', 'TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)'],
    ['EPROTO', true, 'tls', 'TLS failed (EPROTO)'],
    ['ECONNRESET', true, 'reset', 'the connection was closed before an answer came'],
    ['EPIPE', true, 'reset', 'the connection was closed before an answer came'],
    ['EMFILE', true, 'network', 'network error EMFILE'],
    [undefined, true, 'network', 'network error']
  ])('%s, connected %s: %s', (code, connected, reason, detail) => {
    expect(classify(error(code), connected, false)).toEqual({ reason, detail })
  })

  it('by its code, not its words: a message that mentions TLS is not a TLS failure', () => {
    expect(classify(error('ECONNRESET', 'ssl tls socket hang up'), true, false).reason).toBe(
      'reset'
    )
  })

  it('behind a proxy, an error before any socket is the tunnel that did not open: nothing was sent', () => {
    const refused = error('ECONNRESET', 'tunneling socket could not be established, statusCode=403')
    expect(classify(refused, false, true)).toEqual({
      reason: 'connect',
      detail:
        'the proxy did not open a tunnel (tunneling socket could not be established, statusCode=403)'
    })
  })
})

describe('openNetwork', () => {
  it('one agent for the run: every request rides one kept-alive connection, no listener piles up', async () => {
    // The client sockets the transport opens, as Node announces them.
    const sockets: Socket[] = []
    const opened = (message: unknown) => void sockets.push((message as { socket: Socket }).socket)
    diagnostics.subscribe('net.client.socket', opened)
    const sendHttp = openNetwork().transport
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
      expect(connections).toBe(1)
      expect(sockets.map(socket => socket.listenerCount('connect'))).toEqual([0])
    } finally {
      diagnostics.unsubscribe('net.client.socket', opened)
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  })

  // A server on 127.0.0.1 for one test, closed after it.
  async function serving(
    handle: (req: IncomingMessage, res: ServerResponse) => void,
    test: (url: URL) => Promise<void>
  ): Promise<void> {
    const server = createServer(handle)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      await test(new URL(`http://127.0.0.1:${port}/devices/x`))
    } finally {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  }

  it('sends a POST its body with its length in bytes, and a GET no Content-Length', async () => {
    const seen: Array<{ method?: string; length?: string; body: string }> = []
    await serving(
      (req, res) => {
        let body = ''
        req.on('data', (chunk: Buffer) => (body += chunk.toString()))
        req.on('end', () => {
          seen.push({ method: req.method, length: req.headers['content-length'], body })
          res.end('{}')
        })
      },
      async url => {
        const send = openNetwork().transport
        const started = performance.now()
        const post = await send({
          method: 'POST',
          url,
          headers: {},
          body: '{"a":"é"}',
          timeoutMs: 5000
        })
        await send({ method: 'GET', url, headers: {}, timeoutMs: 5000 })
        expect(post.durationMs).toBeGreaterThanOrEqual(0)
        expect(post.durationMs).toBeLessThanOrEqual(performance.now() - started + 1)
      }
    )
    expect(seen).toEqual([
      { method: 'POST', length: '10', body: '{"a":"é"}' },
      { method: 'GET', length: undefined, body: '' }
    ])
  })

  it('gives up on a server that never answers, saying how long it waited', async () => {
    await serving(
      () => undefined,
      async url => {
        const started = performance.now()
        const attempt = await openNetwork().transport({
          method: 'GET',
          url,
          headers: {},
          timeoutMs: 300
        })
        expect(attempt).toMatchObject({
          kind: 'failure',
          reason: 'timeout',
          detail: 'no complete answer within 0.3 s'
        })
        expect(attempt.durationMs).toBeLessThanOrEqual(performance.now() - started + 1)
        expect(attempt.durationMs).toBeGreaterThanOrEqual(299)
      }
    )
  })

  it('tells an answer cut short by a closed connection from a complete one', async () => {
    await serving(
      (_, res) => {
        res.writeHead(200, { 'Content-Length': '100' })
        res.write('{"partial":')
        setTimeout(() => res.destroy(), 20)
      },
      async url => {
        const attempt = await openNetwork().transport({
          method: 'GET',
          url,
          headers: {},
          timeoutMs: 5000
        })
        expect(attempt).toMatchObject({
          kind: 'failure',
          reason: 'reset',
          status: 200,
          body: '{"partial":',
          detail: 'the connection was closed while the answer (HTTP 200) was being read'
        })
      }
    )
  })
})

describe('a 1xx status line', () => {
  /** A raw server that writes `reply` to every connection, then ends it or holds it open. */
  async function rawServer(reply: string, end: boolean) {
    const sockets = new Set<Socket>()
    const server = createNetServer(socket => {
      sockets.add(socket)
      socket.once('data', () => (end ? socket.end(reply) : socket.write(reply)))
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const close = () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
    return { url: new URL(`http://127.0.0.1:${port}/v1/devices`), close }
  }
  const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'

  it.each([
    [
      'a 102 and the end of the connection: the 102, at once',
      'HTTP/1.1 102 Processing\r\n\r\n',
      true,
      102,
      ''
    ],
    ['a 199 held open: the 199, at the timeout', 'HTTP/1.1 199 Whatever\r\n\r\n', false, 199, ''],
    ['a 100 then a 200: the 200', `HTTP/1.1 100 Continue\r\n\r\n${ok}`, false, 200, '{}'],
    [
      'a 103 then a 200: the 200',
      `HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n${ok}`,
      true,
      200,
      '{}'
    ],
    [
      'a 101 upgrade: the 101, at once',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n',
      false,
      101,
      ''
    ]
  ])('%s', async (_, reply, end, status, body) => {
    const server = await rawServer(reply, end)
    try {
      const attempt = await openNetwork().transport({
        method: 'GET',
        url: server.url,
        headers: {},
        timeoutMs: 300
      })
      expect(attempt).toMatchObject({ kind: 'response', status, body, written: true })
      // How long it took, from the request: never more than the attempt's bound and a margin.
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0)
      expect(attempt.durationMs).toBeLessThan(2000)
    } finally {
      await server.close()
    }
  })
})

describe('a TLS handshake that fails', () => {
  it('before the request was written: a TLS failure, and no attempt', async () => {
    // A server that answers a TLS ClientHello in plain HTTP: the handshake cannot succeed.
    const server = createNetServer(socket =>
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\n\r\n'))
    )
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const attempt = await openNetwork().transport({
        method: 'POST',
        url: new URL(`https://127.0.0.1:${port}/v1/devices/x/authcode`),
        headers: {},
        body: '{}',
        timeoutMs: 2000
      })
      expect(attempt).toMatchObject({ kind: 'failure', reason: 'tls', written: false })
      expect(attempt.durationMs).toBeLessThan(2000)
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})
