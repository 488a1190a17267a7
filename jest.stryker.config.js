// Jest as StrykerJS runs it (npm run mutate): the tests that run src/ in process, without
// coverage (Stryker measures its own). Left out: the tests of the committed bundle and of the
// repository's files, which no mutant of src/ can change.
import base from './jest.config.js'

// The property tests' scenarios, fewer: each mutant they cover runs them again.
process.env.FC_RUNS ??= '40'

/** @type {import('jest').Config} */
export default {
  ...base,
  collectCoverage: false,
  coverageThreshold: undefined,
  testPathIgnorePatterns: [
    '/node_modules/',
    '/__tests__/(bundle|readme|licenses|release|validate|local-run|metadata|stack)\\.test\\.ts$'
  ]
}
