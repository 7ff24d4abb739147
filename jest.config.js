/** Type-checking happens once in `npm run build` (tsc); jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Examples import the package by name, as a user's app does.
  moduleNameMapper: { '^brokerguard$': '<rootDir>/lib/index.ts' },
  testTimeout: 60000,
  maxWorkers: 2,
};
