/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // libphonenumber-js's ES build imports its metadata JSON without an import attribute, which
    // Jest's ESM loader deprecates; its CommonJS build (what `require` gets) reads the same data.
    '^libphonenumber-js/min$': '<rootDir>/node_modules/libphonenumber-js/min/index.cjs'
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.check.json' }]
  },
  testTimeout: 30000,
  // Three workers on two cores: several suites mostly wait on child processes (e2e.yml's steps,
  // the bundle, the local runs), so a third keeps both cores busy.
  maxWorkers: 3,
  // What the tests reach in process: the bundle runs in child processes, which count for nothing.
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary'],
  // In CI only (.ci/run sets CI=true), so that `npm test -- <file>` passes for one file.
  ...(process.env.CI ? { coverageThreshold: { global: { lines: 90, branches: 85 } } } : {})
}
