/**
 * `npm run bench:lookup`: what the number lookup costs as the answers grow, in CPU time. A server
 * that ignores `size` sends N fresh numbers a page for three pages, then an empty one; the
 * lookup (src/devices.ts, through the real client and edge) reads them all and finds none.
 * Linear growth means the cost per number stays flat from 1,000 to 100,000 a page.
 *
 *   npm run bench:lookup [-- SIZES]     e.g. -- 1000,10000,100000,300000
 *
 * The transport is a fake that hands over prepared bodies: the network and the 4 MiB cap on a
 * real answer (which a page of 100,000 numbers would exceed) are left out, so this is the
 * lookup's own cost, the part that grew quadratically before.
 */
import { resolveDevice } from '../src/run/lookup.js'
import type { HttpAttempt } from '../src/http/transport.js'
import { Redactor } from '../src/text/redactor.js'
import { createClient } from '../src/wassenger/client.js'

const PAGES = 3
const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number)

function page(size: number, index: number): string {
  const devices = Array.from({ length: size }, (_, i) => ({
    id: (index * size + i + 1).toString(16).padStart(24, '0'),
    alias: `Number ${index * size + i}`,
    phone: `+1212555${String(i % 10_000).padStart(4, '0')}`,
    status: 'operative',
    session: { status: 'online' }
  }))
  return JSON.stringify(devices)
}

const answer = (body: string): HttpAttempt => ({
  kind: 'response',
  written: true,
  status: 200,
  headers: {},
  body,
  bytes: body.length,
  invalidUtf8: false,
  durationMs: 0
})

async function measure(size: number): Promise<{ cpuMs: number; bytes: number }> {
  const bodies = [...Array.from({ length: PAGES }, (_, i) => page(size, i)), '[]']
  const redactor = new Redactor()
  redactor.hide({ kind: 'secret', value: 'bench-key-0123456789' })
  const client = createClient(
    {
      apiUrl: 'https://api.wassenger.com/v1',
      apiKey: 'bench-key-0123456789',
      timeoutMs: 30_000,
      retries: 0
    },
    {
      transport: async request =>
        answer(bodies[Number(request.url.searchParams.get('page'))] ?? '[]'),
      debug: () => undefined,
      redactor,
      sleep: async () => undefined,
      now: () => performance.now(),
      wallNow: Date.now,
      random: Math.random,
      log: () => undefined
    }
  )
  // The prepared pages' garbage is collected now, not inside the measurement (node --expose-gc).
  globalThis.gc?.()
  const started = process.cpuUsage()
  const resolution = await resolveDevice({ kind: 'alias', alias: 'Nobody' }, client, 30_000, {
    now: () => performance.now()
  })
  const used = process.cpuUsage(started)
  if (resolution.ok) throw new Error('the bench expects no match')
  return {
    cpuMs: (used.user + used.system) / 1000,
    bytes: bodies.reduce((n, b) => n + b.length, 0)
  }
}

await measure(1000) // warm-up
console.log(`numbers a page   pages   numbers   MiB read   CPU ms   µs per number`)
for (const size of sizes) {
  const { cpuMs, bytes } = await measure(size)
  const total = size * PAGES
  console.log(
    [
      String(size).padStart(14),
      String(PAGES).padStart(7),
      String(total).padStart(9),
      (bytes / 2 ** 20).toFixed(1).padStart(10),
      cpuMs.toFixed(0).padStart(8),
      ((cpuMs * 1000) / total).toFixed(2).padStart(15)
    ].join(' ')
  )
}
