import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../database/schema.ts';
import { prepareDatabase } from '../startup.ts';
import {
  createUser,
  disableUser,
  listUsers,
  resetPassword,
  type User,
  UserError,
  UserRole,
} from '../users/users.ts';
import { LABELS, type Lang, languageOfProcess, SENTENCES } from './language.ts';
import { openOrRefuse } from './open-for-command.ts';
import type { Output } from './token.ts';

// People who sign in, from the command line (the password is asked for, or read from stdin; never an argument,
// which would stay in the shell history and the process list):
//   npm run user -- create --name 王芳 --login wangfang --role reporter --region 320700
//   npm run user -- list [--json]
//   npm run user -- disable usr_…
//   npm run user -- password usr_…

const langOf = (io: Output): Lang => io.lang ?? 'zh';

/** Where the password comes from: a prompt that does not echo, or the first line of piped stdin. */
export type ReadPassword = () => Promise<string>;

const fail = (io: Output, message: string) => {
  io.err(message);
  return 1;
};

const describe = (user: User, lang: Lang) => {
  const comma = lang === 'zh' ? '，' : ', ';
  const regions = user.regions.length ? `${comma}${user.regions.join(' ')}` : '';
  return `${user.id} — ${user.name} (${user.login})${comma}${LABELS.role[user.role][lang]}${regions}`;
};

function explain(io: Output, error: unknown): number {
  if (error instanceof UserError) return fail(io, `${error.code}: ${error.messages[langOf(io)]}`);
  if (error instanceof z.ZodError) {
    return fail(
      io,
      error.issues.map((issue) => `--${issue.path.join('.') || 'password'}: ${issue.message}`).join('\n'),
    );
  }
  throw error;
}

async function create(
  db: Kysely<Database>,
  args: string[],
  io: Output,
  readPassword: ReadPassword,
  now: Date,
) {
  const { values } = parseArgs({
    args,
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string', multiple: true },
    },
  });
  const role = UserRole.safeParse(values.role);
  if (!role.success) return fail(io, LABELS.userRoleNeeded[langOf(io)]);
  try {
    const user = await createUser(
      db,
      {
        login: values.login ?? '',
        name: values.name ?? '',
        role: role.data,
        regions: values.region ?? [],
        password: await readPassword(),
      },
      { createdBy: `cli:${userInfo().username}`, now },
    );
    io.out(SENTENCES.userDone('created', describe(user, langOf(io)))[langOf(io)]);
    return 0;
  } catch (error) {
    return explain(io, error);
  }
}

async function list(db: Kysely<Database>, args: string[], io: Output) {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const users: User[] = [];
  for (let after: number | undefined; ; ) {
    const page = await listUsers(db, { after, limit: 500 });
    users.push(...page);
    if (page.length < 500) break;
    after = page.at(-1)?.seq;
  }
  if (values.json) {
    io.out(JSON.stringify(users, null, 2));
    return 0;
  }
  const lang = langOf(io);
  const H = LABELS.userHead;
  const table = new Table({
    head: [H.id, H.login, H.name, H.role, H.regions, H.status].map((label) => label[lang]),
    style: { head: [], border: [] },
  });
  for (const user of users) {
    table.push([
      user.id,
      user.login,
      user.name,
      LABELS.role[user.role][lang],
      user.regions.join(' '),
      LABELS.userStatus[user.disabledAt ? 'disabled' : 'active'][lang],
    ]);
  }
  io.out(users.length === 0 ? LABELS.noUsers[lang] : table.toString());
  return 0;
}

/** Runs one user command against `db`; returns the exit code. */
export async function runUserCommand(
  db: Kysely<Database>,
  argv: string[],
  io: Output,
  readPassword: ReadPassword,
  now: Date = new Date(),
): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'create':
        return await create(db, args, io, readPassword, now);
      case 'list':
        return await list(db, args, io);
      case 'disable':
      case 'password': {
        const [id, ...rest] = args;
        if (!id || rest.length > 0) return fail(io, LABELS.userUsage[langOf(io)]);
        const user =
          command === 'disable'
            ? await disableUser(db, id, { disabledBy: `cli:${userInfo().username}`, now })
            : await resetPassword(db, id, await readPassword(), { now });
        if (!user) return fail(io, SENTENCES.noUser(id)[langOf(io)]);
        const what = command === 'disable' ? 'disabled' : 'password';
        io.out(SENTENCES.userDone(what, describe(user, langOf(io)))[langOf(io)]);
        return 0;
      }
      default:
        return fail(io, LABELS.userUsage[langOf(io)]);
    }
  } catch (error) {
    // parseArgs: an unknown option or a missing value.
    if (error instanceof TypeError && 'code' in error)
      return fail(io, `${error.message}\n${LABELS.userUsage[langOf(io)]}`);
    return explain(io, error);
  }
}

/** Asks twice on a terminal without echoing; reads the first line of stdin otherwise. */
export const readPasswordFromStdin: ReadPassword = async () => {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // Echo the prompt only, never what is typed.
      const write = (prompt as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (prompt as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text: string) => {
        if (text.includes(question)) write.call(prompt, question);
      };
      prompt.question(question, (answer) => {
        prompt.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password / 密码: ');
  const again = await ask('Again / 再次输入: ');
  if (first !== again)
    throw new UserError('password_mismatch', { zh: '两次输入的密码不一致', en: 'the two passwords differ' });
  return first;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lang, argv } = languageOfProcess();
  // The service has the admin API for people (/api/v1/users): beside it this command refuses, writing nothing.
  const database = await openOrRefuse(process.env, 'npm run user', {
    zh: '请改用管理接口 /api/v1/users（管理员令牌），或先停止该服务再运行 npm run user',
    en: 'use the admin API /api/v1/users (with an admin token) instead, or stop the service before running npm run user',
  });
  try {
    // Migrated and seeded, so a user's regions can be checked against the catalog.
    await prepareDatabase(database.db);
    process.exitCode = await runUserCommand(
      database.db,
      argv,
      { out: (line) => console.log(line), err: (line) => console.error(line), lang },
      readPasswordFromStdin,
    );
  } finally {
    await database.close();
  }
}
