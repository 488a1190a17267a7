// @ts-check
/**
 * Runs the bundled action as a GitHub runner does: inputs as INPUT_<NAME> variables (hyphens kept),
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, workflow commands read back from stdout.
 * Shared by `npm run local` and the end-to-end tests.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BUNDLE = fileURLToPath(new URL('../dist/index.js', import.meta.url))

/**
 * @typedef {object} Annotation
 * @property {'error' | 'warning' | 'notice'} level
 * @property {string} title
 * @property {string} message
 */

/**
 * @typedef {object} RunOutcome
 * @property {number | null} exitCode
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary
 * @property {Annotation[]} annotations
 * @property {number} durationMs
 */

/**
 * @param {Record<string, string>} inputs  by action.yml name, e.g. { 'api-key': '...', device: '...' }
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<RunOutcome>}
 */
export async function runAction(inputs, options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'wassenger-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  /** @type {Record<string, string>} */
  const env = {}
  for (const [name, value] of Object.entries(process.env)) {
    // A runner gives the step only its own inputs; debug and proxy settings come from the caller.
    if (value !== undefined && !name.startsWith('INPUT_') && !name.startsWith('GITHUB_'))
      env[name] = value
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile }, options.env)

  try {
    const started = performance.now()
    const { exitCode, stdout, stderr } = await spawnNode(
      [BUNDLE],
      env,
      options.timeoutMs ?? 120_000
    )
    const durationMs = Math.round(performance.now() - started)
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      annotations: parseAnnotations(stdout),
      durationMs
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {number} timeoutMs
 * @returns {Promise<{ exitCode: number | null, stdout: string, stderr: string }>}
 */
function spawnNode(args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ exitCode: code, stdout, stderr })
    })
  })
}

/**
 * The GITHUB_OUTPUT file format written by @actions/core: `name<<DELIMITER`, value lines, `DELIMITER`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = line.match(/^([^=<]+)<<(.+)$/)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      outputs[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return outputs
}

/**
 * `::error title=T::message` lines, unescaped as the runner does.
 * @param {string} stdout
 * @returns {Annotation[]}
 */
export function parseAnnotations(stdout) {
  /** @type {Annotation[]} */
  const annotations = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = line.match(/^::(error|warning|notice)( [^:]*)?::(.*)$/)
    if (!match) continue
    const [, level, properties = '', message = ''] = match
    const title = properties.match(/title=([^,]*)/)?.[1] ?? ''
    annotations.push({
      level: /** @type {Annotation['level']} */ (level),
      title: unescape(title),
      message: unescape(message)
    })
  }
  return annotations
}

/** @param {string} text */
function unescape(text) {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}
