// Unit tests: fast, no infrastructure.
module.exports = {
  displayName: 'credit-supervision-service',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
