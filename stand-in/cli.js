// @ts-check
/** Runs the stand-in in the foreground: `npm run standin [-- PORT]`. */
import { DEVICES, FAULTS, STAND_IN_KEY, startStandIn } from './server.js'

const standIn = await startStandIn({ port: Number(process.argv[2] ?? 0) })
console.log(`Wassenger stand-in on ${standIn.url} (API key: ${STAND_IN_KEY})`)
for (const device of DEVICES)
  console.log(`  ${device.id}  ${device.alias.padEnd(8)} session ${device.sessionStatus}`)
for (const [id, fault] of Object.entries(FAULTS)) console.log(`  ${id}  ${fault}`)
process.on('SIGINT', () => void standIn.close().then(() => process.exit(0)))
process.on('SIGTERM', () => void standIn.close().then(() => process.exit(0)))
