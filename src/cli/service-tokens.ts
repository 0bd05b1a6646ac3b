import { type ApiToken, NewToken, TokenError } from '../auth/tokens.ts';
import { describeAnswer, isProblem, type ServiceClient } from './service-client.ts';
import type { TokenBackend } from './token.ts';

/** A token as the API shows it (TokenView): times as ISO text. */
interface TokenView {
  id: string;
  name: string;
  role: ApiToken['role'];
  regions: string[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

const date = (text: string | null) => (text === null ? null : new Date(text));

function fromView(view: TokenView): ApiToken {
  return {
    id: view.id,
    name: view.name,
    role: view.role,
    regions: view.regions,
    createdAt: new Date(view.createdAt),
    createdBy: view.createdBy,
    expiresAt: date(view.expiresAt),
    revokedAt: date(view.revokedAt),
    revokedBy: view.revokedBy,
  };
}

/** A problem answer as the TokenError the command prints; anything else unexpected as an Error. */
function refusal(status: number, body: unknown): Error {
  if (isProblem(body)) return new TokenError(body.code, body.message);
  return new Error(describeAnswer(status, body));
}

/** Tokens through the API of the service that owns the data directory (POST/GET /api/v1/tokens, …/revoke). */
export function serviceTokens(client: ServiceClient): TokenBackend {
  return {
    async create(request) {
      // Checked here first, so a malformed request reads as it does without a service (--field: message).
      const checked = NewToken.parse(request);
      const { status, body } = await client.call('POST', '/api/v1/tokens', checked);
      if (status !== 201) throw refusal(status, body);
      const created = body as TokenView & { secret: string };
      return { secret: created.secret, token: fromView(created) };
    },
    async list() {
      const tokens: ApiToken[] = [];
      for (let cursor: string | null = null; ; ) {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const { status, body } = await client.call('GET', `/api/v1/tokens?limit=100${query}`);
        if (status !== 200) throw refusal(status, body);
        const page = body as { tokens: TokenView[]; nextCursor: string | null };
        tokens.push(...page.tokens.map(fromView));
        cursor = page.nextCursor;
        if (!cursor) return tokens;
      }
    },
    async revoke(id) {
      const { status, body } = await client.call('POST', `/api/v1/tokens/${encodeURIComponent(id)}/revoke`);
      if (status === 404 && isProblem(body) && body.code === 'token_not_found') return undefined;
      if (status !== 200) throw refusal(status, body);
      return fromView(body as TokenView);
    },
  };
}
