// @ts-check
/**
 * `npm run bench`: the action's start-up against its floor, an ncc-bundled `@actions/core` action
 * making the same POST with nothing around it. Each is a fresh `node` against the stand-in,
 * alternated, after a warm-up; the figure is each process's CPU time (user + system, at exit),
 * which other load moves far less than wall time. The guard: at most 1.25 times the floor.
 *
 *   npm run bench [-- RUNS [NODE [BUNDLE]]]   (default 20 runs, this Node, dist/index.js)
 *
 * BUNDLE is another build to compare, e.g. `git archive <commit> dist | tar -x -C /tmp/old`.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUNDLE } from '../scripts/fake-runner.js'
import { DEVICES, STAND_IN_KEY } from '../stand-in/numbers.js'
import { startStandIn } from '../stand-in/server.js'

const RUNS = Number(process.argv[2] ?? 20)
const NODE = process.argv[3] ?? process.execPath
const ACTION = process.argv[4] ?? BUNDLE
const root = fileURLToPath(new URL('..', import.meta.url))

// The floor: the inputs read and one output set with @actions/core, the same POST with node:http.
const FLOOR = `import * as core from '@actions/core'
import { request } from 'node:http'
const url = new URL(core.getInput('api-url') + '/devices/' + core.getInput('device') + '/authcode')
const body = JSON.stringify({ phone: core.getInput('phone').replace(/[^0-9+]/g, '') })
const headers = { Token: core.getInput('api-key'), 'Content-Type': 'application/json' }
request(url, { method: 'POST', headers }, res => {
  let text = ''
  res.on('data', chunk => (text += chunk))
  res.on('end', () => core.setOutput('code', JSON.parse(text).data.code))
}).end(body)
`
// Preloaded into both: the process's own CPU time at exit, in µs, to file descriptor 3.
const CPU =
  "data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeSync(3,String(u.user+u.system))})"

// Built beside the project, so that ncc finds @actions/core as the action's build does.
const dir = await mkdtemp(join(root, '.cache', 'bench-'))
await writeFile(join(dir, 'floor.mjs'), FLOOR)
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
execFileSync(process.execPath, [ncc, 'build', join(dir, 'floor.mjs'), '-o', join(dir, 'floor')])
const contenders = { action: ACTION, floor: join(dir, 'floor', 'index.mjs') }

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

/** The CPU milliseconds of one run of `script`, which must set the `code` output. */
async function cpuMs(/** @type {string} */ script) {
  await writeFile(output, '')
  await writeFile(summary, '')
  const child = spawn(NODE, ['--import', CPU, script], {
    env,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe']
  })
  let micros = ''
  child.stdio[3]?.on('data', chunk => (micros += chunk))
  const code = await new Promise(resolve => child.on('close', resolve))
  if (code !== 0 || !/code(<<|=)/.test(await readFile(output, 'utf8'))) {
    throw new Error(`${script} did not set a code (exit ${code})`)
  }
  return Number(micros) / 1000
}

const median = (/** @type {number[]} */ values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

try {
  /** @type {{ action: number[], floor: number[] }} */
  const times = { action: [], floor: [] }
  // The first three rounds warm up; each contender goes first in turn.
  for (let round = -3; round < RUNS; round++) {
    /** @type {Array<'action' | 'floor'>} */
    const order = round % 2 ? ['action', 'floor'] : ['floor', 'action']
    for (const name of order) {
      const ms = await cpuMs(contenders[name])
      if (round >= 0) times[name].push(ms)
    }
  }
  const ratios = times.action.map((ms, i) => ms / (times.floor[i] ?? ms))
  const version = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()
  console.log(`node ${version}, ${RUNS} runs each, CPU time (user + system) per process`)
  console.log(
    `action ${median(times.action).toFixed(1)} ms, floor ${median(times.floor).toFixed(1)} ms`
  )
  console.log(`action / floor: median of pair ratios ${median(ratios).toFixed(3)} (guard: 1.25)`)
} finally {
  await standIn.close()
  await rm(dir, { recursive: true, force: true })
}
