/**
 * The two pieces that make `npm run mutate` affordable (jest.stryker.config.js): the sequencer
 * that loads only the test files holding a mutant's covering tests, and the environment that
 * stops a mutant's run at its first failing test. Neither may cost a mutant a test that could
 * kill it, and neither may change a run without a mutant.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)

interface FakeTest {
  path: string
  context: {
    config: { rootDir: string; cache: boolean; cacheDirectory: string; haste: object; id: string }
    hasteFS: { getSize(path: string): number }
  }
}
interface Sequencer {
  sort(tests: FakeTest[]): FakeTest[]
  cacheResults(tests: FakeTest[], results: unknown): void
}
type SequencerClass = new (options: { globalConfig: { testNamePattern?: string } }) => Sequencer

const NamedTestsSequencer: SequencerClass = require('../scripts/stryker-sequencer.cjs')

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A project with three test files, and a sequencer for a run with the given pattern. */
function project() {
  const rootDir = mkdtempSync(join(tmpdir(), 'sequencer-'))
  made.push(rootDir)
  const tests = ['a', 'b', 'c'].map(name => {
    const path = join(rootDir, `${name}.test.ts`)
    writeFileSync(path, '')
    // A Test as jest hands it to its sequencer: what the default sequencer reads of it.
    const config = { rootDir, cache: false, cacheDirectory: rootDir, haste: {}, id: 'x' }
    return { path, context: { config, hasteFS: { getSize: () => 0 } } }
  })
  const results = (names: Record<string, string[]>, runtimes: Record<string, number> = {}) => ({
    testResults: Object.entries(names).map(([file, fullNames]) => ({
      testFilePath: join(rootDir, file),
      perfStats: { runtime: runtimes[file] ?? 1 },
      testResults: fullNames.map(fullName => ({ fullName }))
    }))
  })
  const sequencer = (testNamePattern?: string) =>
    new NamedTestsSequencer({ globalConfig: { testNamePattern } })
  const inOrder = (tests: FakeTest[]) => tests.map(test => test.path.slice(rootDir.length + 1))
  const names = (tests: FakeTest[]) => inOrder(tests).sort()
  return { rootDir, tests, results, sequencer, names, inOrder }
}

describe('the mutation runs’ sequencer', () => {
  it('after a run without a pattern, runs only the files holding a test the pattern names', () => {
    const { tests, results, sequencer, names } = project()
    sequencer().cacheResults(
      tests,
      results({
        'a.test.ts': ['reporter says (HTTP 401)'],
        'b.test.ts': ['wait polls'],
        'c.test.ts': ['wait ends', 'Reporter titles']
      })
    )
    // A run with a pattern leaves the names as they were.
    sequencer('(wait polls)').cacheResults(tests, results({ 'b.test.ts': ['wait polls'] }))
    expect(names(sequencer('(reporter says \\(HTTP 401\\))').sort([...tests]))).toEqual([
      'a.test.ts'
    ])
    // jest matches names ignoring case, and so does the sequencer
    expect(names(sequencer('(wait polls)|(reporter titles)').sort([...tests]))).toEqual([
      'b.test.ts',
      'c.test.ts'
    ])
    // without a pattern, every file runs
    expect(names(sequencer().sort([...tests]))).toEqual(['a.test.ts', 'b.test.ts', 'c.test.ts'])
  })

  it('runs the quickest file first, then one it knows nothing of or that changed since', () => {
    const { rootDir, tests, results, sequencer, inOrder } = project()
    sequencer().cacheResults(
      tests.slice(0, 2),
      results({ 'a.test.ts': ['one'], 'b.test.ts': ['one too'] }, { 'a.test.ts': 900 })
    )
    expect(inOrder(sequencer('(one)').sort([...tests]))).toEqual([
      'b.test.ts',
      'a.test.ts',
      'c.test.ts'
    ])
    utimesSync(join(rootDir, 'b.test.ts'), new Date(0), new Date(0))
    expect(inOrder(sequencer('(two)').sort([...tests]))).toEqual(['b.test.ts', 'c.test.ts'])
  })
})

interface TestEvent {
  name: 'test_start' | 'test_done'
  test: { mode?: string; errors: unknown[] }
}
type Environment = { handleTestEvent(event: TestEvent): Promise<void> }
type EnvironmentClass = new (config: unknown, context: unknown) => Environment
const BailingEnvironment: EnvironmentClass = require('../scripts/stryker-environment.cjs')

/** Tests run through the environment's events: which of them would run. */
async function runThrough(failing: boolean[], mutant: string | undefined): Promise<boolean[]> {
  const environment = new BailingEnvironment(
    { projectConfig: { testEnvironmentOptions: {} }, globalConfig: {} },
    { console, docblockPragmas: {}, testPath: 'x.test.ts' }
  )
  const saved = process.env.__STRYKER_ACTIVE_MUTANT__
  if (mutant === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__
  else process.env.__STRYKER_ACTIVE_MUTANT__ = mutant
  try {
    const ran: boolean[] = []
    for (const fails of failing) {
      const test: TestEvent['test'] = { errors: [] }
      await environment.handleTestEvent({ name: 'test_start', test })
      ran.push(test.mode !== 'skip')
      if (test.mode !== 'skip' && fails) test.errors.push(new Error('killed'))
      await environment.handleTestEvent({ name: 'test_done', test })
    }
    return ran
  } finally {
    if (saved === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__
    else process.env.__STRYKER_ACTIVE_MUTANT__ = saved
  }
}

describe('the mutation runs’ environment', () => {
  it('with a mutant active, skips every test after the first that fails, in later files too', async () => {
    expect(await runThrough([false, true, false, false], '7')).toEqual([true, true, false, false])
    expect(await runThrough([false, false], '7')).toEqual([false, false])
  })

  it('runs every test of the next mutant, and every test with no mutant active', async () => {
    expect(await runThrough([true, false], '8')).toEqual([true, false])
    expect(await runThrough([false, false], '9')).toEqual([true, true])
    expect(await runThrough([true, false, false], undefined)).toEqual([true, true, true])
  })
})
