// End-to-end: the four services as separate processes (built dist/) over real Kafka and MySQL.
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '../../libs/shared/testing/src/global-setup.js',
  globalTeardown: '../../libs/shared/testing/src/global-teardown.js',
  testTimeout: 240000,
  // kafkajs keeps retry timers of disconnected clients alive for a while; do not let them hold the run.
  forceExit: true,
};
