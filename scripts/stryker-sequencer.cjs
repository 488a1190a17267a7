// Jest's test sequencer for the mutation runs (jest.stryker.config.js). For each mutant, Stryker
// asks jest for the tests that cover it by name (testNamePattern), and jest loads every test file
// to find them: that loading costs more than the tests. So this sequencer drops the files that
// hold none of those names. It learns the names from the run without a pattern, Stryker's first
// (its dry run), and keeps every file it has no names for or that changed since, so a mutant
// never loses a test. It runs the quickest files first: the first test to fail ends a mutant's
// run (stryker-environment.cjs), so a mutant a quick test kills never waits for a slow one.
const { mkdirSync, readFileSync, statSync, writeFileSync } = require('node:fs')
const { dirname, join, relative } = require('node:path')
const Sequencer = require('@jest/test-sequencer').default

/** @typedef {import('@jest/test-result').Test} Test */
/**
 * What the run without a pattern found in each test file: its tests' names, how long it took,
 * and when it was changed then.
 * @typedef {Record<string, { mtimeMs: number, ms: number, names: string[] }>} Names
 */

class NamedTestsSequencer extends Sequencer {
  /** @param {import('@jest/test-sequencer').TestSequencerOptions} options */
  constructor(options) {
    super(options)
    this.pattern = options.globalConfig.testNamePattern
  }

  /**
   * @override
   * @param {Test[]} tests
   */
  sort(tests) {
    const { pattern } = this
    const names = pattern && tests[0] ? readNames(tests[0]) : undefined
    if (!pattern || !names) return super.sort(tests)
    const wanted = new RegExp(pattern, 'i')
    /** @param {Test} test */
    const known = test => {
      const file = names[keyOf(test)]
      return file?.mtimeMs === statSync(test.path).mtimeMs ? file : undefined
    }
    return tests
      .filter(test => known(test)?.names.some(name => wanted.test(name)) ?? true)
      .sort((a, b) => (known(a)?.ms ?? Infinity) - (known(b)?.ms ?? Infinity))
  }

  /**
   * @override
   * @param {Test[]} tests
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  cacheResults(tests, results) {
    super.cacheResults(tests, results)
    if (this.pattern || !tests[0]) return
    /** @type {Names} */
    const names = {}
    const byPath = new Map(tests.map(test => [test.path, test]))
    for (const file of results.testResults) {
      const test = byPath.get(file.testFilePath)
      if (test && !file.testExecError)
        names[keyOf(test)] = {
          mtimeMs: statSync(test.path).mtimeMs,
          ms: file.perfStats.runtime,
          names: file.testResults.map(result => result.fullName)
        }
    }
    const path = namesFile(tests[0])
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, JSON.stringify(names))
  }
}

/**
 * A test file's path from the project's root, the same in every sandbox.
 * @param {Test} test
 */
const keyOf = test => relative(test.context.config.rootDir, test.path)

/** @param {Test} test */
const namesFile = test => join(test.context.config.rootDir, '.cache', 'jest-test-names.json')

/**
 * @param {Test} test
 * @returns {Names | undefined}
 */
function readNames(test) {
  try {
    return JSON.parse(readFileSync(namesFile(test), 'utf8'))
  } catch {
    return undefined
  }
}

module.exports = NamedTestsSequencer
