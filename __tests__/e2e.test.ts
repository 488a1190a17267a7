/**
 * .github/workflows/e2e.yml, played here as a runner plays it, so that a change that would fail it
 * on GitHub fails `npm test` first. The workflow is the one place its scenarios and expectations
 * are written: this file only plays them. Its steps run in order: `run:` steps with bash as
 * `shell: bash` runs them (`bash --noprofile --norc -eo pipefail`), in the repository, with
 * RUNNER_TEMP and the step's `env:`; each `uses: ./` step runs the committed bundle with its
 * `with:` and action.yml's defaults (on $ACTION_NODE when set, as action.yml's node24), and each
 * `uses: ./numbers` step that action's bundle the same way; the other
 * actions (checkout, setup-node) are what this checkout and this Node already are. `name=value`
 * lines a step writes to $GITHUB_ENV are in the environment of the steps after it. Expressions
 * are the few a step may name: `env.<NAME>`, `steps.<id>.outputs.<name>`, `.outcome`,
 * `.conclusion`, and `fromJSON(steps.<id>.outputs.<name>)[N]`; any other fails the test, so that
 * the player never passes what it cannot play.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { BUNDLE, NUMBERS_BUNDLE, runAction, type RunOutcome } from '../scripts/fake-runner.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const read = (path: string): unknown => parse(readFileSync(join(root, path), 'utf8'))

interface Step {
  readonly id?: string
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, string | number | boolean>
  readonly env?: Record<string, string>
  readonly if?: string
  readonly 'continue-on-error'?: boolean
}
interface Workflow {
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>
}
interface Action {
  readonly inputs: Record<string, { readonly default?: string }>
}

const workflow = read('.github/workflows/e2e.yml') as Workflow
/** An action.yml's defaults for its inputs. */
const defaultsOf = (path: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries((read(path) as Action).inputs).map(([name, input]) => [
      name,
      String(input.default ?? '')
    ])
  )
/** This repository's actions, as `uses:` names them. */
const ACTIONS = {
  './': { defaults: defaultsOf('action.yml'), bundle: BUNDLE },
  './numbers': { defaults: defaultsOf('numbers/action.yml'), bundle: NUMBERS_BUNDLE }
}

/** What a step left behind, as `steps.<id>` names it. */
interface Played {
  readonly outcome: 'success' | 'failure'
  readonly conclusion: 'success' | 'failure'
  readonly outputs: Record<string, string>
  /** What to show when the job fails here. */
  readonly log: string
}

const temp = mkdtempSync(join(tmpdir(), 'e2e-runner-temp-'))
const githubEnv = join(temp, 'github-env')
/** Process groups that `run:` steps left in the background (the stand-in), ended after the job. */
const groups: number[] = []
afterAll(() => {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  rmSync(temp, { recursive: true, force: true })
})

/** What the steps played so far left: their results, and the variables written to $GITHUB_ENV. */
interface Job {
  readonly steps: Map<string, Played>
  readonly env: Record<string, string>
}

/** `${{ steps.x.outputs.y }}`, `${{ env.X }}` and the like, from the job so far; anything else throws. */
function expand(text: string, { steps, env }: Job): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const variable = /^env\.(\w+)$/.exec(expression)?.[1]
    if (variable !== undefined && env[variable] !== undefined) return env[variable]
    // `fromJSON(steps.x.outputs.y)[N]`: an item of a JSON list a step gave, as a matrix takes it.
    const item = /^fromJSON\((steps\.[\w-]+\.outputs\.[\w-]+)\)\[(\d+)\]$/.exec(expression)
    if (item) {
      const list: unknown = JSON.parse(expand(`\${{ ${item[1]} }}`, { steps, env }))
      return String((Array.isArray(list) && list[Number(item[2])]) ?? '')
    }
    const match = /^steps\.([\w-]+)\.(?:outputs\.([\w-]+)|(outcome|conclusion))$/.exec(expression)
    const step = match && steps.get(match[1] ?? '')
    if (!match || !step) throw new Error(`The player cannot evaluate \${{ ${expression} }}.`)
    return match[2] !== undefined ? (step.outputs[match[2]] ?? '') : step[match[3] as 'outcome']
  })
}

/** A `run:` step, as `shell: bash` runs it; a step that leaves a process behind leaves its group. */
function runBash(script: string, env: Record<string, string>): Promise<Played> {
  return new Promise(resolve => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: root,
      env: { ...process.env, RUNNER_TEMP: temp, GITHUB_ENV: githubEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    if (child.pid !== undefined) groups.push(child.pid)
    let log = ''
    child.stdout.on('data', chunk => (log += chunk))
    child.stderr.on('data', chunk => (log += chunk))
    // `exit`, not `close`: a process left in the background may hold the pipes open.
    child.on('exit', code => {
      const outcome = code === 0 ? 'success' : 'failure'
      resolve({ outcome, conclusion: outcome, outputs: {}, log })
    })
  })
}

/** The `name=value` lines written to $GITHUB_ENV so far (the only form the player reads). */
function writtenEnv(): Record<string, string> {
  const lines = existsSync(githubEnv) ? readFileSync(githubEnv, 'utf8').split('\n') : []
  return Object.fromEntries(
    lines.flatMap(line => {
      const match = /^(\w+)=(.*)$/.exec(line)
      return match ? [[match[1], match[2]]] : []
    })
  )
}

/** A `uses: ./` or `./numbers` step: its committed bundle, the step's inputs over its defaults. */
async function runThisAction(
  uses: './' | './numbers',
  inputs: Record<string, string>,
  env: Record<string, string>
): Promise<Played> {
  const action = ACTIONS[uses]
  const outcome: RunOutcome = await runAction(
    { ...action.defaults, ...inputs },
    {
      env,
      bundle: action.bundle,
      ...(process.env.ACTION_NODE ? { node: process.env.ACTION_NODE } : {})
    }
  )
  return {
    outcome: outcome.exitCode === 0 ? 'success' : 'failure',
    conclusion: outcome.exitCode === 0 ? 'success' : 'failure',
    outputs: outcome.outputs,
    log: [...outcome.log, outcome.stderr].join('\n')
  }
}

describe.each(Object.entries(workflow.jobs))('e2e.yml, job %s, played', (_, job) => {
  it('every step passes, in order', async () => {
    const played: Job = { steps: new Map(), env: {} }
    for (const [index, step] of job.steps.entries()) {
      const title = step.name ?? step.uses ?? `step ${index + 1}`
      if (step.if !== undefined) throw new Error(`${title}: the player does not evaluate if:.`)
      const expanded = (values: Record<string, unknown> = {}): Record<string, string> =>
        Object.fromEntries(
          Object.entries(values).map(([name, value]) => [name, expand(String(value), played)])
        )
      let result: Played
      if (step.run !== undefined) {
        result = await runBash(expand(step.run, played), { ...played.env, ...expanded(step.env) })
      } else if (step.uses === './' || step.uses === './numbers') {
        result = await runThisAction(step.uses, expanded(step.with), played.env)
      } else {
        // actions/checkout and actions/setup-node: this checkout and this Node.
        continue
      }
      Object.assign(played.env, writtenEnv())
      if (result.outcome === 'failure' && step['continue-on-error'] === true) {
        result = { ...result, conclusion: 'success' }
      }
      if (step.id) played.steps.set(step.id, result)
      // The job fails at the first step whose conclusion is failure: its name and log say why.
      if (result.conclusion === 'failure') throw new Error(`Step "${title}" failed:\n${result.log}`)
    }
    expect(played.steps.size).toBeGreaterThan(4)
  }, 60_000)
})
