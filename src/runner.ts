import { appendFileSync, writeSync } from 'node:fs'

// os.EOL without loading node:os, which costs start-up time.
const EOL = process.platform === 'win32' ? '\r\n' : '\n'

/**
 * The runner's protocol, as @actions/core speaks it: inputs from INPUT_* variables, workflow
 * commands on stdout, outputs and the job summary appended to the files the runner names.
 * Written out here because importing @actions/core also loads its OIDC client (and with it
 * @actions/http-client and undici), which costs every run more start-up time than all the rest.
 */

/** The raw input as the runner gives it ('' when not given). */
export function getInput(name: string): string {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
}

/** `::name key=value::message`, escaped as the runner unescapes it. */
export function command(
  name: string,
  message: string,
  properties: Record<string, string> = {}
): void {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  writeStdout(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

export function log(message: string): void {
  writeStdout(`${message}${EOL}`)
}

/** Step outputs, in the heredoc form that carries any value, line breaks included; one write. */
export function setOutputs(outputs: Readonly<Record<string, string>>): void {
  const file = process.env.GITHUB_OUTPUT
  const entries = Object.entries(outputs)
  if (!file) return entries.forEach(([name, value]) => command('set-output', value, { name }))
  appendFileSync(file, entries.map(([name, value]) => heredoc(name, value)).join(''))
}

function heredoc(name: string, value: string): string {
  // Any delimiter the value does not contain is safe; checking beats a UUID (whose crypto
  // module costs start-up time).
  let delimiter = 'ghadelimiter_'
  while (value.includes(delimiter)) delimiter += Math.random().toString(36).slice(2)
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`
}

/** Appends markdown to the job summary; outside a runner there is none, which is no failure. */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (file) appendFileSync(file, `${markdown}${EOL}`)
}

/**
 * Straight to file descriptor 1: building process.stdout costs start-up time, and the runner
 * reads the lines as they come either way. A non-blocking pipe that is full says EAGAIN: retry.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text)
  for (let written = 0; written < bytes.length;) {
    try {
      written += writeSync(1, bytes, written)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    }
  }
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
