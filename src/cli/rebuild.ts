import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { migrateToLatest } from '../database/migrate.ts';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { projections } from '../projections/index.ts';
import { rebuildProjections } from '../projections/rebuild.ts';

// npm run rebuild [-- projection …]: replays the log from position 0 into fresh tables and swaps them in.
const names = process.argv.slice(2);
const unknown = names.filter((name) => !projections.some((p) => p.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown projection(s): ${unknown.join(', ')} (known: ${projections.map((p) => p.name).join(', ')})`,
  );
  process.exit(2);
}
const chosen = names.length > 0 ? projections.filter((p) => names.includes(p.name)) : projections;

const database = await openDatabaseFromEnv(process.env);
try {
  await migrateToLatest(database.db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(database.db);
  const total = rows[0]?.n ?? 0;
  const bar = new cliProgress.SingleBar(
    { format: 'rebuilding {bar} {value}/{total} events · {eta_formatted} left', etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const result = await rebuildProjections(database.db, chosen, {
    onProgress: (replayed) => bar.update(Math.min(replayed, total)),
  });
  bar.update(result.events);
  bar.stop();
  console.log(
    `rebuilt ${result.projections.join(', ')} from ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
