import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { loadImportCatalog } from '../imports/load-catalog.ts';
import type { ServiceClient } from './service-client.ts';

/** A part's name as the plan prints it (城市, 示范 …), as the dashboard shows it; undefined when unknown. */
export type PartName = (indicatorCode: string, part: string) => string | undefined;

type Parts = Iterable<{ code: string; parts: readonly { code: string; name: string }[] }>;

function lookup(indicators: Parts): PartName {
  const names = new Map<string, string>();
  for (const indicator of indicators)
    for (const part of indicator.parts) names.set(`${indicator.code}\u0000${part.code}`, part.name);
  return (indicator, part) => names.get(`${indicator}\u0000${part}`);
}

/** From the catalog in the database. */
export async function partNamesInDatabase(db: Kysely<Database>): Promise<PartName> {
  return lookup((await loadImportCatalog(db)).indicators.values());
}

/** From the service's indicator list; none (codes shown) when it does not answer with one. */
export async function partNamesOfService(client: ServiceClient): Promise<PartName> {
  const { status, body } = await client.call('GET', '/api/v1/indicators');
  const indicators = (body as { indicators?: Parts } | null)?.indicators;
  return lookup(status === 200 && indicators ? indicators : []);
}
