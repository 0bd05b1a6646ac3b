import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { scopePrefix } from '../auth/region-scope.ts';
import {
  type ApiToken,
  createToken,
  listTokens,
  type NewToken,
  revokeToken,
  TokenError,
  TokenRole,
  tokenStatus,
} from '../auth/tokens.ts';
import type { Database } from '../database/schema.ts';
import { prepareDatabase } from '../startup.ts';
import { LABELS, type Lang, languageOfProcess, SENTENCES } from './language.ts';
import { runWhereTheDataIs } from './open-for-command.ts';
import { serviceTokens } from './service-tokens.ts';

// API tokens from the command line:
//   npm run token -- create --role reporter --region 320700 --name 连云港统计局 [--expires 2026-12-31T00:00:00Z]
//   npm run token -- list [--json]
//   npm run token -- revoke tok_…

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Chinese unless told (the command line's --lang, or the locale). */
  lang?: Lang;
}

const langOf = (io: Output): Lang => io.lang ?? 'zh';

const fail = (io: Output, message: string) => {
  io.err(message);
  return 1;
};

function describeScope(token: ApiToken, lang: Lang): string {
  if (token.role !== 'reporter') return (token.role === 'admin' ? LABELS.allRegions : LABELS.readsOnly)[lang];
  return token.regions.map((code) => `${code} (${scopePrefix(code)}…)`).join(', ');
}

/** Where tokens are made, listed and revoked: the database itself, or the service that owns it (service-tokens.ts). */
export interface TokenBackend {
  /** Throws a ZodError for a malformed request, a TokenError for one the catalog refuses. */
  create(request: NewToken, now: Date): Promise<{ secret: string; token: ApiToken }>;
  /** Every token, oldest first. */
  list(now: Date): Promise<ApiToken[]>;
  revoke(id: string, now: Date): Promise<ApiToken | undefined>;
}

/** Tokens in the database, recorded as made by the person running the command. */
export function databaseTokens(db: Kysely<Database>): TokenBackend {
  const by = () => `cli:${userInfo().username}`;
  return {
    create: (request, now) => createToken(db, request, { createdBy: by(), now }),
    async list() {
      const tokens: ApiToken[] = [];
      for (let after: number | undefined; ; ) {
        const page = await listTokens(db, { after, limit: 500 });
        tokens.push(...page);
        if (page.length < 500) break;
        after = page.at(-1)?.seq;
      }
      return tokens;
    },
    revoke: (id, now) => revokeToken(db, id, { revokedBy: by(), now }),
  };
}

async function create(tokens: TokenBackend, args: string[], io: Output, now: Date): Promise<number> {
  const lang = langOf(io);
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string', multiple: true },
      expires: { type: 'string' },
    },
  });
  const role = TokenRole.safeParse(values.role);
  if (!role.success) return fail(io, LABELS.tokenRoleNeeded[lang]);
  try {
    const { secret, token } = await tokens.create(
      {
        name: values.name ?? '',
        role: role.data,
        regions: values.region ?? [],
        expiresAt: values.expires ?? null,
      },
      now,
    );
    io.out(
      SENTENCES.tokenCreated(token.id, token.name, LABELS.role[token.role][lang], describeScope(token, lang))[
        lang
      ],
    );
    if (token.expiresAt) io.out(SENTENCES.tokenExpires(token.expiresAt.toISOString())[lang]);
    io.out('');
    io.out(LABELS.secretOnce[lang]);
    io.out(secret);
    return 0;
  } catch (error) {
    if (error instanceof TokenError) return fail(io, `${error.code}: ${error.messages[lang]}`);
    if (error instanceof z.ZodError) {
      return fail(io, error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
    }
    throw error;
  }
}

async function list(backend: TokenBackend, args: string[], io: Output, now: Date): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const tokens = await backend.list(now);
  if (values.json) {
    io.out(
      JSON.stringify(
        tokens.map((token) => ({ ...token, status: tokenStatus(token, now) })),
        null,
        2,
      ),
    );
    return 0;
  }
  const lang = langOf(io);
  const H = LABELS.tokenHead;
  const table = new Table({
    head: [H.id, H.name, H.role, H.regions, H.status, H.created, H.expires].map((label) => label[lang]),
    style: { head: [], border: [] },
  });
  for (const token of tokens) {
    table.push([
      token.id,
      token.name,
      LABELS.role[token.role][lang],
      token.regions.join(' '),
      LABELS.tokenStatus[tokenStatus(token, now)][lang],
      token.createdAt.toISOString(),
      token.expiresAt?.toISOString() ?? '',
    ]);
  }
  io.out(tokens.length === 0 ? LABELS.noTokens[lang] : table.toString());
  return 0;
}

async function revoke(tokens: TokenBackend, args: string[], io: Output, now: Date): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const [id] = positionals;
  const lang = langOf(io);
  if (!id || positionals.length > 1) return fail(io, LABELS.tokenUsage[lang]);
  const token = await tokens.revoke(id, now);
  if (!token) return fail(io, SENTENCES.noToken(id)[lang]);
  io.out(SENTENCES.tokenRevoked(token.id, token.name, token.revokedAt?.toISOString() ?? '')[lang]);
  return 0;
}

/** Runs one token command against `db`, or a TokenBackend (the service's API); returns the exit code. */
export async function runTokenCommand(
  target: Kysely<Database> | TokenBackend,
  argv: string[],
  io: Output,
  now: Date = new Date(),
): Promise<number> {
  const tokens = 'revoke' in target ? target : databaseTokens(target);
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'create':
        return await create(tokens, args, io, now);
      case 'list':
        return await list(tokens, args, io, now);
      case 'revoke':
        return await revoke(tokens, args, io, now);
      default:
        return fail(io, LABELS.tokenUsage[langOf(io)]);
    }
  } catch (error) {
    // parseArgs: an unknown option or a missing value.
    if (error instanceof TypeError && 'code' in error)
      return fail(io, `${error.message}\n${LABELS.tokenUsage[langOf(io)]}`);
    // The service refused (list, revoke): its problem, as create prints one.
    if (error instanceof TokenError) return fail(io, `${error.code}: ${error.messages[langOf(io)]}`);
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lang, argv } = languageOfProcess();
  const io: Output = { out: (line) => console.log(line), err: (line) => console.error(line), lang };
  // Beside a running service, through its API: a token made in the directory it owns would never reach it.
  process.exitCode = await runWhereTheDataIs(process.env, 'npm run token', {
    service: (client) => runTokenCommand(serviceTokens(client), argv, io),
    async database({ db }) {
      // Migrated and seeded, so a token's regions can be checked against the catalog.
      await prepareDatabase(db);
      return runTokenCommand(db, argv, io);
    },
  });
}
