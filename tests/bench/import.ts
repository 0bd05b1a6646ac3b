import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { openPglite, openPostgres } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';
import type { Database } from '../../src/database/schema.ts';
import type { PlanEvent } from '../../src/domain/events.ts';
import { streams } from '../../src/domain/events.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { copyIntoBareTable } from './support/copy.ts';
import { insertEvents } from './support/insert-events.ts';
import { PERIOD, pointValue, type Recorded, YEARS } from './support/national.ts';
import { freshDatabase } from './support/postgres.ts';
import { type SheetLine, writeSheet } from './support/workbook.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/**
 * An upload is one region's sheet (src/imports: the uploading region's actual columns), so the national volume
 * (2,800 regions × 30 indicators) is carried as 84,000 indicator rows of one region's sheet: the same rows,
 * cells, values, events, streams and region × indicator pairs as 2,800 × 30. The catalog states an indicator and
 * a 2015 target for every row.
 */
export const IMPORT_SIZES = [
  { label: '20,000 values (4,000 rows × 5 years)', rows: 4_000 },
  { label: '420,000 values (84,000 rows = 2,800 regions × 30 indicators, × 5 years)', rows: 84_000 },
] as const;

export const IMPORT_REGION = '690101';
export const IMPORT_PLAN = 'bench-import-12fyp';
const PROVINCE = '690000';
const CITY = '690100';
const COUNTY = IMPORT_REGION;
const PLAN = IMPORT_PLAN;
const rowCode = (n: number) => `bench-row-${n}`;
const unitOf = (n: number) => (n % 2 === 0 ? '%' : '万户');
const actor = { kind: 'system', id: 'bench', name: 'benchmark' } as const;
const document = { kind: 'document', document: '000_0000000000000000.txt', section: 'bench' } as const;

export function* importCatalog(rows: number, options: { targets?: boolean } = {}): Generator<Recorded> {
  const metadata = { actor, occurredAt: '2011-01-01T00:00:00+08:00' };
  const regions = [
    { code: PROVINCE, name: '省69', level: 'province', parentCode: null },
    { code: CITY, name: '市69-1', level: 'city', parentCode: PROVINCE },
    { code: COUNTY, name: '县69-1-1', level: 'county', parentCode: CITY },
  ] as const;
  for (const data of regions) {
    yield { streamId: streams.region(data.code), event: { type: 'RegionRegistered', data, metadata } };
  }
  for (let n = 0; n < rows; n++) {
    yield {
      streamId: streams.indicator(rowCode(n)),
      event: {
        type: 'IndicatorDefined',
        data: {
          code: rowCode(n),
          name: `基准行指标${n}`,
          aliases: [],
          category: `类别${n % 6}`,
          unit: unitOf(n),
          kind: n % 2 === 0 ? 'ratio' : 'count',
          direction: 'increase',
          growth: n % 2 === 0 ? 'linear' : 'compound',
          parts: [],
          source: document,
        },
        metadata,
      },
    };
  }
  const plan = streams.plan(PLAN);
  yield {
    streamId: plan,
    event: {
      type: 'PlanPublished',
      data: {
        planId: PLAN,
        regionCode: PROVINCE,
        title: '省69信息化十二五规划',
        issuer: '省69人民政府',
        issuedOn: '2011-06-01',
        period: PERIOD,
        source: document,
      },
      metadata,
    },
  };
  for (let n = 0; n < (options.targets === false ? 0 : rows); n++) {
    const event: PlanEvent = {
      type: 'TargetSet',
      data: {
        planId: PLAN,
        regionCode: COUNTY,
        indicatorCode: rowCode(n),
        part: null,
        tier: null,
        year: 2015,
        basis: 'level',
        comparator: 'gte',
        value: pointValue(n, n % 30, 2015) + 2,
        unit: unitOf(n),
        source: document,
      },
      metadata,
    };
    yield { streamId: plan, event };
  }
}

