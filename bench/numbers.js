// @ts-check
/**
 * `npm run bench:numbers`: the numbers action (its committed bundle, as a runner runs it) reading
 * an account of 100 and of 1,000 numbers from the stand-in, pages of 100: the wall time of the
 * whole step (median of RUNS) and the requests it made. Its time should grow with the numbers
 * read, its requests be at most one more than the pages.
 *
 *   npm run bench:numbers [-- RUNS]      (default 5)
 */
import { NUMBERS_BUNDLE, runAction } from '../scripts/fake-runner.js'
import { AGENCY_KEY } from '../stand-in/numbers.js'
import { startStandIn } from '../stand-in/server.js'

const RUNS = Number(process.argv[2] ?? 5)

for (const size of [100, 1000]) {
  const standIn = await startStandIn({ agency: size })
  try {
    /** @type {number[]} */
    const times = []
    for (let run = 0; run < RUNS; run++) {
      standIn.reset()
      const outcome = await runAction(
        { 'api-key': AGENCY_KEY, 'api-url': standIn.url },
        { bundle: NUMBERS_BUNDLE }
      )
      if (outcome.outputs.read !== String(size)) throw new Error(`read ${outcome.outputs.read}`)
      times.push(outcome.durationMs)
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]
    console.log(
      `${String(size).padStart(5)} numbers: ${median} ms (median of ${RUNS}), ${standIn.requests.length} requests`
    )
  } finally {
    await standIn.close()
  }
}
