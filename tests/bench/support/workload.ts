/** The events every append benchmark writes: value reports shaped like an import's, ~400 bytes each. */
export function valueEvent(series: number, n: number) {
  return {
    type: 'ValueReported',
    data: {
      regionCode: String(110000 + (series % 2800) * 100).slice(0, 6),
      indicatorCode: `indicator-${series % 30}`,
      part: null,
      year: 2011 + (n % 5),
      comparator: 'eq',
      value: series * 0.5 + n,
      unit: '%',
      source: {
        kind: 'workbook',
        importId: `import-${Math.floor(series / 1000)}`,
        file: 'national.xlsx',
        sha256: 'ab'.repeat(32),
        sheet: '指标',
        cell: `F${series + 2}`,
      },
    },
    metadata: {
      actor: { kind: 'token', id: 'tok-1', name: '国家统计局' },
      occurredAt: '2026-11-22T12:00:00Z',
      importId: `import-${Math.floor(series / 1000)}`,
    },
  };
}

export const seriesWorkload = { series: 20_000, eventsPerSeries: 5 };
export const batchWorkload = { batches: 100, eventsPerBatch: 1_000 };

/** Runs `work(i)` for i in [0, count) with `concurrency` workers; returns elapsed seconds. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
  return (performance.now() - started) / 1000;
}
