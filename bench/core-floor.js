// The core floor: a minimal action built the way the action is (ncc), on the same
// runner package: it reads the inputs with @actions/core, makes the same POST with node:http
// and sets one output with core.setOutput. Nothing that checks, reports or retries.
import * as core from '@actions/core'
import { request } from 'node:http'

const url = new URL(`${core.getInput('api-url')}/devices/${core.getInput('device')}/authcode`)
const body = JSON.stringify({ phone: core.getInput('phone').replace(/[^\d+]/g, '') })
const headers = { Token: core.getInput('api-key'), 'Content-Type': 'application/json' }
request(url, { method: 'POST', headers }, res => {
  let text = ''
  res.on('data', chunk => (text += chunk))
  res.on('end', () => core.setOutput('code', JSON.parse(text).data.code))
}).end(body)
