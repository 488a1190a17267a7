/**
 * What a newcomer meets first: `npm run local` and `npm run standin`, their help, their words
 * for an input the action does not have, and running what the sources say.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEVICES } from '../stand-in/numbers.js'
import { recordedHash, sourcesHash } from '../scripts/sources-hash.js'

const root = fileURLToPath(new URL('../', import.meta.url))
/** A script run as a newcomer runs it; several at once, so that their waits overlap. */
const node = (script: string, ...args: string[]) => nodeWith({}, script, ...args)
const nodeWith = (
  env: Record<string, string>,
  script: string,
  ...args: string[]
): Promise<{ status: number | null; out: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script), ...args], {
      // Tests run what is committed: a src/ edited since dist/ was built is not rebuilt here (the
      // edit's own tests, below, copy the project for that), while other suites run dist/.
      env: { ...process.env, LOCAL_BUILD_COMMAND: 'true', ...env },
      timeout: 60_000
    })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.stderr.on('data', chunk => (out += chunk))
    child.on('error', reject)
    child.on('close', status => resolve({ status, out }))
  })

describe('npm run local', () => {
  it.concurrent('--help lists every input with its default, every number and fault', async () => {
    const { status, out } = await node('scripts/local-run.js', '--help')
    expect(status).toBe(0)
    expect(out).toMatch(/^ {2}renew {10}default "0"$/m)
    for (const device of DEVICES) expect(out).toContain(device.id)
    expect(out).toContain('fa170000000000000000dead')
  })

  it.concurrent(
    'an input it does not have: the near miss named, and nothing run (exit 2)',
    async () => {
      const { status, out } = await node('scripts/local-run.js', 'devcie=Sales')
      expect(out).toContain("Unexpected input(s) 'devcie'")
      expect(out).toMatch(/devcie: .*device\?/)
      expect(out).not.toContain('Stand-in for Wassenger')
      expect(status).toBe(2)
    }
  )

  it.concurrent.each([
    ['--device=Sales, which npm takes as npm_config_device', { npm_config_device: 'Sales' }, []],
    ['Device=Sales, as the runner upper-cases names', {}, ['Device=Sales']]
  ])('%s: read as the input device, with a note', async (_, env, args) => {
    const sales = DEVICES.find(device => device.alias === 'Sales')?.id
    const phone = ['phone=+44 7400 123456']
    const { out } = await nodeWith(env, 'scripts/local-run.js', ...args, ...phone)
    expect(out).toMatch(/^.*(npm took|upper-cases).*$/m)
    expect(out).toContain(`device=${sales}`)
    expect(out).not.toContain('Unexpected input')
  })
})

describe('npm run standin', () => {
  it.concurrent('--help lists the numbers with what each plays', async () => {
    const { status, out } = await node('stand-in/cli.js', '--help')
    expect(status).toBe(0)
    expect(out).toMatch(/^ {2}Renew 409 .* a second request gets 409$/m)
  })

  it.concurrent('a port in use, or not a port: one line naming it, no stack trace', async () => {
    const taken = createServer()
    await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as AddressInfo
    try {
      const cases: Array<[string, string]> = [
        [String(port), `Port ${port} `],
        ['eighty', '"eighty"']
      ]
      for (const [given, named] of cases) {
        const { status, out } = await node('stand-in/cli.js', given)
        expect(status).toBe(2)
        expect(out.trim().split('\n')).toEqual([expect.stringContaining(named)])
      }
    } finally {
      taken.close()
    }
  })
})

