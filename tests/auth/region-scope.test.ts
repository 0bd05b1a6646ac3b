import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeCovers, scopesCover } from '../../src/auth/region-scope.ts';

describe('a reporter scope covers regions by GB/T 2260 prefix', () => {
  it.each([
    ['320000', '320000', true],
    ['320000', '320700', true],
    ['320000', '320703', true],
    ['320000', '370200', false],
    ['320700', '320700', true],
    ['320700', '320706', true],
    ['320700', '320400', false],
    ['320700', '320000', false],
    ['320706', '320706', true],
    ['320706', '320707', false],
  ])('scope %s covers %s: %s', (scope, region, covered) => {
    expect(scopeCovers(scope, region)).toBe(covered);
  });

  it('a city is covered by its province, never the other way round', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`));
    fc.assert(
      fc.property(digits(2), digits(2), (province, city) => {
        expect(scopeCovers(`${province}0000`, `${province}${city}00`)).toBe(true);
        expect(scopeCovers(`${province}${city}00`, `${province}0000`)).toBe(false);
      }),
    );
  });

  it('several scopes cover the union of their regions', () => {
    expect(scopesCover(['320700', '370000'], '370202')).toBe(true);
    expect(scopesCover(['320700', '370000'], '320400')).toBe(false);
    expect(scopesCover([], '320700')).toBe(false);
  });
});
