import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import { templateDataDir } from '../database/support/template-data-dir.ts';
import { lianyungangRowNumber, lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type CliRun, outputOf, runCli } from './support/run-cli.ts';

const root = resolve(import.meta.dirname, '../..');
const REGION = '320700';
// ESC, as every colour, cursor move and line clearing starts.
const ESCAPE = '\u001b';
const HAN = /\p{Script=Han}/u;

/** `script` (util-linux) gives the command a terminal of its own; the test says so when this machine has none. */
const script = (() => {
  try {
    return execFileSync('which', ['script'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();
if (!script)
  console.warn(
    'tests/cli/import-output.test.ts: no `script` (util-linux) here, the terminal case is skipped',
  );

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** Runs `npm run import` under a pseudo-terminal 100 columns wide: what a person at the keyboard sees. */
function runOnTerminal(args: string[], env: Record<string, string>): Promise<CliRun> {
  const command = `stty cols 100 rows 40; ${quote(resolve(root, 'node_modules/.bin/tsx'))} src/cli/import.ts ${args.map(quote).join(' ')}`;
  const child = spawn(script, ['-qec', command, '/dev/null'], {
    cwd: root,
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputOf(child);
}

/** The summary table, up to its bottom right corner: no indicator or region name is in it. */
const summaryOf = (stdout: string) => stdout.slice(0, stdout.indexOf('┘') + 1);

describe(`npm run import speaks one language, with progress fit for where its output goes (${testEngine})`, () => {
  let work = '';
  let file = '';
  let wrong = '';
  let env: Record<string, string> = {};
  let closeDatabase = async () => {};

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'plan-monitor-cli-output-'));
    file = join(work, 'lianyungang.xlsx');
    wrong = join(work, 'wrong.xlsx');
    await writeFile(file, await lianyungangWorkbook());
    await writeFile(
      wrong,
      await lianyungangWorkbook({
        edit: (sheet) => {
          sheet.getCell(`F${lianyungangRowNumber('broadband-subscribers')}`).value = new Date('2012-12-31');
        },
      }),
    );
    // The locale of the machine running the suite must not choose for the default case.
    const locale = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { ...locale, DATABASE_URL: database.url ?? '' };
      closeDatabase = () => database.close();
    } else {
      const dataDir = join(work, 'data');
      await templateDataDir(dataDir);
      env = { ...locale, DATA_DIR: dataDir, DATABASE_URL: '' };
    }
  }, 120_000);

  afterAll(async () => {
    await closeDatabase();
    await rm(work, { recursive: true, force: true });
  });

  let counts: ImportReport['counts'];

  it('given a pipe, prints the dry run in Chinese, with one plain progress line per step and no escape code', async () => {
    const json = await runCli('import', [file, '--region', REGION, '--dry-run', '--json'], env);
    expect(json.code).toBe(0);
    counts = (JSON.parse(json.stdout) as ImportReport).counts;
    expect(counts.observations).toBe(counts.new + counts.revised + counts.unchanged + counts.targets);

    const run = await runCli('import', [file, '--region', REGION, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(ESCAPE);
    expect(run.stderr.trim().split('\n')).toEqual([
      '正在读取 lianyungang.xlsx…',
      `已读取全部 ${counts.observations} 个数值，正在检查…`,
    ]);
    const summary = summaryOf(run.stdout);
    expect(summary).toContain('检查通过（未写入）');
    expect(summary).toMatch(new RegExp(`读取的数值 +│? *${counts.observations}\\b`, 'u'));
    expect(summary).toContain(`${counts.new} / ${counts.revised} / ${counts.unchanged}`);
    expect(summary).toMatch(new RegExp(`目标值（仅与规划比对，不写入） +│? *${counts.targets}\\b`, 'u'));
    // A part is named as the plan prints it, a kind and a tier in words.
    // The catalog's name, then the row as the sheet prints it where the two differ.
    expect(run.stdout).toMatch(
      /两化融合示范（试点）企业（表中：省两化融合示范（试点）企业（个）） +│ 示范 +│ 2011 +│ 实际值 /u,
    );
    for (const english of ['dry-run', 'new / revised', 'error', 'urban', 'demo', 'actual', 'target'])
      expect(run.stdout).not.toContain(english);
  }, 120_000);

  it('given --lang en, or an English locale, prints the same report in English: Chinese only in the data', async () => {
    for (const [args, locale] of [
      [['--lang', 'en'], {}],
      [[], { LANG: 'en_US.UTF-8' }],
    ] as const) {
      const run = await runCli('import', [file, '--region', REGION, '--dry-run', ...args], {
        ...env,
        ...locale,
      });
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(ESCAPE);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Reading lianyungang.xlsx…',
        `All ${counts.observations} values read, checking…`,
      ]);
      const summary = summaryOf(run.stdout);
      expect(summary).not.toMatch(HAN);
      expect(summary).toContain('checked, dry run (nothing written)');
      expect(summary).toContain(`Actual values: new / revised / unchanged`);
      const header = run.stdout.split('\n').find((line) => line.includes('Indicator')) ?? '';
      expect(header).toMatch(/Cell.*Indicator.*Part \/ tier.*Year.*Kind.*Region.*Value/u);
      expect(run.stdout).toMatch(
        /两化融合示范（试点）企业 \(in the sheet: 省两化融合示范（试点）企业（个）\) +│ 示范 +│ 2011 +│ actual /u,
      );
      expect(run.stdout).not.toMatch(/检查|实际值|目标值|已导入/u);
    }
  }, 120_000);

  it('given a pipe and a file with an error, names every problem in the chosen language and exits 1', async () => {
    const zh = await runCli('import', [wrong, '--region', REGION], env);
    expect(zh.code).toBe(1);
    expect(zh.stdout).not.toMatch(ESCAPE);
    expect(summaryOf(zh.stdout)).toContain('检查未通过（未写入）');
    const cell = `附件1!F${lianyungangRowNumber('broadband-subscribers')}`;
    const [where, message] = zh.stdout.slice(zh.stdout.indexOf('1. ')).split('\n');
    expect(where).toBe('1. 错误 · date_not_a_value');
    // The cell with its indicator as the sheet prints it and its year, and the whole sentence.
    expect(message?.trim()).toMatch(new RegExp(`^${cell}（家庭宽带用户数[^，]*，\\d{4}年）：.*[。）]$`, 'u'));
    const en = await runCli('import', [wrong, '--region', REGION, '--lang', 'en'], env);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('1. error · date_not_a_value');
    expect(en.stdout).toContain(`   ${cell} (`);
    expect(en.stdout).toContain('check failed (nothing written)');
  }, 120_000);

  it.runIf(script)(
    'given a terminal, draws a bar that it clears, then imports and prints the counts',
    async () => {
      const run = await runOnTerminal([file, '--region', REGION], env);
      expect(run.code).toBe(0);
      // The bar: drawn with escape codes (cursor hidden, line cleared) and shaded blocks, then cleared.
      expect(run.stdout).toMatch(ESCAPE);
      expect(run.stdout).toMatch(/[\u2588\u2591]{10,}/u);
      expect(run.stdout).toContain('正在读取 lianyungang.xlsx…');
      const report = run.stdout.slice(run.stdout.indexOf('状态'));
      expect(report).toContain('已导入');
      expect(report).toMatch(new RegExp(`读取的数值 +│? *${counts.observations}\\b`, 'u'));
      expect(report).toContain(`${counts.new} / ${counts.revised} / ${counts.unchanged}`);

      const again = await runOnTerminal([file, '--region', REGION, '--lang', 'en'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('duplicate file (nothing written)');
    },
    120_000,
  );
});
