// Jest as StrykerJS runs it (npm run mutate): the tests that run src/ in process, without
// coverage (Stryker measures its own). Left out: the tests of the committed bundle and of the
// repository's files, which no mutant of src/ can change.
import { fileURLToPath } from 'node:url'
import base from './jest.config.js'

// Paths in full: Stryker loads the environment itself, before jest would read <rootDir>.
/** @param {string} name */
const script = name => fileURLToPath(new URL(`./scripts/${name}`, import.meta.url))

// The property tests' scenarios, fewer: each mutant they cover runs them again.
process.env.FC_RUNS ??= '40'

/** @type {import('jest').Config} */
export default {
  ...base,
  collectCoverage: false,
  coverageThreshold: undefined,
  // Each mutant's run loads only the test files that hold its covering tests, and stops at the
  // first test that fails: the mutant is killed by then.
  testEnvironment: script('stryker-environment.cjs'),
  testSequencer: script('stryker-sequencer.cjs'),
  testPathIgnorePatterns: [
    '/node_modules/',
    '/__tests__/(bundle|readme|licenses|release|validate|local-run|metadata|mutation-tools)\\.test\\.ts$'
  ]
}
