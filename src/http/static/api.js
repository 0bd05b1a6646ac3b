/**
 * The public API, as the page calls it: the token (if any) rides along on every request, and a problem+json
 * answer becomes an ApiError with its Chinese message.
 */

const TOKEN_KEY = 'plan-monitor.token';

/** The write token lives in this tab's session only: closing the tab forgets it. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value) => (value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY)),
};

export class ApiError extends Error {
  constructor(status, problem) {
    const where = problem?.cell ?? problem?.field;
    super(
      `${problem?.message?.zh ?? problem?.detail ?? `请求失败（HTTP ${status}）`}${where ? `（${where}）` : ''}`,
    );
    this.status = status;
    this.code = problem?.code ?? 'http_error';
  }
}

function urlOf(path, query = {}) {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  return url;
}

async function send(path, { method = 'GET', query, body } = {}) {
  const headers = { Accept: 'application/json' };
  // A string body is JSON (sign-in, approval); a form sets its own type.
  if (typeof body === 'string') headers['Content-Type'] = 'application/json';
  const secret = token.get();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  let response;
  try {
    response = await fetch(urlOf(path, query), { method, headers, body });
  } catch {
    throw new ApiError(0, { message: { zh: '无法连接服务器，请检查网络后重试' } });
  }
  return response;
}

/** A JSON read. Throws ApiError for any answer but 2xx. */
export async function getJson(path, query) {
  const response = await send(path, { query });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * A JSON write (signing in and out, approval). The session cookie rides along by itself (same origin), and the
 * browser's Origin header is what the server's CSRF check reads. Throws ApiError for any answer but 2xx.
 */
export async function sendJson(path, method, body) {
  const response = await send(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A JSON request answered with a file (an export): the file as a Blob. Throws ApiError for any answer but 2xx. */
export async function postForFile(path, body) {
  const response = await send(path, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.blob();
}

/**
 * A multipart write whose non-2xx JSON answers can still be reports (an import's 422 lists its problems):
 * those come back as { status, data }; a problem+json answer throws.
 */
export async function postForm(path, form) {
  const response = await send(path, { method: 'POST', body: form });
  const type = response.headers.get('Content-Type') ?? '';
  const data = await response.json().catch(() => null);
  if (!response.ok && (type.includes('problem+json') || !data)) throw new ApiError(response.status, data);
  return { status: response.status, data };
}

/** A file download through fetch, so that a token is sent when reads need one. */
export async function download(path, fallbackName) {
  const response = await send(path);
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
