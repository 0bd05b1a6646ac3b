import type { LockOwner } from '../database/data-dir-lock.ts';
import { LOCAL_ACTOR_HEADER } from '../http/auth/authorize.ts';
import { LABELS, type Lang } from './language.ts';

/** A problem+json answer, as far as a command line prints it. */
export interface ServiceProblem {
  status: number;
  code: string;
  message: { zh: string; en: string };
}

/** The service owning the data directory, called with its local credential, for the person running the command. */
export interface ServiceClient {
  readonly owner: LockOwner & { url: string };
  /** Sends JSON (an object) or a form; answers the status and the parsed body (JSON, else the text). */
  call(method: string, path: string, body?: FormData | object): Promise<{ status: number; body: unknown }>;
}

/** The service did not answer (it stopped, or its address is wrong). */
export class ServiceUnreachable extends Error {
  override readonly name = 'ServiceUnreachable';
}

export function isProblem(body: unknown): body is ServiceProblem {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as Partial<ServiceProblem>;
  return typeof code === 'string' && typeof message?.zh === 'string' && typeof message.en === 'string';
}

export function serviceClient(
  owner: LockOwner & { url: string },
  credential: string,
  actor: { id: string; name: string },
): ServiceClient {
  const headers = {
    Authorization: `Bearer ${credential}`,
    [LOCAL_ACTOR_HEADER]: encodeURIComponent(JSON.stringify(actor)),
  };
  return {
    owner,
    async call(method, path, body) {
      const isForm = body instanceof FormData;
      let response: Response;
      try {
        response = await fetch(new URL(path, owner.url), {
          method,
          headers:
            isForm || body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
          body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
        throw new ServiceUnreachable(
          `服务 ${owner.url}（进程 ${owner.pid}）没有应答（${cause}），请确认它仍在运行后重试。\n` +
            `The service at ${owner.url} (pid ${owner.pid}) did not answer (${cause}): check that it still runs and try again.`,
        );
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: the text as it came.
      }
      return { status: response.status, body: parsed };
    },
  };
}

/** A problem (or any unexpected answer) in `lang`, or without it as one line of each language. */
export function describeAnswer(status: number, body: unknown, lang?: Lang): string {
  if (lang && isProblem(body)) return `${body.code}: ${body.message[lang]}`;
  if (lang)
    return `${LABELS.unexpectedAnswer[lang]} ${status}: ${String(JSON.stringify(body)).slice(0, 500)}`;
  if (isProblem(body)) return `${body.code}: ${body.message.en} / ${body.message.zh}`;
  return `unexpected answer ${status} from the service / 服务返回了意外的应答 ${status}: ${String(JSON.stringify(body)).slice(0, 500)}`;
}
