// @ts-check
/**
 * `npm run bench`: the bundled action's whole run against two floors, in one process,
 * alternating, after a warm-up: a successful request with a phone against the stand-in on
 * loopback, outputs and summary written.
 *   - core floor (bench/core-floor.js, bundled here with ncc as the action is): the same
 *     request on the same runner package, @actions/core, with nothing around it;
 *   - node floor (bench/floor.js): the same request on node:http alone.
 * Each run's figure is the CPU time (user + system) of its process, which other load on the
 * machine moves far less than wall time (bench/cpu.cjs measures it). Prints the medians and
 * the median of pair-by-pair ratios against each floor; the guard is 1.25 against the core floor.
 *
 *   npm run bench [-- RUNS [BUNDLE [NODE]]]
 *
 * BUNDLE measures another build the same way (e.g. `git archive <commit> dist | tar -x -C /tmp/old`
 * -> /tmp/old/dist/index.js); NODE another Node.js binary (e.g. Node 24, see CONTRIBUTING.md).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEVICES, STAND_IN_KEY } from '../stand-in/numbers.js'
import { startStandIn } from '../stand-in/server.js'

const RUNS = Number(process.argv[2] ?? 20)
const WARM_UP = 3
const here = (/** @type {string} */ path) => fileURLToPath(new URL(path, import.meta.url))
const BUNDLE = resolve(process.argv[3] ?? here('../dist/index.js'))
const NODE = process.argv[4] ?? process.execPath

const dir = await mkdtemp(join(tmpdir(), 'wassenger-bench-'))
execFileSync(process.execPath, [
  here('../node_modules/@vercel/ncc/dist/ncc/cli.js'),
  'build',
  here('./core-floor.js'),
  '--out',
  join(dir, 'core-floor'),
  '--target',
  'es2022',
  '--quiet'
])
const contenders = {
  action: BUNDLE,
  'core floor': join(dir, 'core-floor', 'index.js'),
  'node floor': here('./floor.js')
}

const standIn = await startStandIn()
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
 * CPU time of one `node script` from start to exit, in ms; checks it produced a code.
 * @param {string} script
 */
async function time(script) {
  await writeFile(output, '')
  await writeFile(summary, '')
  const child = spawn(NODE, ['-r', here('./cpu.cjs'), script], {
    env,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe']
  })
  let micros = ''
  child.stdio[3]?.on('data', chunk => (micros += chunk))
  const code = await new Promise(resolve => child.on('close', resolve))
  if (code !== 0 || !/code(<<|=)/.test(await readFile(output, 'utf8'))) {
    throw new Error(`${script} did not succeed (exit ${code})`)
  }
  return Number(micros) / 1000
}

/** @param {number[]} values */
const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

try {
  const names = /** @type {Array<keyof typeof contenders>} */ (Object.keys(contenders))
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(names.map(name => [name, []]))
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    // Rotate which goes first so that none always follows another.
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length] ?? 'action'
      const ms = await time(contenders[name])
      if (i >= WARM_UP) times[name]?.push(ms)
    }
  }
  const fmt = (/** @type {number} */ ms) => `${ms.toFixed(1)} ms`
  const version = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()
  console.log(
    `node ${version} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${RUNS} runs each after ${WARM_UP} warm-up`
  )
  if (process.argv[3]) console.log(`bundle under test: ${BUNDLE}`)
  for (const name of names) {
    const values = times[name] ?? []
    const kib = (await stat(contenders[name])).size / 1024
    console.log(
      `${name.padEnd(11)} CPU median ${fmt(median(values))}  min ${fmt(Math.min(...values))}  (${kib.toFixed(0)} KiB)`
    )
  }
  const action = times.action ?? []
  for (const floor of ['core floor', 'node floor']) {
    const base = times[floor] ?? []
    const pairs = median(action.map((ms, i) => ms / (base[i] ?? ms)))
    console.log(
      `action / ${floor}: median of pair ratios ${pairs.toFixed(3)}, ratio of medians ${(median(action) / median(base)).toFixed(3)}`
    )
  }
} finally {
  await standIn.close()
  await rm(dir, { recursive: true, force: true })
}
