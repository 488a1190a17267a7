/**
 * The standard proxy variables, through the bundled action: https_proxy routes the request
 * through a CONNECT tunnel (the lazily loaded @actions/http-client chunk), no_proxy exempts a host.
 * The proxy here refuses every tunnel, so the run ends in a network error either way; what
 * matters is where the request went and that the key never reached the proxy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { runAction } from '../scripts/fake-runner.js'
import { cleanUp, runInProcess } from './helpers/in-process.js'

const KEY = 'wsk_proxy_test_key_0123456789'
let proxy: Server
let port = 0
const seen: Array<{ method: string; url: string; headers: string }> = []

beforeAll(async () => {
  proxy = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: JSON.stringify(req.headers)
    })
    res.writeHead(502).end()
  })
  proxy.on('connect', (req, socket) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: JSON.stringify(req.headers)
    })
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  const address = proxy.address()
  port = typeof address === 'object' && address ? address.port : 0
})
afterAll(async () => {
  await new Promise(resolve => proxy.close(resolve))
  cleanUp()
})
beforeEach(() => void seen.splice(0))

const inputs = {
  'api-key': KEY,
  'api-url': 'https://api.wassenger.invalid/v1',
  device: '6123456789abcdef01234501',
  retries: '0'
}

describe('proxies', () => {
  it('https_proxy: the request goes through a CONNECT tunnel to the API host', async () => {
    const outcome = await runInProcess(inputs, { env: { https_proxy: `http://127.0.0.1:${port}` } })
    expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'CONNECT api.wassenger.invalid:443'
    ])
    expect(seen[0]?.headers).not.toContain(KEY)
    expect(outcome.exitCode).toBe(1)
    expect(outcome.outputs).toMatchObject({
      'error-code': 'network-error',
      status: '',
      // The tunnel never opened: nothing was written to Wassenger's connection.
      attempts: '0'
    })
    // Nothing reached Wassenger, and the message says where it stopped.
    expect(outcome.outputs['error-message']).toMatch(
      /^Could not connect to api\.wassenger\.invalid: the proxy did not open a tunnel \(tunneling socket could not be established, statusCode=403\)\. Check api-url and the runner's network or proxy settings/
    )
    expect(outcome.annotations).toHaveLength(1)
    expect(outcome.stdout).not.toMatch(/\n\s+at |node:internal/)
  })

  it('no_proxy: an exempt host is reached directly', async () => {
    const outcome = await runInProcess(inputs, {
      env: { https_proxy: `http://127.0.0.1:${port}`, no_proxy: '.invalid' }
    })
    expect(seen).toEqual([])
    expect(outcome.outputs['error-message']).toMatch(
      /^Could not connect to api\.wassenger\.invalid: host name not found \(DNS\)/
    )
  })
})

describe('the run ends when its work ends, whatever a proxy holds open', () => {
  /** A proxy that takes every CONNECT and then does as told, never closing what it holds. */
  async function holdingProxy(answer: boolean) {
    const held = new Set<Socket>()
    const server = createServer()
    server.on('connect', (_req, socket: Socket) => {
      held.add(socket)
      socket.on('error', () => undefined)
      if (answer) socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const close = () =>
      new Promise(resolve => {
        for (const socket of held) socket.destroy()
        server.close(resolve)
      })
    /** Whether every connection the proxy took has been closed by the other side. */
    const allClosed = () => [...held].every(socket => socket.destroyed || socket.readableEnded)
    return { url, close, allClosed }
  }

  it('once the run has reported, the tunnel it asked for is closed: the proxy holds nothing of it', async () => {
    const proxy = await holdingProxy(false)
    try {
      // The real transport; the fake clock only counts sleeps, and no retry is asked for.
      const outcome = await runInProcess(
        { ...inputs, timeout: '1' },
        { env: { https_proxy: proxy.url } }
      )
      expect(outcome.outputs['error-code']).toBe('timeout')
      await new Promise(resolve => setTimeout(resolve, 200))
      expect(proxy.allClosed()).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it.concurrent.each([
    ['accepts CONNECT and never answers it', false],
    ['opens the tunnel, and then nothing comes through it or closes it', true]
  ])(
    'a proxy that %s: the step reports its timeout and the process exits at once',
    async (_, answer) => {
      const proxy = await holdingProxy(answer)
      try {
        const outcome = await runAction(
          { ...inputs, timeout: '1' },
          { env: { https_proxy: proxy.url }, timeoutMs: 20_000 }
        )
        expect(outcome.outputs).toMatchObject({ success: 'false', 'error-code': 'timeout' })
        expect(outcome.annotations).toEqual([
          expect.objectContaining({ level: 'error', title: expect.any(String) })
        ])
        expect(outcome.exitCode).toBe(1)
        // One second of timeout, then reporting; never the proxy's time.
        expect(outcome.durationMs).toBeLessThan(4000)
      } finally {
        await proxy.close()
      }
    },
    30_000
  )
})
