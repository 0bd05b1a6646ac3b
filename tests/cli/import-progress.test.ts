import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { importCommand } from '../../src/imports/import-command.ts';
import { IMPORT_PLAN, IMPORT_REGION, prepare, sheetLines } from '../bench/import.ts';
import { writeSheet } from '../bench/support/workbook.ts';
import { openTestDatabase } from '../support/database.ts';

/** 1,100 rows × 5 years: 5,500 values, a full chunk of 5,000 and a part of one. */
const ROWS = 1_100;
const VALUES = ROWS * 5;

let database: OpenDatabase;
let dir = '';
let path = '';
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  await prepare(database.db, ROWS);
  dir = await mkdtemp(join(tmpdir(), 'plan-monitor-progress-'));
  path = join(dir, 'national.xlsx');
  await writeSheet(path, [...sheetLines(ROWS)]);
}, 120_000);
afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A dry run of the sheet, its progress written to a stream that is a terminal or not. */
async function dryRun(tty: boolean, lang: 'zh' | 'en') {
  const stream = Object.assign(new PassThrough(), {
    isTTY: tty,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => {
    drawn += chunk.toString();
  });
  const out: string[] = [];
  const code = await importCommand(
    [path, '--region', IMPORT_REGION, '--plan', IMPORT_PLAN, '--dry-run'],
    database.db,
    {
      actor: { kind: 'cli', id: 'tester', name: 'npm run import (tester)' },
      now: new Date('2016-03-01T00:00:00Z'),
      catchUp: async () => {},
      io: {
        out: (text) => out.push(text),
        err: (text) => out.push(text),
        progressStream: stream,
        print: { lang },
      },
    },
  );
  return { code, drawn, out: out.join('\n') };
}

describe('the progress of an import larger than a chunk', () => {
  it('given no terminal, then one plain line per chunk of 5,000 values, then one when all is read', async () => {
    const { code, drawn } = await dryRun(false, 'zh');
    expect(code).toBe(0);
    expect(drawn.split('\n').filter(Boolean)).toEqual([
      '正在读取 national.xlsx…',
      '已读取 5000 个数值…',
      `已读取全部 ${VALUES} 个数值，正在检查…`,
    ]);
    expect(drawn).not.toContain('\u001b');
  }, 120_000);

  it('given a terminal, then a bar redrawn in place, its words in the chosen language', async () => {
    const { code, drawn, out } = await dryRun(true, 'en');
    expect(code).toBe(0);
    expect(drawn).toContain('\u001b');
    expect(drawn).toMatch(/[\u2588\u2591]{10,}/u);
    expect(drawn).toContain('5000 values read…');
    expect(out).toContain('checked, dry run (nothing written)');
  }, 120_000);
});
