import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only make PGlite instances fight over them.
    maxWorkers: 2,
    // Files share a worker's module cache (a third less time: exceljs, zod and the app load once per worker).
    // Safe because every file opens its own database and app, and no test mocks modules or stubs globals.
    isolate: false,
    // On one PostgreSQL server, readers of the log wait for the oldest transaction running anywhere on it (see
    // src/store/read-after.ts), other test databases included: files run one at a time there, so no file's
    // transactions hold back another's reads.
    fileParallelism: !process.env.TEST_DATABASE_URL,
  },
});
