// Lint is where architecture is enforced:
//  - Nx module boundaries: a service never imports another service's code, only contracts and shared libs;
//    only the embedded host (scope:platform) composes the four services.
//  - Layer rules inside each service library: domain code stays free of frameworks and adapters.
import nx from '@nx/eslint-plugin';

const services = ['registration', 'credit-supervision', 'evaluation', 'service-purchasing'];
const scopeOf = (s) => `scope:${s}`;

const productionConstraints = [
  ...services.map((s) => ({
    sourceTag: scopeOf(s),
    onlyDependOnLibsWithTags: [scopeOf(s), 'scope:contracts', 'scope:shared'],
  })),
  {
    sourceTag: 'scope:platform',
    onlyDependOnLibsWithTags: [...services.map(scopeOf), 'scope:contracts', 'scope:shared', 'scope:platform'],
  },
  { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:contracts', 'type:platform', 'type:util'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:platform', 'type:util'] },
];

// Tests may additionally use the testing library; everything else stays as strict as production code.
const testConstraints = productionConstraints.map((c) =>
  c.sourceTag.startsWith('type:') ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c,
);

const boundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.runtime', 'tmp', 'data', 'coverage'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*-conformance.ts', '**/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints) },
  },
  {
    // Domain layer: pure rules and value objects. No framework, no ORM, no broker, no outer layer.
    files: ['libs/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'kafkajs', 'mysql2', 'better-sqlite3', '@sop/messaging', '@sop/persistence', '@sop/http', '@sop/auth'], message: 'The domain layer stays free of frameworks and adapters.' },
            { group: ['**/application/**', '**/infrastructure/**', '**/api/**'], message: 'The domain layer does not depend on outer layers.' },
          ],
        },
      ],
    },
  },
  {
    // Application layer: use cases over ports. It may use Nest DI decorators, but not adapters or HTTP.
    files: ['libs/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kafkajs', 'mysql2', 'better-sqlite3', '@sop/http'], message: 'Adapters belong in infrastructure or api.' },
            { group: ['**/api/**'], message: 'The application layer does not depend on the api layer.' },
          ],
        },
      ],
    },
  },
];
