import fc from 'fast-check';

/**
 * Ways to break a generated request on purpose: text no parameter schema should take, a value of the wrong
 * type, one just out of range, a required property left out, extra junk. Whether the result is still valid is
 * for the document to say (contract-check.ts), not for these.
 */

type Schema = Record<string, unknown>;

/** Text no schema of ours should take for a number, a pattern, an enum, a date-time or a bounded length. */
export const BAD_TEXT = [
  'abc',
  '-1',
  '0',
  '1e400',
  '99999999999',
  '2011-13-45T00:00:00Z',
  'x'.repeat(101),
  'Ab C',
  '中文',
  // Near misses: the document and the route must draw the line in the same place.
  '2013-04-01T00:00Z',
  '2013-04-01T00:00:00',
  '2013-04-01t00:00:00z',
  '2013-04-01 00:00:00Z',
  '2013-04-01T00:00:00+0800',
  '2013-04-01',
  ' 5',
  '1.0',
  '1.5',
  '0x10',
  '320700 ',
  'CSV',
];

/** A value of another JSON type than the schema's. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const types = [schema.type].flat();
  const candidates: unknown[] = [123.5, 'text', true, [], { junk: 1 }, null].filter((value) => {
    const type =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'array'
          : typeof value === 'number'
            ? 'number'
            : typeof value;
    return !types.includes(type) && !(type === 'number' && types.includes('integer'));
  });
  return candidates.length > 0 ? fc.constantFrom(...candidates) : fc.constant(undefined);
}

/** A value just outside the schema's range, length, pattern or enum, when it has one. */
function outOfRange(schema: Schema): unknown[] {
  const out: unknown[] = [];
  if (typeof schema.maximum === 'number') out.push(schema.maximum + 1);
  if (typeof schema.minimum === 'number') out.push(schema.minimum - 1);
  if (schema.type === 'integer') out.push(1.5);
  if (typeof schema.maxLength === 'number') out.push('x'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push('');
  if (typeof schema.pattern === 'string' || Array.isArray(schema.enum)) out.push('Not Valid!');
  if (typeof schema.minItems === 'number' && schema.minItems > 0) out.push([]);
  return out;
}

/** Breaks one property of an object body (or leaves it, `extra junk` being allowed by most schemas). */
export function breakObject(schema: Schema, value: Record<string, unknown>): fc.Arbitrary<[string, unknown]> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const names = Object.keys(properties);
  const required = (schema.required ?? []) as string[];
  const options: fc.Arbitrary<[string, unknown]>[] = [
    fc.constant<[string, unknown]>(['extra junk property', { ...value, junk: 'x', 'ä b': [1] }]),
  ];
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((name): [string, unknown] => {
        const { [name]: _dropped, ...rest } = value;
        return [`missing required ${name}`, rest];
      }),
    );
  }
  if (names.length > 0) {
    options.push(
      fc.constantFrom(...names).chain((name) => {
        const property = properties[name] as Schema;
        const bad = [...outOfRange(property)];
        const arbitrary =
          bad.length > 0 ? fc.oneof(wrongType(property), fc.constantFrom(...bad)) : wrongType(property);
        return arbitrary.map((broken): [string, unknown] => [
          `${name} = ${JSON.stringify(broken)}`,
          { ...value, [name]: broken },
        ]);
      }),
    );
  }
  return fc.oneof(...options);
}
