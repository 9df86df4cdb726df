/**
 * The fast inner loop (`npm run test:unit`): the pure core, the connectors against in-process simulators and fakes,
 * and the architecture rules. No Azurite and no local host, so no global setup; the suites that need table or queue
 * storage are left to the full run (`npm test`).
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/core', '<rootDir>/test/connectors', '<rootDir>/test/architecture'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testPathIgnorePatterns: [
    '/node_modules/',
    // These use Azurite (table and queue storage).
    '<rootDir>/test/connectors/amazon/shared-rate-governor.test.ts',
    '<rootDir>/test/connectors/messaging/queue-contract.test.ts',
    '<rootDir>/test/connectors/storage/stores.test.ts',
    '<rootDir>/test/connectors/storage/order-lease-store.test.ts',
  ],
};
