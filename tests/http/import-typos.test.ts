import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filledWorkbook, PLAN, REGION, rowsWith } from '../dashboard/filled-workbook.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

type Problem = {
  code: string;
  cells?: string[];
  message: { zh: string; en: string };
  cellDetails?: { cell: string; message?: { zh: string; en: string } }[];
};

describe('an import with letters typed for digits', () => {
  it('given 1O0 (a letter O) and ｌ00 (a full-width l) in a sheet, when it is checked, then each is a value_typo naming the value meant, and nothing is written', async () => {
    const filled = await filledWorkbook(
      rowsWith({
        'broadband-subscribers': { 2013: '1O0' },
        'mobile-phone-subscribers': { 2012: 'ｌ00' },
      }),
    );
    const form = new FormData();
    form.set('file', new File([new Uint8Array(filled.buffer)], 'typos.xlsx'));
    form.set('region', REGION);
    form.set('plan', PLAN);
    const response = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { problems: Problem[] };
    const typos = body.problems.filter((p) => p.code === 'value_typo');
    // Each cell names its own typo; the advice to correct and upload again is said once, as the hint.
    const cellMessages = typos
      .flatMap((p) => p.cellDetails ?? [])
      .map((d) => d.message?.zh ?? '')
      .join('\n');
    expect(cellMessages).toContain('1O0 中的字母 O 应为数字 0？');
    expect(cellMessages).toContain('ｌ00 中的全角字母 ｌ 应为数字 1？');
    expect(JSON.stringify(body).split('系统不会自动替换').length - 1).toBe(1);
    expect(typos.flatMap((p) => p.cells ?? [])).toEqual(
      expect.arrayContaining([
        filled.cellOf('broadband-subscribers', 2013),
        filled.cellOf('mobile-phone-subscribers', 2012),
      ]),
    );
    const history = await fixture.app.request(
      `/api/v1/regions/${REGION}/indicators/broadband-subscribers/history`,
    );
    const entries = ((await history.json()) as { entries: { year: number }[] }).entries;
    expect(entries.filter((e) => e.year === 2013)).toEqual([]);
  });
});
