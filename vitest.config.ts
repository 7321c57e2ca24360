import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@greenroom/model': fileURLToPath(new URL('./packages/model/src/index.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // extends: the root's timeouts apply to each project too (a busy CI machine needs them).
        extends: true,
        resolve: { alias },
        test: { name: 'node', include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts'], exclude: ['packages/web/**'] },
      },
      {
        extends: true,
        resolve: { alias },
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/testing/setup.ts'],
        },
      },
    ],
  },
});
