// @ts-check
/**
 * `npm run bench`: the bundled action's whole run against the floor (bench/floor.js), side by
 * side in one process, alternating, after a warm-up: a successful request with a phone against
 * the stand-in on loopback, outputs and summary written. Prints the medians, their ratio, the
 * median of pair-by-pair ratios, the bundle's size and the time to load the bundle alone.
 *
 *   npm run bench [-- RUNS [BUNDLE]]
 *
 * BUNDLE measures another build the same way, e.g. an older one taken out with
 * `git archive <commit> dist | tar -x -C /tmp/old` -> `npm run bench -- 60 /tmp/old/dist/index.js`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEVICES, STAND_IN_KEY, startStandIn } from '../stand-in/server.js'

const RUNS = Number(process.argv[2] ?? 20)
const WARM_UP = 3
const BUNDLE = resolve(
  process.argv[3] ?? fileURLToPath(new URL('../dist/index.js', import.meta.url))
)
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url))

const standIn = await startStandIn()
const dir = await mkdtemp(join(tmpdir(), 'wassenger-bench-'))
const output = join(dir, 'output')
const summary = join(dir, 'summary')
const env = {
  PATH: process.env.PATH ?? '',
  'INPUT_API-KEY': STAND_IN_KEY,
  'INPUT_API-URL': standIn.url,
  INPUT_DEVICE: DEVICES[1]?.id ?? '',
  INPUT_PHONE: '+44 7400 123456',
  GITHUB_OUTPUT: output,
  GITHUB_STEP_SUMMARY: summary
}

/**
 * Wall time of one `node script` from spawn to exit, in ms; checks it produced a code.
 * @param {string[]} args
 * @param {Record<string, string>} runEnv
 */
async function time(args, runEnv = env) {
  await writeFile(output, '')
  await writeFile(summary, '')
  const started = performance.now()
  const code = await new Promise(resolve =>
    spawn(process.execPath, args, { env: runEnv, stdio: 'ignore' }).on('exit', resolve)
  )
  const ms = performance.now() - started
  if (runEnv === env && (code !== 0 || !/code(<<|=)/.test(await readFile(output, 'utf8')))) {
    throw new Error(`${args.join(' ')} did not succeed (exit ${code})`)
  }
  return ms
}

/** @param {number[]} values */
const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

try {
  for (let i = 0; i < WARM_UP; i++) {
    await time([BUNDLE])
    await time([FLOOR])
  }
  /** @type {number[]} */
  const action = []
  /** @type {number[]} */
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first so that neither always follows the other.
    if (i % 2 === 0) {
      action.push(await time([BUNDLE]))
      floor.push(await time([FLOOR]))
    } else {
      floor.push(await time([FLOOR]))
      action.push(await time([BUNDLE]))
    }
  }
  // Loading alone: a bare node against node importing the bundle with no inputs (it stops at once).
  const loadEnv = { PATH: env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }
  /** @type {number[]} */
  const bare = []
  /** @type {number[]} */
  const load = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(await time(['-e', '0'], loadEnv))
    load.push(await time([BUNDLE], loadEnv))
  }

  const dist = join(BUNDLE, '..')
  const kib = async (/** @type {string} */ name) => (await stat(join(dist, name))).size / 1024
  const chunks = (await readdir(dist)).filter(name => name.endsWith('.js') && name !== 'index.js')
  const chunkKiB = (await Promise.all(chunks.map(kib))).reduce((a, b) => a + b, 0)
  const ratio = median(action) / median(floor)
  const pairs = median(action.map((ms, i) => ms / (floor[i] ?? ms)))
  const fmt = (/** @type {number} */ ms) => `${ms.toFixed(1)} ms`
  console.log(
    `node ${process.version} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${RUNS} runs each after ${WARM_UP} warm-up`
  )
  if (process.argv[3]) console.log(`bundle under test: ${BUNDLE}`)
  console.log(
    `action (node dist/index.js)  median ${fmt(median(action))}   min ${fmt(Math.min(...action))}`
  )
  console.log(
    `floor  (node bench/floor.js) median ${fmt(median(floor))}   min ${fmt(Math.min(...floor))}`
  )
  console.log(`ratio of medians             ${ratio.toFixed(3)}`)
  console.log(`median of pair ratios        ${pairs.toFixed(3)}`)
  console.log(
    `bundle                       index.js ${(await kib('index.js')).toFixed(1)} KiB, loaded every run; chunks ${chunkKiB.toFixed(1)} KiB, loaded only behind a proxy`
  )
  console.log(
    `load alone                   ${fmt(median(load) - median(bare))} (bundle stopping at once: ${fmt(median(load))}; bare node: ${fmt(median(bare))})`
  )
} finally {
  await standIn.close()
  await rm(dir, { recursive: true, force: true })
}
