// @ts-check
/**
 * Runs the bundled action locally, exactly as a runner would, against the built-in Wassenger
 * stand-in: no key, no network. Prints the step log as GitHub shows it, the annotations with
 * their titles, the outputs and the job summary. Inputs as name=value (or --name=value):
 *
 *   npm run local
 *   npm run local -- device=Sales phone="+44 7400 123456"
 *   npm run local -- api-key=wrong
 *   npm run local -- device=fa170000000000000000dead timeout=3
 *   RUNNER_DEBUG=1 npm run local      (debug lines too, as with "Enable debug logging")
 */
import { readFileSync } from 'node:fs'
import { DEVICES, FAULTS, STAND_IN_KEY, startStandIn } from '../stand-in/server.js'
import { runAction } from './fake-runner.js'

const ACTION_INPUTS = Object.keys(actionInputs(new URL('../action.yml', import.meta.url)))

/** @type {Record<string, string>} */
const given = {}
for (const arg of process.argv.slice(2)) {
  const match = arg.match(/^(?:--)?([^=]+)=(.*)$/s)
  if (!match) {
    console.error(
      `Arguments are inputs as name=value or --name=value, e.g. device=Sales; got "${arg}".`
    )
    process.exit(2)
  }
  given[match[1] ?? ''] = match[2] ?? ''
}
const unexpected = Object.keys(given).filter(name => !ACTION_INPUTS.includes(name))
if (unexpected.length > 0) {
  // GitHub's own words for a step given an input its action does not have.
  console.log(
    `Warning: Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${ACTION_INPUTS.join("', '")}']\n`
  )
}

const standIn = await startStandIn()
/** The stand-in's numbers: the default is one that links with a code and no phone. */
const filled = {
  'api-key': STAND_IN_KEY,
  'api-url': standIn.url,
  device: DEVICES.find(device => device.alias === 'Linking')?.id ?? ''
}
const inputs = { ...filled, ...given }
try {
  const self = Object.keys(filled).filter(name => !(name in given))
  console.log(`Stand-in for Wassenger at ${standIn.url}.`)
  console.log(`Inputs (filled in by this script: ${self.join(', ') || 'none'}):`)
  for (const [name, value] of Object.entries(inputs))
    console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`)
  console.log()

  const outcome = await runAction(inputs)
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
  console.log(
    `Exit code ${outcome.exitCode}, ${outcome.durationMs} ms, ${standIn.requests.length} request(s) to the stand-in.`
  )
  console.log(
    `\nNumbers to try as device=...: ${DEVICES.map(d => `${d.alias} (${d.id}, session ${d.sessionStatus})`).join(', ')}`
  )
  console.log(
    `Faults and hostile answers as device=...: ${Object.keys(FAULTS).join(', ')} (npm run standin lists them)`
  )
  process.exitCode = outcome.exitCode ?? 1
} finally {
  await standIn.close()
}

/**
 * The input names of action.yml, read without a YAML parser: the keys under `inputs:`.
 * @param {URL} file
 * @returns {Record<string, true>}
 */
function actionInputs(file) {
  const text = readFileSync(file, 'utf8')
  const block = text.slice(text.indexOf('\ninputs:') + 1).split(/\n(?=\S)/)[0] ?? ''
  return Object.fromEntries([...block.matchAll(/^ {2}([\w-]+):/gm)].map(m => [m[1] ?? '', true]))
}

/**
 * @param {string} title
 * @param {string} body
 */
function section(title, body) {
  console.log(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}\n${body.trimEnd()}\n`)
}
