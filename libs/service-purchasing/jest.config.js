// Unit tests: fast, no infrastructure.
module.exports = {
  displayName: 'service-purchasing-service',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