export function* sheetLines(rows: number): Generator<SheetLine> {
  for (let n = 0; n < rows; n++) {
    yield {
      code: rowCode(n),
      name: `基准行指标${n}`,
      unit: unitOf(n),
      values: YEARS.map((year) => pointValue(n, n % 30, year)),
    };
  }
}

async function child<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', `tests/bench/child/${script}`, ...args],
    {
      cwd: root,
      maxBuffer: 16 << 20,
      timeout: 1_800_000,
    },
  );
  return JSON.parse(stdout) as T;
}

interface ChildImport {
  seconds: number;
  values: number;
  reader: string;
  maxRssMB: number;
  catchUpSeconds: number;
  projected: number;
  maxRssWithCatchUpMB: number;
}

export interface ImportFigures {
  label: string;
  engine: 'postgres' | 'pglite';
  values: number;
  fileMB: number;
  import: ChildImport;
  valuesPerSecond: number;
  floor: { readSeconds: number; readRssMB: number; copySeconds: number; seconds: number };
  ratio: number;
}

export async function prepare(db: Kysely<Database>, rows: number) {
  await migrateToLatest(db);
  await insertEvents(db, importCatalog(rows));
  await catchUpAll(db, projections, { waitMs: 60_000 });
}

/** Benchmark 1: each size through runImport into a fresh PostgreSQL database (and PGlite), against the floor. */
export async function importBenchmark(
  serverUrl: string,
  options: { rows?: readonly number[]; pgliteRows?: readonly number[] } = {},
): Promise<ImportFigures[]> {
  const sizes = IMPORT_SIZES.filter((size) => options.rows?.includes(size.rows) ?? true);
  const onPglite = options.pgliteRows ?? [IMPORT_SIZES[0].rows];
  const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-bench-import-'));
  const figures: ImportFigures[] = [];
  try {
    for (const size of sizes) {
      const path = join(dir, `national-${size.rows}.xlsx`);
      await writeSheet(path, sheetLines(size.rows));
      const fileMB = (await stat(path)).size / 1024 / 1024;
      const values = size.rows * YEARS.length;

      // The floor: the streaming reader doing nothing, plus COPY of the same values into a bare table.
      const read = await child<{ seconds: number; maxRssMB: number }>('read-floor.ts', [path]);
      const bare = await freshDatabase(serverUrl);
      let copyPerSecond: number;
      try {
        copyPerSecond = await copyIntoBareTable(
          bare.url,
          'bare_values',
          'region_code text, indicator_code text, year int, value float8',
          (function* () {
            for (const line of sheetLines(size.rows))
              for (const [index, year] of YEARS.entries())
                yield [COUNTY, line.code, year, line.values[index]].join('\t');
          })(),
        );
      } finally {
        await bare.drop();
      }
      const floor = {
        readSeconds: read.seconds,
        readRssMB: read.maxRssMB,
        copySeconds: values / copyPerSecond,
        seconds: read.seconds + values / copyPerSecond,
      };

      const target = await freshDatabase(serverUrl);
      try {
        const setup = openPostgres(target.url, { max: 2 });
        await prepare(setup.db, size.rows).finally(() => setup.close());
        const ours = await child<ChildImport>('import.ts', ['postgres', target.url, path, COUNTY, PLAN]);
        figures.push({
          label: size.label,
          engine: 'postgres',
          values,
          fileMB,
          import: ours,
          valuesPerSecond: values / ours.seconds,
          floor,
          ratio: ours.seconds / floor.seconds,
        });
      } finally {
        await target.drop();
      }

      if (onPglite.includes(size.rows)) {
        const dataDir = join(dir, `pglite-${size.rows}`);
        const setup = await openPglite(dataDir);
        await prepare(setup.db, size.rows).finally(() => setup.close());
        const ours = await child<ChildImport>('import.ts', ['pglite', dataDir, path, COUNTY, PLAN]);
        figures.push({
          label: size.label,
          engine: 'pglite',
          values,
          fileMB,
          import: ours,
          valuesPerSecond: values / ours.seconds,
          floor,
          ratio: ours.seconds / floor.seconds,
        });
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
