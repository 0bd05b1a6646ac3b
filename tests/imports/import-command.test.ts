import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { importCommand, parseImportArgs } from '../../src/imports/import-command.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { openTestDatabase } from '../support/database.ts';
import { lianyungangRowNumber, lianyungangWorkbook } from './support/lianyungang-table.ts';

let database: OpenDatabase;
let dir: string;
let printed: string;
let wrong: string;
beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
  dir = await mkdtemp(join(tmpdir(), 'plan-monitor-cli-'));
  printed = join(dir, '连云港.xlsx');
  wrong = join(dir, 'wrong.xlsx');
  await writeFile(printed, await lianyungangWorkbook());
  await writeFile(
    wrong,
    await lianyungangWorkbook({
      edit: (sheet) => {
        sheet.getCell(`F${lianyungangRowNumber('broadband-subscribers')}`).value = new Date('2012-12-31');
      },
    }),
  );
});
afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const progress = Object.assign(new PassThrough(), {
    isTTY: tty,
    columns: 80,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  const drawn: string[] = [];
  progress.on('data', (chunk: Buffer) => drawn.push(chunk.toString()));
  let caughtUp = 0;
  const code = await importCommand(argv, database.db, {
    actor: { kind: 'cli', id: 'tester', name: 'npm run import (tester)' },
    now: new Date('2014-01-15T10:00:00+08:00'),
    catchUp: async () => {
      caughtUp++;
    },
    io: { out: (text) => out.push(text), err: (text) => err.push(text), progressStream: progress },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), drawn: drawn.join(''), caughtUp };
}

const events = async () =>
  Number(
    (
      await database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('npm run import', () => {
  it.each([
    [[], 'usage'],
    [['a.xlsx'], '--region'],
    [['a.xlsx', '--region', '3207'], '--region'],
    [['a.xlsx', '--region', '320700', '--bogus'], 'bogus'],
  ])('refuses the command line %j with exit code 2', async (argv, says) => {
    expect('error' in parseImportArgs(argv)).toBe(true);
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(says);
  });

  it('prints the report as JSON with --json, and a dry run writes nothing', async () => {
    const before = await events();
    const { code, out, drawn } = await run([printed, '--region', '320700', '--dry-run', '--json'], true);
    expect(code).toBe(0);
    const report = JSON.parse(out) as ImportReport;
    expect(report.status).toBe('dry-run');
    expect(report.observations.length).toBe(138);
    expect(drawn).toBe('');
    expect(await events()).toBe(before);
  });

  it('imports, draws progress on a terminal, prints tables, and catches the projections up', async () => {
    const before = await events();
    const { code, out, drawn, caughtUp } = await run([printed, '--region', '320700'], true);
    expect(code).toBe(0);
    expect(out).toMatch(/状态 +│ 已导入 /u);
    expect(out).toContain(`附件1!G${lianyungangRowNumber('broadband-subscribers')}`);
    expect(out).toContain('宽带用户数');
    expect(drawn.length).toBeGreaterThan(0);
    expect(caughtUp).toBe(1);
    expect(await events()).toBeGreaterThan(before);
  });

  it('exits 1 for a rejected file, listing each problem and its cells', async () => {
    const { code, out } = await run([wrong, '--region', '320700']);
    expect(code).toBe(1);
    expect(out).toMatch(/状态 +│ 检查未通过（未写入） /u);
    expect(out).toContain('date_not_a_value');
    expect(out).toContain(`附件1!F${lianyungangRowNumber('broadband-subscribers')}`);
  });

  it('refuses an implausible value (exit 1, nothing written) unless --confirm-implausible or --confirm-cell names it', async () => {
    const cell = `F${lianyungangRowNumber('mobile-phone-subscribers')}`;
    const slipped = join(dir, 'slipped.xlsx');
    await writeFile(
      slipped,
      await lianyungangWorkbook({
        edit: (sheet) => {
          sheet.getCell(cell).value = 3_402_000;
          sheet.getCell(`E${lianyungangRowNumber('informatization-index')}`).value = 0.65;
        },
      }),
    );
    const before = await events();
    const refused = await run([slipped, '--region', '320700', '--json']);
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.out) as ImportReport;
    expect(report.problems.map((p) => [p.code, p.severity, p.cell, p.implausible?.expected])).toEqual([
      ['value_implausible', 'implausible', `附件1!${cell}`, '340.2？'],
    ]);
    expect(await events()).toBe(before);
    const dryRun = await run([slipped, '--region', '320700', '--dry-run', '--confirm-cell', `附件1!${cell}`]);
    expect(dryRun.code).toBe(0);
    const confirmed = await run([slipped, '--region', '320700', '--confirm-implausible', '--json']);
    expect(confirmed.code).toBe(0);
    expect((JSON.parse(confirmed.out) as ImportReport).problems[0]?.implausible?.confirmed).toBe(true);
    expect(await events()).toBeGreaterThan(before);
  });

  it('exits 2 for an unknown region or an unreadable path', async () => {
    expect(await run([printed, '--region', '110000'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('region_unknown'),
    });
    expect(await run([join(dir, 'missing.xlsx'), '--region', '320700'])).toMatchObject({ code: 2 });
  });
});
