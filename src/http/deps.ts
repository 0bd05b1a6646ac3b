import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../database/schema.ts';
import type { ReportDeadline } from '../projections/completeness/query.ts';

export interface AppConfig {
  /** Accepted as an admin token, for bootstrap and tests. */
  adminToken?: string;
  /**
   * The secret the Node service wrote into its data directory (src/runtime/local-credential.ts): accepted as an
   * admin that acts for the person running a command line beside the service.
   */
  localCredential?: string;
  /** 'public' (default): reads need no token. 'token': every read needs one. */
  readAccess: 'public' | 'token';
  /** Origins allowed to call the API from a browser (dashboards elsewhere); `*` for any. None by default. */
  corsOrigins?: readonly string[];
  /** Largest upload (multipart or a workbook body), in bytes. Default 20 MB. */
  maxUploadBytes?: number;
  /** Largest other request body (JSON), in bytes. Default 1 MB. */
  maxBodyBytes?: number;
  /** Rendered read answers kept per version of the read model (src/http/body-cache.ts), in bytes. Default 32 MB. */
  readCacheBytes?: number;
  /** When a report year's values are due (REPORT_DEADLINE, MM-DD of the following year). Default 03-31. */
  reportDeadline?: ReportDeadline;
  /** Imports run at once in this process (src/http/middleware/import-slots.ts). Default 2. */
  importConcurrency?: number;
  /** Imports that wait for a slot; one more gets 503 imports_busy with Retry-After. Default 8. */
  importQueue?: number;
}

/** What the HTTP app needs from its runtime; the entry point (Node or Workers) provides it. */
export interface AppDeps {
  db: Kysely<Database>;
  config: AppConfig;
  /** Brings every projection up to the end of the log. */
  catchUp(): Promise<void>;
  /** Structured logs (pino); none in tests. */
  logger?: Logger;
  /** The clock, for token expiry and when a write occurred; tests pass a fixed one. */
  now?: () => Date;
  /**
   * Scalar's standalone script for /docs, when the runtime has it (Node reads it from node_modules); without it
   * the reference page loads the script from Scalar's CDN.
   */
  docsScript?: () => Promise<string | Uint8Array | undefined>;
  /** True once the process is shutting down: /readyz answers 503 so a load balancer stops sending requests. */
  draining?: () => boolean;
  /** The dashboard's files (GET /): read from disk on Node, from the bundle on Workers. None: no dashboard. */
  assets?: StaticAssets;
}

/** Files by their path under the dashboard's static folder (`index.html`, `app.js`, `vendor/echarts.min.js`). */
export interface StaticAssets {
  /** The file's bytes, or undefined when there is no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
}
