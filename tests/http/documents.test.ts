import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpFixture, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

type Documents = { documents: { document: string; title: string; issuer: string; issuedOn: string }[] };

describe('GET /api/v1/documents names the documents that citations point to', () => {
  it('given the seeded plans, then every document a target cites has its title, issuer and date', async () => {
    const response = await fixture.app.request('/api/v1/documents');
    expect(response.status).toBe(200);
    const { documents } = (await response.json()) as Documents;
    expect(documents).toContainEqual({
      document: '000_7f32ec414e3c4464.txt',
      title: '连云港市“十二五”信息化发展规划',
      issuer: '连云港市人民政府办公室',
      issuedOn: '2012-09-12',
    });
    // The province's 2013 document revises targets without stating a plan of its own: it is named too.
    expect(documents.find((d) => d.document === '003_ba4abfd5d0d1c7a7.txt')?.title).toBe(
      '江苏省人民政府关于大力推进信息化发展和切实保障信息安全的实施意见',
    );
    const plan = (await (await fixture.app.request('/api/v1/plans/jiangsu-12fyp')).json()) as {
      indicators: { targets: { source: { document?: string } }[] }[];
    };
    const cited = new Set(plan.indicators.flatMap((i) => i.targets.map((t) => t.source.document)));
    const named = new Set(documents.map((d) => d.document));
    for (const document of cited) if (document) expect(named, document).toContain(document);
  });

  it('given the ETag of the last read, when nothing changed, then 304', async () => {
    const first = await fixture.app.request('/api/v1/documents');
    const etag = first.headers.get('ETag') as string;
    expect(etag).toBeTruthy();
    const again = await fixture.app.request('/api/v1/documents', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});
