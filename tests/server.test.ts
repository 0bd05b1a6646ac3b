import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from './support/database.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

describe(`npm start (${testEngine})`, () => {
  let server: ServerProcess;
  let closeDatabase: () => Promise<void> = async () => {};
  beforeAll(async () => {
    // On PostgreSQL the server gets a fresh, unmigrated database of its own: it must migrate and seed it itself.
    let env: Record<string, string> = {};
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      closeDatabase = () => database.close();
    }
    server = await startServer(env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await closeDatabase();
  });

  it('given a new database, when the service starts, then it has migrated, seeded and serves the five documents', async () => {
    const response = await fetch(`${server.url}/api/v1/plans`);
    expect(response.status).toBe(200);
    const { plans } = (await response.json()) as { plans: { planId: string; documents: string[] }[] };
    expect(plans.map((plan) => plan.planId)).toEqual([
      'changzhou-12fyp',
      'jiangsu-12fyp',
      'lianyungang-12fyp',
      'qingdao-12fyp',
    ]);
    expect(new Set(plans.flatMap((plan) => plan.documents)).size).toBe(5);
  });

  it('when a plan is asked for, then its indicators come with cited targets', async () => {
    const response = await fetch(`${server.url}/api/v1/plans/lianyungang-12fyp`);
    const plan = (await response.json()) as {
      indicators: {
        code: string;
        targets: { value: number; comparator: string; source: { printed?: string } }[];
      }[];
    };
    const index = plan.indicators.find((indicator) => indicator.code === 'informatization-index');
    expect(index?.targets).toEqual([
      expect.objectContaining({
        value: 0.71,
        comparator: 'gt',
        source: expect.objectContaining({ printed: '＞0.71' }),
      }),
    ]);
  });

  it('when an unknown plan is asked for, then a problem+json 404 says so in both languages', async () => {
    const response = await fetch(`${server.url}/api/v1/plans/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'plan_not_found',
      message: { zh: expect.any(String), en: 'no plan nowhere' },
    });
  });
});
