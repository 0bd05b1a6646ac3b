import { parseReportDeadline } from '../projections/completeness/query.ts';
import { DEFAULT_READ_CACHE_BYTES } from './body-cache.ts';
import type { AppConfig } from './deps.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from './middleware/body-limit.ts';
import { DEFAULT_IMPORT_CONCURRENCY, DEFAULT_IMPORT_QUEUE } from './middleware/import-slots.ts';

function bytes(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number of bytes, not "${text}"`);
  }
  return value;
}

function count(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  least: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < least) {
    throw new Error(`${name} must be a whole number of at least ${least}, not "${text}"`);
  }
  return value;
}

/**
 * The HTTP configuration from the environment: ADMIN_TOKEN, READ_ACCESS (public | token), CORS_ORIGINS
 * (comma-separated, or *), MAX_UPLOAD_BYTES (default 20 MB), MAX_BODY_BYTES (default 1 MB), READ_CACHE_BYTES (rendered
 * read answers kept, default 32 MB), REPORT_DEADLINE (MM-DD of the year after a report year, default 03-31),
 * IMPORT_CONCURRENCY (imports at once, default 2), IMPORT_QUEUE (imports waiting, default 8). A malformed value
 * stops the start rather than being ignored.
 */
export function appConfigFromEnv(env: Record<string, string | undefined>): AppConfig {
  const readAccess = env.READ_ACCESS || 'public';
  if (readAccess !== 'public' && readAccess !== 'token') {
    throw new Error(`READ_ACCESS must be "public" or "token", not "${readAccess}"`);
  }
  const deadlineText = env.REPORT_DEADLINE || '03-31';
  const reportDeadline = parseReportDeadline(deadlineText);
  if (!reportDeadline) {
    throw new Error(`REPORT_DEADLINE must be a day of the year as MM-DD (03-31), not "${deadlineText}"`);
  }
  return {
    adminToken: env.ADMIN_TOKEN || undefined,
    readAccess,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxUploadBytes: bytes(env, 'MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES),
    maxBodyBytes: bytes(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    readCacheBytes: bytes(env, 'READ_CACHE_BYTES', DEFAULT_READ_CACHE_BYTES),
    reportDeadline,
    importConcurrency: count(env, 'IMPORT_CONCURRENCY', DEFAULT_IMPORT_CONCURRENCY, 1),
    importQueue: count(env, 'IMPORT_QUEUE', DEFAULT_IMPORT_QUEUE, 0),
  };
}
