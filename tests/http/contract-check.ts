import type { Contract, Operation } from './contract-document.ts';
import type { AuthKind, Case } from './contract-requests.ts';

/**
 * One generated case as an HTTP request, and what the document says of its answer: a documented status, a
 * documented content type whose schema the body fits, never a 5xx, a schema-valid request not refused as
 * invalid, a schema-invalid one not accepted.
 */

export type Tokens = Record<Exclude<AuthKind, 'none'>, string>;

export function requestOf(operation: Operation, c: Case, tokens: Tokens): { url: string; init: RequestInit } {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(c.params[name] ?? ''),
  );
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = c.params[parameter.name];
    if (parameter.in === 'query' && value !== undefined) query.set(parameter.name, value);
  }
  const headers: Record<string, string> =
    c.auth === 'none' ? {} : { Authorization: `Bearer ${tokens[c.auth]}` };
  if (c.accept) headers.Accept = c.accept;
  let body: RequestInit['body'];
  switch (c.body.kind) {
    case 'json':
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(c.body.value);
      break;
    case 'raw':
      headers['Content-Type'] = c.body.contentType;
      body = c.body.text;
      break;
    case 'form': {
      const form = new FormData();
      for (const [name, value] of Object.entries(c.body.fields)) form.append(name, value);
      const file = c.body.file;
      if (typeof file === 'string') form.append('file', file);
      else if (file) form.append('file', new File([Buffer.from(file.bytes)], file.name));
      body = form;
      break;
    }
  }
  const search = query.toString();
  return { url: `${path}${search ? `?${search}` : ''}`, init: { method: operation.method, headers, body } };
}

/** Why the document does not allow this request, or null when it does. */
export function invalidity(contract: Contract, operation: Operation, c: Case): string | null {
  for (const parameter of operation.parameters) {
    const value = c.params[parameter.name];
    if (value === undefined) {
      if (parameter.required) return `missing ${parameter.in} parameter ${parameter.name}`;
      continue;
    }
    const error = contract.check(parameter.schema, value, true);
    if (error) return `${parameter.in} parameter ${parameter.name}: ${error}`;
  }
  const documented = operation.body;
  const body = c.body;
  if (!documented) return null;
  if (body.kind === 'none') return documented.required ? 'no body' : null;
  const type =
    body.kind === 'form'
      ? 'multipart/form-data'
      : body.kind === 'raw'
        ? body.contentType
        : 'application/json';
  const media = documented.content[type];
  if (!media) return `content type ${type} not documented`;
  let value: unknown;
  if (body.kind === 'raw') {
    try {
      value = JSON.parse(body.text);
    } catch {
      return 'body is not JSON';
    }
  } else if (body.kind === 'json') {
    value = body.value;
  } else {
    // Every multipart part is a string to the schema: a file part's bytes, or a text part's text.
    value = { ...body.fields, ...(body.file !== undefined ? { file: 'binary' } : {}) };
  }
  const error = contract.check(media.schema, value);
  return error ? `body: ${error}` : null;
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

export async function violationsOf(
  contract: Contract,
  operation: Operation,
  c: Case,
  response: Response,
): Promise<string[]> {
  const violations: string[] = [];
  const { status } = response;
  const text = await response.text();
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  let parsed: unknown;
  if (isJson(type)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      violations.push(`${status} ${type} body is not JSON`);
    }
  }
  const code = (parsed as { code?: unknown } | undefined)?.code;
  const said = `${status}${typeof code === 'string' ? ` ${code}` : ''}`;
  if (status >= 500) violations.push(`server error ${said}: ${text.slice(0, 300)}`);
  const documented =
    operation.responses[String(status)] ??
    operation.responses[`${String(status)[0]}XX`] ??
    operation.responses.default;
  if (!documented) {
    violations.push(`undocumented status ${said}`);
  } else if (text.length > 0) {
    const media = documented.content?.[type];
    if (!media) violations.push(`content type "${type}" not documented for ${said}`);
    else if (isJson(type) && parsed !== undefined) {
      const error = contract.check(media.schema, parsed);
      if (error) violations.push(`${said} body does not fit its schema: ${error}`);
    }
  } else if (documented.content && status !== 304) {
    violations.push(`empty body for ${said}, documented with content`);
  }
  const invalid = invalidity(contract, operation, c);
  // A request the schema allows may still break a rule the schema cannot state (a region the catalog lacks,
  // a file that is not a workbook, an expiry already past): 422 with that rule's own code, or an import report.
  // Never a validation failure, never a refusal of the request's form.
  const domainRule = status === 422 && code !== 'validation_failed';
  if (invalid === null && [400, 405, 413, 415, 422].includes(status) && !domainRule) {
    violations.push(`schema-valid request refused with ${said}: ${text.slice(0, 300)}`);
  }
  if (invalid !== null && status < 400)
    violations.push(`schema-invalid request (${invalid}) accepted with ${status}`);
  return violations;
}
