// Unit tests of the embedded host: the four services in one process on SQLite and the in-process bus (no servers).
module.exports = {
  displayName: 'platform',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testTimeout: 60000,
};
