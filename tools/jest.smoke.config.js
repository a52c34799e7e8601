// Smoke run of every script under tools/ against the built embedded platform (dist/), so that an API change breaks
// this test instead of the tool. No external infrastructure: SQLite in a temporary DATA_DIR, in-process bus.
module.exports = {
  displayName: 'tools:smoke',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/smoke/**/*.smoke-spec.ts'],
  testTimeout: 60000,
};
