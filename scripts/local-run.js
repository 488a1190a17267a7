// @ts-check
/**
 * Runs the bundled action locally, exactly as a runner would, against the built-in Wassenger
 * stand-in: no key, no network. Prints the step log as GitHub shows it, the annotations with
 * their titles, the outputs and the job summary. Runs what the sources say: when src/ has
 * changed since dist/ was built, it rebuilds dist/ first. `npm run local -- --help` says more.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { faultLines } from '../stand-in/faults.js'
import { AGENCY_KEY, DEVICES, numberLines, STAND_IN_KEY } from '../stand-in/numbers.js'
import { startStandIn } from '../stand-in/server.js'
import { NUMBERS_BUNDLE, runAction } from './fake-runner.js'
import { recordedHash, sourcesHash } from './sources-hash.js'

// `npm run local -- numbers ...` runs the numbers action (numbers/action.yml) instead.
const numbers = process.argv[2] === 'numbers'
const ACTION_INPUTS = actionInputs(
  new URL(numbers ? '../numbers/action.yml' : '../action.yml', import.meta.url)
)
const names = Object.keys(ACTION_INPUTS)

const args = process.argv.slice(numbers ? 3 : 2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(help())
  process.exit(0)
}

/** @type {Record<string, string>} */
const given = {}
/** @type {string[]} */
const notes = []
// `npm run local --device=Sales`, without `--`, makes npm take the option as its own and hand it
// over as npm_config_device: taken as the input it was meant to be, and said so.
for (const name of names) {
  const value = process.env[`npm_config_${name.replace(/-/g, '_')}`]
  if (value === undefined || value === '') continue
  given[name] = value
  notes.push(
    `npm took --${name} as its own option; it is read as the input ${name}. Put -- before the inputs to hand them over as they are: npm run local -- ${name}=${value}`
  )
}
/** @type {string[]} */
const unexpected = []
for (const arg of args) {
  const match = arg.match(/^(?:--)?([^=]+)=(.*)$/s)
  if (!match) {
    console.error(
      `Arguments are inputs as name=value or --name=value, e.g. device=Sales; got "${arg}". --help lists them.`
    )
    process.exit(2)
  }
  const [, written = '', value = ''] = match
  // The runner hands inputs over as INPUT_<NAME>, upper-cased: Device is the input device.
  const name = names.find(input => input.toLowerCase() === written.toLowerCase())
  if (name && name !== written) {
    notes.push(`${written} is the input ${name}: the runner upper-cases input names.`)
  }
  if (!name) unexpected.push(written)
  given[name ?? written] = value
}
if (unexpected.length > 0) {
  // GitHub's own words for a step given an input its action does not have, and a hint.
  console.log(
    `Warning: Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${names.join("', '")}']`
  )
  for (const name of unexpected) {
    const near = names.find(input => distance(input, name.toLowerCase()) <= 2)
    if (near) console.log(`  ${name}: did you mean ${near}?`)
  }
  // On GitHub the step would run without it; here nothing is run that was not meant.
  console.error('Nothing was run: fix the input names above, then run again.')
  process.exit(2)
}
for (const note of notes) console.log(note)

runWhatTheSourcesSay()

const standIn = await startStandIn()
/** The stand-in's numbers: the default is one that links with a code and no phone; for the
 * numbers action, the agency's thousand. */
/** @type {Record<string, string>} */
const filled = numbers
  ? { 'api-key': AGENCY_KEY, 'api-url': standIn.url }
  : {
      'api-key': STAND_IN_KEY,
      'api-url': standIn.url,
      device: DEVICES.find(device => device.alias === 'Linking')?.id ?? ''
    }
