// One flat config for the workspace: typescript-eslint + prettier compatibility, and the architecture's
// boundaries as import rules (checked on every `npm test`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const otherPackages = ['@glimpse/*', '@glimpse/*/*'];
const ioLibraries = ['pg', 'kysely', '@electric-sql/*', 'onnxruntime-*', 'sharp', 'inversify', 'koa', '@koa/*'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.bench/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // The web app runs in a browser and talks only to the REST API.
  {
    files: ['packages/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: otherPackages, message: 'the web app talks to the server over its REST API only.' }] },
      ],
    },
  },
  // The pure core: no other package, no I/O library, no Node built-in outside core/src/node (and test files).
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/node/**', 'packages/core/src/**/*.spec.ts', 'packages/core/src/**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: otherPackages, message: 'core imports nothing from other Glimpse packages.' },
            { group: ioLibraries, message: 'core is pure: I/O libraries belong in adapters.' },
            { regex: '^node:', message: 'Node built-ins live in core/src/node (exported as @glimpse/core/node).' },
            {
              regex: '^(fs|path|os|child_process|crypto|net|http|https)(/.*)?$',
              message: 'Node built-ins live in core/src/node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/core/src/node/**/*.ts', 'packages/core/src/**/*.spec.ts', 'packages/core/src/**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: otherPackages, message: 'core imports nothing from other Glimpse packages.' }] },
      ],
    },
  },
  // Adapters never import each other or the shell (integration tests may compose real adapters).
  ...['postgres', 'qdrant', 'pgboss', 'onnx', 'ffmpeg'].map((name) => ({
    files: [`packages/adapters-${name}/src/**/*.ts`],
    ignores: ['**/*.spec.ts', '**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@glimpse/adapters-*', '@glimpse/http-koa', '@glimpse/http-koa/*', '@glimpse/web'],
              message: 'adapters depend on @glimpse/core only; wiring happens in http-koa/src/container.ts.',
            },
          ],
        },
      ],
    },
  })),
);
