/**
 * The standard proxy variables, through the bundled action: https_proxy routes the request
 * through a CONNECT tunnel (the lazily loaded @actions/http-client chunk), no_proxy exempts a host.
 * The proxy here refuses every tunnel, so the run ends in a network error either way; what
 * matters is where the request went and that the key never reached the proxy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
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