describe('running what the sources say', () => {
  let dir: string
  const lock = (devVersion: string, coreVersion = '3.0.1') =>
    JSON.stringify({
      packages: {
        '': {},
        'node_modules/@actions/core': { version: coreVersion },
        'node_modules/jest': { version: devVersion, dev: true }
      }
    })
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sources-'))
    mkdirSync(join(dir, 'src'))
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 1\n')
    writeFileSync(join(dir, 'package-lock.json'), lock('30.0.0'))
    writeFileSync(join(dir, 'package.json'), pkg('1.0.0'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const pkg = (version: string): string =>
    JSON.stringify({ name: 'x', version, scripts: { test: 'jest' } })

  it('the sources hash changes with src/, the version and the runtime packages, not with a devDependency; dist/ records it', () => {
    expect(recordedHash(dir)).toBe('')
    const first = sourcesHash(dir)
    writeFileSync(join(dir, 'package-lock.json'), lock('30.9.9'))
    expect(sourcesHash(dir)).toBe(first)
    writeFileSync(join(dir, 'package-lock.json'), lock('30.9.9', '3.0.2'))
    const runtime = sourcesHash(dir)
    expect(runtime).not.toBe(first)
    writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 2\n')
    const edited = sourcesHash(dir)
    expect(edited).not.toBe(runtime)
    writeFileSync(join(dir, 'package.json'), pkg('1.1.0'))
    expect(sourcesHash(dir)).not.toBe(edited)
    writeFileSync(join(dir, 'dist', 'sources.sha256'), `${sourcesHash(dir)}\n`)
    expect(recordedHash(dir)).toBe(sourcesHash(dir))
  })

  it('the committed dist/ was built from the committed sources', () => {
    expect(recordedHash()).toBe(sourcesHash())
  })
})

describe('npm run local after an edit to src/', () => {
  let copy: string
  beforeEach(() => {
    // The project as a fresh clone holds it, without node_modules: the local run needs none.
    copy = mkdtempSync(join(tmpdir(), 'local-run-'))
    for (const part of [
      'scripts',
      'stand-in',
      'src',
      'dist',
      'action.yml',
      'package.json',
      'package-lock.json'
    ])
      cpSync(join(root, part), join(copy, part), { recursive: true })
    writeFileSync(join(copy, 'src', 'format.ts'), '// an edit\n', { flag: 'a' })
  })
  afterEach(() => rmSync(copy, { recursive: true, force: true }))

  const local = (env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, [join(copy, 'scripts/local-run.js')], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000
    })
    return { status: result.status, out: result.stdout + result.stderr }
  }

  it('rebuilds dist/ first, saying so in one line, when the tools are installed', () => {
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir')
    const { status, out } = local({ LOCAL_BUILD_COMMAND: 'node scripts/sources-hash.js --write' })
    expect(out.split('\n')[0]).toMatch(/^src\/ has changed .*rebuilding dist\/ first/)
    expect(recordedHash(copy)).toBe(sourcesHash(copy))
    expect(status).toBe(0)
  })

  it('without them, says the committed dist/ may not show the change, and runs it', () => {
    const { status, out } = local()
    expect(out.split('\n')[0]).toMatch(/^src\/ has changed .*not installed \(npm ci\)/)
    expect(out).toContain('── Step log, as GitHub shows it')
    expect(status).toBe(0)
  })
})

describe('every local run the documents and --help show', () => {
  // Every `npm run local -- …` line of README.md and CONTRIBUTING.md, and --help's examples, run
  // as written, all at once (each its own stand-in): their waits overlap.
  const help = spawnSync(process.execPath, [join(root, 'scripts/local-run.js'), '--help'], {
    encoding: 'utf8'
  }).stdout
  const shown = [
    ...['README.md', 'CONTRIBUTING.md'].flatMap(file =>
      [
        ...readFileSync(join(root, file), 'utf8').matchAll(
          /^(?:RUNNER_DEBUG=1 )?npm run local(?: -- (.*?))?(?:\s+#.*)?$/gm
        )
      ].map(([line, args = '']) => ({ file, line: line.replace(/\s+#.*$/, ''), args }))
    ),
    ...[...help.matchAll(/^ {2}(npm run local -- (.+))$/gm)].map(([, line = '', args = '']) => ({
      file: '--help',
      line,
      args
    }))
  ]
  const lines = shown.filter(
    (each, index) => shown.findIndex(other => other.args === each.args) === index
  )
  const parse = (args: string) => [
    ...(args.startsWith('numbers') ? ['numbers'] : []),
    ...[...args.matchAll(/([a-z-]+)=("[^"]*"|\S+)/g)].map(
      ([, name, value = '']) => `${name}=${value.replace(/^"|"$/g, '')}`
    )
  ]

  it("are there: the documents' and each of --help's", () => {
    expect(lines.length).toBeGreaterThan(8)
    expect(shown.filter(each => each.file === '--help')).toHaveLength(3)
  })

  it.concurrent.each(lines)(
    '$file: $line runs what it says',
    async ({ args }) => {
      const { status, out } = await node('scripts/local-run.js', ...parse(args))
      // 0 or 1: the action ran (some examples show a failure on purpose); 2 would be a refusal.
      expect([0, 1]).toContain(status)
      expect(out).toMatch(/^Exit code [01], /m)
      expect(out).not.toContain('Unexpected input')
    },
    30_000
  )
})
