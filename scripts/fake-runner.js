// @ts-check
/**
 * Plays the GitHub runner for the bundled action: inputs as INPUT_<NAME> variables (hyphens
 * kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and stdout rendered into the step log and
 * annotations the way GitHub shows them. Shared by `npm run local` and the end-to-end tests.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BUNDLE = fileURLToPath(new URL('../dist/index.js', import.meta.url))
/** The `numbers` action's bundle (numbers/action.yml). */
export const NUMBERS_BUNDLE = fileURLToPath(new URL('../dist/numbers/index.js', import.meta.url))

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
 * @property {string[]} log  the step's log as GitHub shows it (see renderLog)
 * @property {Annotation[]} annotations
 * @property {string[]} commands  every workflow command the runner carried out
 * @property {number} durationMs
 */

/**
 * @param {Record<string, string>} inputs  by action.yml name, e.g. { 'api-key': '...', device: '...' }
 * @param {{ env?: Record<string, string>, timeoutMs?: number, node?: string, bundle?: string }} [options]
 *   node: the Node.js binary (default: this one), e.g. Node 24 as action.yml asks;
 *   bundle: which action's (default: dist/index.js)
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
    const node = options.node ?? process.execPath
    const { exitCode, stdout, stderr } = await spawnNode(
      node,
      [options.bundle ?? BUNDLE],
      env,
      options.timeoutMs ?? 120_000
    )
    const durationMs = Math.round(performance.now() - started)
    const rendered = renderLog(stdout, { debug: env.RUNNER_DEBUG === '1' })
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8').catch(() => '')),
      summary: await readFile(summaryFile, 'utf8').catch(() => ''),
      log: rendered.lines,
      annotations: rendered.annotations,
      commands: rendered.commands,
      durationMs
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * @param {string} node
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {number} timeoutMs
 * @returns {Promise<{ exitCode: number | null, stdout: string, stderr: string }>}
 */
function spawnNode(node, args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
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

/** The commands the runner knows; any other `::name::` line is printed as it is. */
const COMMANDS = new Set([
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'set-env',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'add-matcher',
  'remove-matcher',
  'stop-commands'
])
const LABELS = { error: 'Error', warning: 'Warning', notice: 'Notice' }

/**
 * @typedef {object} Command
 * @property {string} name
 * @property {Record<string, string>} properties
 * @property {string} data
 */

/**
 * A line as the runner parses it: `::name k=v,k=v::data` once leading white space is trimmed,
 * or the legacy `##[name k=v;k=v]data` anywhere in the line.
 * @param {string} line
 * @returns {Command | undefined}
 */
export function parseCommand(line) {
  const text = line.trimStart()
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2)
    if (end >= 0) {
      const command = split(text.slice(2, end), ',', unescapeProperty)
      if (command && COMMANDS.has(command.name))
        return { ...command, data: unescapeData(text.slice(end + 2)) }
    }
  }
  const at = line.indexOf('##[')
  const close = at < 0 ? -1 : line.indexOf(']', at)
  if (close < 0) return undefined
  const command = split(line.slice(at + 3, close), ';', unescapeData)
  return command && COMMANDS.has(command.name)
    ? { ...command, data: unescapeData(line.slice(close + 1)) }
    : undefined
}

/**
 * @param {string} info  `name k=v,k=v`
 * @param {string} separator
 * @param {(text: string) => string} unescape
 */
function split(info, separator, unescape) {
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  /** @type {Record<string, string>} */
  const properties = {}
  if (space > 0) {
    for (const pair of info.slice(space + 1).split(separator)) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescape(pair.slice(eq + 1))
    }
  }
  return name ? { name, properties } : undefined
}

/**
 * @typedef {object} RenderedLog
 * @property {string[]} lines  the step's log as GitHub shows it, masks applied
 * @property {Annotation[]} annotations  as the run's page lists them, with their titles
 * @property {string[]} commands  names of every command the runner carried out, in order
 * @property {string[]} masks
 */

/**
 * The step's log as GitHub renders it from what the action printed: lines end at \n, \r\n or a
 * lone \r; commands are carried out (masks, annotations shown as `Notice: <message>`, debug
 * lines only with `debug`, `stop-commands` until its token comes back); the rest is printed.
 * @param {string} output
 * @param {{ debug?: boolean }} [options]
 * @returns {RenderedLog}
 */
export function renderLog(output, options = {}) {
  /** @type {string[]} */
  const masks = []
  /** @type {string[]} */
  const printed = []
  /** @type {Annotation[]} */
  const annotations = []
  /** @type {string[]} */
  const commands = []
  let stopToken = ''
  for (const line of output.split(/\r\n|\n|\r/)) {
    const command = parseCommand(line) ?? (stopToken && parseResume(line, stopToken))
    if (!command) {
      printed.push(line)
      continue
    }
    if (stopToken) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) stopToken = ''
      else printed.push(line)
      continue
    }
    commands.push(command.name)
    switch (command.name) {
      case 'add-mask':
        if (command.data.trim()) masks.push(command.data.trim())
        break
      case 'stop-commands':
        stopToken = command.data
        break
      case 'debug':
        if (options.debug) printed.push(`##[debug]${command.data}`)
        break
      case 'error':
      case 'warning':
      case 'notice':
        printed.push(`${LABELS[command.name]}: ${command.data}`)
        annotations.push({
          level: command.name,
          title: command.properties.title ?? '',
          message: command.data
        })
        break
      case 'group':
        printed.push(`▸ ${command.data}`)
        break
      case 'endgroup':
        break
      default:
        printed.push(line)
    }
  }
  if (printed.at(-1) === '') printed.pop()
  const mask = (/** @type {string} */ text) =>
    masks.reduce((out, secret) => out.split(secret).join('***'), text)
  return {
    lines: printed.map(mask),
    annotations: annotations.map(a => ({ ...a, title: mask(a.title), message: mask(a.message) })),
    commands,
    masks
  }
}

/**
 * While commands are stopped, only `::TOKEN::` (the token as a command name) resumes them.
 * @param {string} line
 * @param {string} token
 * @returns {Command | undefined}
 */
function parseResume(line, token) {
  const text = line.trimStart()
  return text.toLowerCase().startsWith(`::${token.toLowerCase()}::`)
    ? { name: token, properties: {}, data: '' }
    : undefined
}

/** @param {string} text */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** @param {string} text */
function unescapeProperty(text) {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','))
}
