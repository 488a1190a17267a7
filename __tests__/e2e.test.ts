/**
 * .github/workflows/e2e.yml, played here as a runner plays it, so that a change that would fail it
 * on GitHub fails `npm test` first. The workflow is the one place its scenarios and expectations
 * are written: this file only plays them. Its steps run in order: `run:` steps with bash as
 * `shell: bash` runs them (`bash --noprofile --norc -eo pipefail`), in the repository, with
 * RUNNER_TEMP and the step's `env:`; each `uses: ./` step runs the committed bundle with its
 * `with:` and action.yml's defaults (on $ACTION_NODE when set, as action.yml's node24); the other
 * actions (checkout, setup-node) are what this checkout and this Node already are. Expressions
 * are the few a step may name: `steps.<id>.outputs.<name>`, `.outcome` and `.conclusion`; any
 * other fails the test, so that the player never passes what it cannot play.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { runAction, type RunOutcome } from '../scripts/fake-runner.js'

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
const defaults = Object.fromEntries(
  Object.entries((read('action.yml') as Action).inputs).map(([name, input]) => [
    name,
    String(input.default ?? '')
  ])
)

/** What a step left behind, as `steps.<id>` names it. */
interface Played {
  readonly outcome: 'success' | 'failure'
  readonly conclusion: 'success' | 'failure'
  readonly outputs: Record<string, string>
  /** What to show when the job fails here. */
  readonly log: string
}

const temp = mkdtempSync(join(tmpdir(), 'e2e-runner-temp-'))
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

/** `${{ steps.x.outputs.y }}` and the like, from the steps played so far; anything else throws. */
function expand(text: string, steps: ReadonlyMap<string, Played>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
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
      env: { ...process.env, RUNNER_TEMP: temp, ...env },
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

/** A `uses: ./` step: the committed bundle with the step's inputs over action.yml's defaults. */
async function runThisAction(inputs: Record<string, string>): Promise<Played> {
  const outcome: RunOutcome = await runAction(
    { ...defaults, ...inputs },
    process.env.ACTION_NODE ? { node: process.env.ACTION_NODE } : {}
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
    const steps = new Map<string, Played>()
    for (const [index, step] of job.steps.entries()) {
      const title = step.name ?? step.uses ?? `step ${index + 1}`
      if (step.if !== undefined) throw new Error(`${title}: the player does not evaluate if:.`)
      let played: Played
      if (step.run !== undefined) {
        const env = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value, steps)])
        )
        played = await runBash(expand(step.run, steps), env)
      } else if (step.uses === './') {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([name, value]) => [
            name,
            expand(String(value), steps)
          ])
        )
        played = await runThisAction(inputs)
      } else {
        // actions/checkout and actions/setup-node: this checkout and this Node.
        continue
      }
      if (played.outcome === 'failure' && step['continue-on-error'] === true) {
        played = { ...played, conclusion: 'success' }
      }
      if (step.id) steps.set(step.id, played)
      // The job fails at the first step whose conclusion is failure: its name and log say why.
      if (played.conclusion === 'failure') throw new Error(`Step "${title}" failed:\n${played.log}`)
    }
    expect(steps.size).toBeGreaterThan(4)
  }, 60_000)
})
