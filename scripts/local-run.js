// @ts-check
/**
 * Runs the bundled action locally, exactly as a runner would, against the built-in Wassenger
 * stand-in: no key, no network. Inputs as name=value arguments override the defaults:
 *
 *   npm run local
 *   npm run local -- api-key=wrong
 *   npm run local -- device=fa170000000000000000dead timeout=3
 */
import { DEVICES, FAULTS, STAND_IN_KEY, startStandIn } from '../stand-in/server.js'
import { runAction } from './runner.js'

/** @type {Record<string, string>} */
const inputs = {
  'api-key': STAND_IN_KEY,
  device: DEVICES[1]?.id ?? '',
  phone: '+44 7400 123456',
  force: 'false'
}
for (const arg of process.argv.slice(2)) {
  const at = arg.indexOf('=')
  if (at < 1) {
    console.error(`Arguments are input=value pairs, e.g. device=${DEVICES[0]?.id}; got "${arg}"`)
    process.exit(2)
  }
  inputs[arg.slice(0, at)] = arg.slice(at + 1)
}

const standIn = await startStandIn()
inputs['api-url'] ??= standIn.url
try {
  const shown = Object.entries(inputs).map(
    ([name, value]) => `  ${name}: ${name === 'api-key' ? '***' : value}`
  )
  console.log(`Stand-in for Wassenger at ${standIn.url}. Inputs:\n${shown.join('\n')}\n`)
  const outcome = await runAction(inputs)
  section('Step log (stdout: workflow commands and log lines)', outcome.stdout + outcome.stderr)
  section(
    'Outputs ($GITHUB_OUTPUT)',
    Object.entries(outcome.outputs)
      .map(
        ([k, v]) => `${k}=${v.length > 500 ? `${v.slice(0, 500)}… (${v.length} characters)` : v}`
      )
      .join('\n')
  )
  section('Job summary ($GITHUB_STEP_SUMMARY)', outcome.summary)
  console.log(
    `Exit code ${outcome.exitCode}, ${outcome.durationMs} ms, ${standIn.requests.length} request(s) to the stand-in.`
  )
  console.log(
    `\nOther numbers: ${DEVICES.map(d => `${d.id} (${d.alias}, ${d.sessionStatus})`).join(', ')}`
  )
  console.log(
    `Faults to try as device=...: ${Object.keys(FAULTS).join(', ')} (see stand-in/server.js)`
  )
  process.exitCode = outcome.exitCode ?? 1
} finally {
  await standIn.close()
}

/**
 * @param {string} title
 * @param {string} body
 */
function section(title, body) {
  console.log(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}\n${body.trimEnd()}\n`)
}
