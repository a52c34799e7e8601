// Integration tests: real MySQL/MariaDB and a real Kafka broker (see libs/shared/testing).
module.exports = {
  displayName: 'service-purchasing-service:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '../../libs/shared/testing/src/global-setup.js',
  globalTeardown: '../../libs/shared/testing/src/global-teardown.js',
  testTimeout: 120000,
};
