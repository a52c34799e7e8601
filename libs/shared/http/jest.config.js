// Unit tests: fast, no infrastructure.
module.exports = {
  displayName: 'http',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
