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
  // Coverage in CI only (.ci/run sets CI=true): measuring it costs a fresh clone's first
  // `npm test` a fifth of its time, and `npm test -- <file>` must pass for one file. What the
  // tests reach in process: the bundle runs in child processes, which count for nothing.
  ...(process.env.CI
    ? {
        collectCoverage: true,
        collectCoverageFrom: ['src/**/*.ts'],
        coverageReporters: ['text-summary'],
        coverageThreshold: { global: { lines: 90, branches: 85 } }
      }
    : {})
}
