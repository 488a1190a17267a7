// @ts-check
/** Runs the stand-in in the foreground: `npm run standin [-- PORT]`; `-- --help` says what it has. */
import { faultLines } from './faults.js'
import { numberLines, STAND_IN_KEY } from './numbers.js'
import { startStandIn } from './server.js'

const [arg] = process.argv.slice(2)
if (arg === '--help' || arg === '-h') {
  console.log(
    [
      'npm run standin [-- PORT]: a stand-in for the Wassenger API on 127.0.0.1 (PORT 0 or none: any free one);',
      'its first line is its origin, http://127.0.0.1:PORT.',
      `Its API key is ${STAND_IN_KEY}. Point the action at it with api-url: http://127.0.0.1:PORT/v1.`,
      'It is a chat webhook too: notify-webhook: http://127.0.0.1:PORT/chat/anything prints each',
      'message as the chat would show it (/chat/refused answers 404, /chat/silent never answers).',
      '',
      'Numbers (device: the alias, the ID or the phone), and what each plays:',
      ...numberLines(),
      '',
      'Faults and hostile answers (device: the ID):',
      ...faultLines()
    ].join('\n')
  )
  process.exit(0)
}
const port = Number(arg ?? 0)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`The port must be a whole number from 0 to 65535 (got "${arg}"); --help says more.`)
  process.exit(2)
}

const standIn = await startStandIn({
  port,
  onChat: post => console.log(`Chat message to ${post.path}:\n${post.shown}\n`)
}).catch((/** @type {NodeJS.ErrnoException} */ error) => {
  const why =
    error.code === 'EADDRINUSE' ? 'is in use by another program' : `failed (${error.code})`
  console.error(
    `Port ${port} on 127.0.0.1 ${why}: run without a port, and one that is free is taken.`
  )
  process.exit(2)
})
// The first line is the origin alone, for a script to read: api-url is it with /v1.
console.log(new URL(standIn.url).origin)
console.log(`Wassenger stand-in: api-url ${standIn.url}, API key ${STAND_IN_KEY}`)
for (const line of [...numberLines(), ...faultLines()]) console.log(line)
process.on('SIGINT', () => void standIn.close().then(() => process.exit(0)))
process.on('SIGTERM', () => void standIn.close().then(() => process.exit(0)))
