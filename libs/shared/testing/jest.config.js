// Unit tests: fast, no infrastructure.
module.exports = {
  displayName: 'testing',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
