import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE, parseLockOwner } from '../../src/database/data-dir-lock.ts';
import { CREDENTIAL_FILE } from '../../src/runtime/local-credential.ts';
import { filledWorkbook, PLAN, plausibleRows, REGION, rowsWith } from '../dashboard/filled-workbook.ts';
import { templateDataDir } from '../database/support/template-data-dir.ts';
import { upload } from '../reliability/support/bad-inputs.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { runCli } from './support/run-cli.ts';

const ADMIN = 'cli-beside-admin';
const who = userInfo().username;

describe(`npm run import and npm run token while the service runs on the same database (${testEngine})`, () => {
  let work = '';
  let dataDir = '';
  let file = '';
  /** What the service and the commands are given: the same DATA_DIR, or the same DATABASE_URL. */
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let closeDatabase = async () => {};

  const start = () => startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', RECALC_CRON: 'off' });
  const get = (path: string, token?: string) =>
    fetch(`${server?.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'plan-monitor-cli-'));
    dataDir = join(work, 'data');
    file = join(work, 'lianyungang-2011-2014.xlsx');
    await writeFile(file, (await filledWorkbook(plausibleRows())).buffer);
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      closeDatabase = () => database.close();
    } else {
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      await templateDataDir(dataDir);
    }
    server = await start();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await closeDatabase();
    await rm(work, { recursive: true, force: true });
  });

  let importId = '';
  let secret = '';

  it('prints a rejected file as it does without a service: every problem with its cell, exit code 1', async () => {
    const bad = join(work, 'with-a-bad-value.xlsx');
    const workbook = await filledWorkbook(rowsWith({ 'mobile-phone-subscribers': { 2012: '三百四十五' } }));
    await writeFile(bad, workbook.buffer);
    const run = await runCli('import', [bad, '--region', REGION, '--plan', PLAN], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/状态 +│ 检查未通过（未写入） /u);
    // Through the service (an embedded database it owns) there is no chunk to count: one line says what is sent
    // where. On a PostgreSQL server the command imports itself, a line per step.
    expect(run.stderr.trim()).toMatch(
      testEngine === 'pglite'
        ? /^正在将 with-a-bad-value\.xlsx（\d+ KB）上传至服务 http:\S+ 并等待检查结果…$/u
        : /^正在读取 with-a-bad-value\.xlsx…\n已读取全部 \d+ 个数值，正在检查…$/u,
    );
    expect(run.stdout).toContain(workbook.cellOf('mobile-phone-subscribers', 2012).split('!')[1]);
  }, 60_000);

  it('imports through the running service: the service lists the import at once, done by the person at the keyboard', async () => {
    const run = await runCli('import', [file, '--region', REGION, '--plan', PLAN, '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { status: string; importId: string; counts: { new: number } };
    expect(report.status).toBe('imported');
    expect(report.counts.new).toBeGreaterThan(0);
    importId = report.importId;

    const record = await get(`/api/v1/imports/${importId}`);
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({
      importId,
      status: 'imported',
      actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
    });
  }, 60_000);

  it('makes a token the running service accepts at once, and lists it', async () => {
    const run = await runCli(
      'token',
      ['create', '--role', 'reporter', '--region', REGION, '--name', '连云港统计局'],
      env,
    );
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^已创建 tok_\w+ — 连云港统计局，报送，320700/);
    secret = run.stdout.trim().split('\n').at(-1) ?? '';
    expect(secret).toMatch(/^pm_/);

    // A dry run is a write a reporter may make: refused with 401 if the service did not know the token.
    const dryRun = await upload(server?.url ?? '', await readFile(file), { dryRun: 'true' }, secret);
    expect(dryRun.status).toBe(200);

    const listed = await runCli('token', ['list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        name: '连云港统计局',
        role: 'reporter',
        status: 'active',
        regions: [REGION],
      }),
    ]);
  }, 60_000);

  it('keeps the import and the token after the service restarts', async () => {
    await server?.stop();
    server = await start();
    const record = await get(`/api/v1/imports/${importId}`);
    expect(record.status).toBe(200);
    expect(
      ((await record.json()) as { report: { counts: { new: number } } }).report.counts.new,
    ).toBeGreaterThan(0);
    const dryRun = await upload(server.url, await readFile(file), { dryRun: 'true' }, secret);
    expect(dryRun.status).toBe(200);
  }, 120_000);

  it.runIf(testEngine === 'pglite')(
    'owns its data directory: the lock names the service and its address, the credential is readable by its user only',
    async () => {
      const owner = parseLockOwner(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
      expect(owner).toMatchObject({ pid: server?.child.pid, role: 'service', url: server?.url });
      expect((await stat(join(dataDir, CREDENTIAL_FILE))).mode & 0o777).toBe(0o600);
      // The credential is the service's alone to hand out as a CLI actor: a token cannot claim one.
      const claimed = await fetch(`${server?.url}/api/v1/tokens`, {
        headers: {
          Authorization: `Bearer ${secret}`,
          'Plan-Monitor-Cli-Actor': encodeURIComponent(JSON.stringify({ id: 'root', name: 'x' })),
        },
      });
      expect(claimed.status).toBe(403);
    },
  );

  it.runIf(testEngine === 'pglite')(
    'refuses what it cannot do through the service, in one sentence each language, and writes nothing',
    async () => {
      const before = await (await get('/api/v1/jobs')).json();
      const lockBefore = await readFile(join(dataDir, LOCK_FILE), 'utf8');
      const run = await runCli('recalc', [], env);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      const [zh, en, ...rest] = run.stderr.trim().split('\n');
      expect(rest).toEqual([]);
      expect(zh).toContain(
        `数据目录 ${dataDir} 正由 plan-monitor 服务（${server?.url}）占用（进程 ${server?.child.pid}`,
      );
      expect(en).toContain(
        `The data directory ${dataDir} is owned by the plan-monitor service at ${server?.url} (pid ${server?.child.pid}`,
      );
      expect(en).toContain('npm run recalc');
      // No manual run recorded, and the service still owns the directory.
      expect(await (await get('/api/v1/jobs')).json()).toEqual(before);
      expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(lockBefore);
    },
    60_000,
  );
});

describe.runIf(testEngine === 'pglite')('a data directory held by another command', () => {
  it('refuses npm run import, naming that command, and opens nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'plan-monitor-cli-held-'));
    const file = join(dataDir, 'sheet.xlsx');
    await writeFile(file, (await filledWorkbook(plausibleRows())).buffer);
    // This test process plays the other command: alive, on this host, not a service.
    const lock = await acquireDataDirLock(dataDir, { role: 'cli', command: 'npm run rebuild' });
    try {
      const run = await runCli('import', [file, '--region', REGION], { DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`正由命令 npm run rebuild 占用（进程 ${process.pid}`);
      expect(run.stderr).toContain(`is owned by the command npm run rebuild (pid ${process.pid}`);
      expect(run.stderr).toContain('wait until it has finished');
      expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
      expect((await readdir(dataDir)).sort()).toEqual([LOCK_FILE, 'sheet.xlsx']);
    } finally {
      await lock.release();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
