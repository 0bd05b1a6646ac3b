import { describe, expect, it } from 'vitest';
import {
  WORKERS_MAX_UPLOAD_BYTES,
  type WorkerEnv,
  workersRuntime,
} from '../../src/runtime/workers-runtime.ts';

const env = (extra: Partial<WorkerEnv> = {}): WorkerEnv => ({
  HYPERDRIVE: { connectionString: 'postgres://user:password@hyperdrive.invalid:5432/plan_monitor' },
  ...extra,
});

describe('the Workers runtime', () => {
  it('given no MAX_UPLOAD_BYTES, then uploads stop where the Node server would start streaming', () => {
    expect(workersRuntime(env()).maxUploadBytes).toBe(WORKERS_MAX_UPLOAD_BYTES);
    expect(WORKERS_MAX_UPLOAD_BYTES).toBe(2 * 1024 * 1024);
  });

  it('given a smaller MAX_UPLOAD_BYTES, then that is the limit', () => {
    expect(workersRuntime(env({ MAX_UPLOAD_BYTES: '500000' })).maxUploadBytes).toBe(500_000);
  });

  it('given a MAX_UPLOAD_BYTES a Worker cannot read, or not a number, then it refuses to start', () => {
    expect(() => workersRuntime(env({ MAX_UPLOAD_BYTES: String(20 * 1024 * 1024) }))).toThrow(
      /above what a Worker can read.*Node server/,
    );
    expect(() => workersRuntime(env({ MAX_UPLOAD_BYTES: 'lots' }))).toThrow(/MAX_UPLOAD_BYTES/);
  });

  it('given no Hyperdrive binding, then it says the worker needs PostgreSQL', () => {
    expect(() => workersRuntime({} as WorkerEnv)).toThrow(/HYPERDRIVE binding is missing/);
  });

  it('given no JOBS_DATABASE_URL, then a Cron Trigger fails with how to set it, before touching a database', async () => {
    const runtime = workersRuntime(env());
    await expect(
      runtime.scheduler.onCronTrigger({ cron: '0 18 * * *', scheduledTime: Date.now() }),
    ).rejects.toThrow(/JOBS_DATABASE_URL is not set.*wrangler secret put JOBS_DATABASE_URL/);
  });
});
