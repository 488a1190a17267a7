// Jest's test environment for the mutation runs (jest.stryker.config.js): Node's, plus the bail
// that Stryker cannot ask jest for. Once a test fails with a mutant active, the mutant is killed,
// so the tests after it, in this file and the next, are skipped instead of run. A run with no
// mutant active (Stryker's dry run, or jest by hand) runs every test.
const { TestEnvironment } = require('jest-environment-node')

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'

// Jest runs the files of one run in this process (Stryker asks for runInBand), one environment
// a file, so the mutant that failed a test is kept here, outside them.
/** @type {string | undefined} */
let killed

class BailingEnvironment extends TestEnvironment {
  /** @param {import('@jest/types').Circus.Event} event */
  async handleTestEvent(event) {
    const active = process.env[ACTIVE_MUTANT]
    if (active === undefined) return
    if (event.name === 'test_start' && killed === active) event.test.mode = 'skip'
    if (event.name === 'test_done' && event.test.errors.length > 0) killed = active
  }
}

module.exports = BailingEnvironment