/** @type {Record<string, string>} */
const inputs = { ...filled, ...given }
// A path for notify-webhook is a chat the stand-in plays: joined to its address.
if (inputs['notify-webhook']?.startsWith('/')) {
  inputs['notify-webhook'] = `${new URL(standIn.url).origin}${inputs['notify-webhook']}`
}
try {
  const self = Object.keys(filled).filter(name => !(name in given))
  console.log(`Stand-in for Wassenger at ${standIn.url}.`)
  console.log(`Inputs (filled in by this script: ${self.join(', ') || 'none'}):`)
  for (const [name, value] of Object.entries(inputs))
    console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`)
  console.log()

  // A run's own variables, as a dispatch from GitHub sets them: the chat's message links the run.
  const runner = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'your-org/your-repo',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKFLOW_REF: 'your-org/your-repo/.github/workflows/relink-whatsapp.yml@refs/heads/main',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_ACTOR: 'you'
  }
  const outcome = await runAction(inputs, {
    env: { ...runner, ...process.env },
    ...(numbers ? { bundle: NUMBERS_BUNDLE } : {})
  })
  section('Step log, as GitHub shows it', [...outcome.log, outcome.stderr].join('\n'))
  section(
    'Annotations, as the run page lists them',
    outcome.annotations.map(a => `${a.level}: ${a.title}\n    ${a.message}`).join('\n') || '(none)'
  )
  section(
    'Outputs',
    Object.entries(outcome.outputs)
      .map(
        ([k, v]) => `${k}=${v.length > 500 ? `${v.slice(0, 500)}… (${v.length} characters)` : v}`
      )
      .join('\n')
  )
  section('Job summary (markdown; shown once the step has ended)', outcome.summary)
  if (standIn.chat.length > 0) {
    section(
      'Chat messages, as the person reading the chat reads them',
      standIn.chat.map(post => post.shown).join('\n\n')
    )
  }
  console.log(
    `Exit code ${outcome.exitCode}, ${outcome.durationMs} ms, ${standIn.requests.length} request(s) to the stand-in.`
  )
  console.log('\nOther numbers, faults and inputs to try: npm run local -- --help')
  process.exitCode = outcome.exitCode ?? 1
} finally {
  await standIn.close()
}

/** Rebuilds dist/ when src/ has changed since it was built, saying so in one line. */
function runWhatTheSourcesSay() {
  if (recordedHash() === sourcesHash()) return
  const canBuild = existsSync(new URL('../node_modules/@vercel/ncc/', import.meta.url))
  if (!canBuild) {
    console.log(
      'src/ has changed since dist/ was built, and the tools to rebuild it are not installed (npm ci): running the committed dist/, which may not show the change.\n'
    )
    return
  }
  console.log('src/ has changed since dist/ was built: rebuilding dist/ first (npm run bundle).\n')
  // LOCAL_BUILD_COMMAND stands in for the build in this script's own tests.
  const command = process.env.LOCAL_BUILD_COMMAND ?? 'npm run --silent bundle'
  const project = fileURLToPath(new URL('..', import.meta.url))
  const built = spawnSync(command, { cwd: project, stdio: 'inherit', shell: true })
  if (built.status !== 0) {
    console.error('The build failed: fix what it says, then run again.')
    process.exit(1)
  }
}

function help() {
  const inputLines = names.map(name => {
    const { required, fallback } = ACTION_INPUTS[name] ?? { required: false, fallback: '' }
    const how = required ? 'required' : `default ${JSON.stringify(fallback)}`
    return `  ${name.padEnd(14)} ${how}`
  })
  return [
    'npm run local [-- name=value ...]: the action as a runner runs it (dist/index.js, rebuilt first',
    'when src/ has changed), against a stand-in for Wassenger on 127.0.0.1. No key, no network.',
    'Prints the step log as GitHub shows it, the annotations, the outputs and the job summary.',
    'api-key, api-url and device are filled in unless given (device: the Linking number).',
    '',
    'Inputs (name=value or --name=value; action.yml has what each does):',
    ...inputLines,
    '',
    'Numbers (device=the alias, the ID or the phone), and what each plays:',
    ...numberLines(),
    '',
    'Faults and hostile answers (device=the ID):',
    ...faultLines(),
    '',
    "The team's chat: notify-webhook=/chat/team is a chat the stand-in plays, which prints each",
    'message as the person reads it; add notify-format=teams, discord or google-chat for their forms',
    '(/chat/refused answers 404, /chat/silent never answers).',
    '',
    'npm run local -- numbers [name=value ...] runs the numbers action (numbers/action.yml) on the',
    "stand-in's second account, an agency's thousand numbers (api-key and api-url filled in).",
    '',
    'E.g., an active session replaced, then a second code that links, posted to a chat, then the',
    'debug lines, then the numbers that need relinking:',
    '  npm run local -- device="+1 (212) 555-0100" force=true',
    '  npm run local -- device="Renew and link" wait=70 wait-interval=1 renew=1 notify-webhook=/chat/team',
    '  RUNNER_DEBUG=1 npm run local',
    '  npm run local -- numbers max=5'
  ].join('\n')
}

/**
 * The inputs of action.yml, read without a YAML parser: the keys under `inputs:`, whether each
 * is required, and its default.
 * @param {URL} file
 * @returns {Record<string, { required: boolean, fallback: string }>}
 */
function actionInputs(file) {
  const text = readFileSync(file, 'utf8')
  const block = text.slice(text.indexOf('\ninputs:') + 1).split(/\n(?=\S)/)[0] ?? ''
  const entries = block.split(/\n(?= {2}[\w-]+:)/).slice(1)
  return Object.fromEntries(
    entries.map(entry => [
      /^ {2}([\w-]+):/.exec(entry)?.[1] ?? '',
      {
        required: /^ {4}required: true$/m.test(entry),
        fallback: /^ {4}default: '?([^'\n]*)'?$/m.exec(entry)?.[1] ?? ''
      }
    ])
  )
}

/**
 * How many single-character edits turn `a` into `b` (Levenshtein).
 * @param {string} a
 * @param {string} b
 */
function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost)
    }
    row = next
  }
  return row[b.length] ?? 0
}

/**
 * @param {string} title
 * @param {string} body
 */
function section(title, body) {
  console.log(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}\n${body.trimEnd()}\n`)
}
