// The floor: the same request as the action with nothing around it. Nothing that validates,
// reports or retries can start and finish faster. Kept as bare as that on purpose.
import { request } from 'node:http'
import { appendFileSync } from 'node:fs'

const env = process.env
const url = new URL(`${env['INPUT_API-URL']}/devices/${env.INPUT_DEVICE}/authcode`)
const body = JSON.stringify({ phone: env.INPUT_PHONE.replace(/[^\d+]/g, '') })
const headers = { Token: env['INPUT_API-KEY'], 'Content-Type': 'application/json' }
request(url, { method: 'POST', headers }, res => {
  let text = ''
  res.on('data', chunk => (text += chunk))
  res.on('end', () => appendFileSync(env.GITHUB_OUTPUT, `code=${JSON.parse(text).data.code}\n`))
}).end(body)
