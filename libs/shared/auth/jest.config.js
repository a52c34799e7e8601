// Unit tests: fast, no infrastructure.
module.exports = {
  displayName: 'auth',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
