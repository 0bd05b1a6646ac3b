import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { migrateToLatest } from '../database/migrate.ts';
import type { EnvDatabase } from '../database/open-from-env.ts';
import { projections } from '../projections/index.ts';
import { rebuildProjections } from '../projections/rebuild.ts';
import { languageOfProcess, SENTENCES } from './language.ts';
import { EXIT_OWNED_ELSEWHERE, openForCommand } from './open-for-command.ts';
import { describeAnswer, type ServiceClient, ServiceUnreachable } from './service-client.ts';

// npm run rebuild [-- projection …]: replays the log from position 0 into fresh tables and swaps them in.
// Beside a running service, the service does it (POST /api/v1/projections/rebuild, one projection at a time).
const { lang, argv: names } = languageOfProcess();
const unknown = names.filter((name) => !projections.some((p) => p.name === name));
if (unknown.length > 0) {
  console.error(
    SENTENCES.unknownProjections(unknown.join(', '), projections.map((p) => p.name).join(', '))[lang],
  );
  process.exit(2);
}
const chosen = names.length > 0 ? projections.filter((p) => names.includes(p.name)) : projections;

interface Rebuilt {
  projections: string[];
  events: number;
  durationMs: number;
}

const report = (result: Rebuilt) =>
  console.log(
    SENTENCES.rebuilt(result.projections.join(', '), result.events, (result.durationMs / 1000).toFixed(1))[
      lang
    ],
  );

async function inDatabase(database: EnvDatabase): Promise<number> {
  await migrateToLatest(database.db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(database.db);
  const total = rows[0]?.n ?? 0;
  // On a terminal only (cli-progress draws nothing elsewhere): the line printed after says what was done.
  const bar = new cliProgress.SingleBar(
    {
      format: `${SENTENCES.rebuilding[lang]} {bar} {value}/{total} ${SENTENCES.eventsLeft[lang]} {eta_formatted}`,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const result = await rebuildProjections(database.db, chosen, {
    onProgress: (replayed) => bar.update(Math.min(replayed, total)),
  });
  bar.update(result.events);
  bar.stop();
  report(result);
  return 0;
}

async function throughService(client: ServiceClient): Promise<number> {
  const paths =
    names.length === 0
      ? ['/api/v1/projections/rebuild']
      : chosen.map((p) => `/api/v1/projections/rebuild?projection=${encodeURIComponent(p.name)}`);
  for (const path of paths) {
    const { status, body } = await client.call('POST', path);
    if (status !== 200) {
      console.error(describeAnswer(status, body, lang));
      return 1;
    }
    report(body as Rebuilt);
  }
  return 0;
}

const target = await openForCommand(process.env, 'npm run rebuild', { throughService: true });
if (target.kind === 'refused') {
  console.error(target.message);
  process.exitCode = EXIT_OWNED_ELSEWHERE;
} else if (target.kind === 'service') {
  try {
    process.exitCode = await throughService(target.client);
  } catch (error) {
    if (!(error instanceof ServiceUnreachable)) throw error;
    console.error(error.message);
    process.exitCode = EXIT_OWNED_ELSEWHERE;
  }
} else {
  try {
    process.exitCode = await inDatabase(target.database);
  } finally {
    await target.database.close();
  }
}
