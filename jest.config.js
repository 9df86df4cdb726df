/** Jest runs the TypeScript sources through swc (type checking is `npm run build`, which `npm test` runs first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // The real worker injects @azure/functions-core; under test the local host's stand-in captures registrations.
  moduleNameMapper: { '^@azure/functions-core$': '<rootDir>/local/host/functions-core-shim.ts' },
  testTimeout: 60000,
  maxWorkers: 2,
};
