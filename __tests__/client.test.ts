import { describe, expect, it } from '@jest/globals'
import type { HttpAttempt, HttpRequest } from '../src/http/transport.js'
import { createClient, USER_AGENT } from '../src/wassenger/client.js'
import { Redactor } from '../src/text/redactor.js'

// What the client hands the transport, recorded: the method, the URL, the headers and the
// time each attempt may take are what Wassenger (or a proxy) sees.
function recording(answers: HttpAttempt[], apiUrl = 'https://api.example/v1') {
  const sent: HttpRequest[] = []
  const debug: string[] = []
  // A monotonic clock that did not start at 0, as none does.
  let clock = 1_000
  const client = createClient(
    { apiUrl, apiKey: 'key-0123456789abcdef', timeoutMs: 30_000, retries: 2 },
    {
      transport: async request => {
        sent.push(request)
        return answers.shift() ?? ok
      },
      debug: message => debug.push(message),
      redactor: new Redactor(),
      sleep: async ms => {
        clock += ms
      },
      now: () => clock,
      wallNow: () => 0,
      random: () => 0,
      log: () => undefined
    }
  )
  return { client, sent, debug }
}

const answer = (status: number, headers: Record<string, string> = {}): HttpAttempt => ({
  kind: 'response',
  written: true,
  status,
  headers,
  body: '{}',
  bytes: 2,
  invalidUtf8: false,
  durationMs: 5
})
const ok = answer(200)

describe('the requests the client sends', () => {
  it('asks for a code with a POST of JSON to the device’s authcode path', async () => {
    const { client, sent } = recording([])
    await client.postAuthCode({ device: 'abc 1', force: true, phone: '+12125550100' })
    expect(sent).toEqual([
      {
        method: 'POST',
        url: new URL('https://api.example/v1/devices/abc%201/authcode?force=true'),
        headers: {
          Token: 'key-0123456789abcdef',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
          'Content-Type': 'application/json'
        },
        body: '{"phone":"+12125550100"}',
        timeoutMs: 30_000
      }
    ])
  })

  it('reads a number with a GET that carries no body and no Content-Type', async () => {
    const { client, sent } = recording([])
    await client.getDevice('abc')
    expect(sent).toEqual([
      {
        method: 'GET',
        url: new URL('https://api.example/v1/devices/abc'),
        headers: {
          Token: 'key-0123456789abcdef',
          Accept: 'application/json',
          'User-Agent': USER_AGENT
        },
        body: undefined,
        timeoutMs: 30_000
      }
    ])
  })

  it('retries a GET that failed as a GET, and a POST as a POST', async () => {
    const read = recording([answer(500)])
    await read.client.getDevice('abc')
    expect(read.sent.map(request => request.method)).toEqual(['GET', 'GET'])
    const post = recording([answer(503)])
    await post.client.postAuthCode({ device: 'abc', force: false })
    expect(post.sent.map(request => request.method)).toEqual(['POST', 'POST'])
    expect(post.sent[0]?.url.search).toBe('')
  })

  it.each([
    ['https://api.example/v1/', '/v1/devices/abc'],
    ['https://api.example/v1//', '/v1/devices/abc'],
    ['https://api.example', '/devices/abc']
  ])('joins %s and the path with one slash', async (apiUrl, pathname) => {
    const { client, sent } = recording([], apiUrl)
    await client.getDevice('abc')
    expect(sent[0]?.url.pathname).toBe(pathname)
  })

  it('gives a lookup page only the time left before its deadline, retries included', async () => {
    const { client, sent } = recording([answer(503, { 'retry-after': '10' })])
    const { attempts } = await client.listDevices('Sales', 1, 50, 6_000)
    // 5 s left: the attempt is cut to them, and a retry 10 s later would pass the deadline.
    expect(sent.map(request => request.timeoutMs)).toEqual([5_000])
    expect(sent[0]?.method).toBe('GET')
    expect(sent[0]?.url.href).toBe('https://api.example/v1/devices?search=Sales&page=1&size=50')
    expect(attempts).toBe(1)
  })

  it('names a failure’s kind and detail in the debug log', async () => {
    const failure: HttpAttempt = {
      kind: 'failure',
      written: false,
      reason: 'connect',
      detail: 'connection refused',
      body: '',
      bytes: 0,
      invalidUtf8: false,
      durationMs: 3
    }
    const { client, debug } = recording([failure, failure, failure])
    await client.getDevice('abc')
    expect(debug[0]).toBe(
      'GET https://api.example/v1/devices/abc -> connect: connection refused in 3 ms'
    )
  })
})
