import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources (never dist/): workspace packages resolve through the
// "@glimpse/source" export condition, on top of Vite's defaults.
const conditions = ['@glimpse/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // Reading the text in pictures (OCR) costs a detector pass per picture: off in tests unless one turns it on
    // (the OCR tests do, with GLIMPSE_OCR=on or a TextReader of their own).
    env: { GLIMPSE_OCR: 'off' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.spec.ts', 'bench/**/*.spec.ts'],
          exclude: ['**/*.int.spec.ts', '**/*.e2e.spec.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int.spec.ts'],
          globalSetup: ['test-support/postgres-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['packages/*/src/**/*.e2e.spec.ts', 'packages/*/test/**/*.e2e.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
