import { z } from '@hono/zod-openapi';

// The domain's schemas are plain zod, made before @hono/zod-openapi extends zod: they take .meta(), not .openapi().
import { Comparator, IndicatorCode, PartCode, RegionCode, Year } from '../../domain/vocabulary.ts';

export const SeriesParams = z.object({
  region: RegionCode.meta({ example: '320700' }),
  indicator: IndicatorCode.meta({ example: 'enterprise-ecommerce-ratio' }),
});

export const ValueReport = z
  .object({
    year: Year.meta({ example: 2012 }),
    part: PartCode.optional().meta({
      description: 'A part of a compound indicator; omitted for the whole',
    }),
    // A reported value is one number: a range (between) is a target's form only.
    comparator: Comparator.exclude(['between']).default('eq').meta({
      description: 'eq for an exact value; gt, lt … for a value known only as a bound',
    }),
    value: z.number().finite().openapi({ example: 41.5 }),
    unit: z.string().optional().openapi({
      description:
        "The unit the value is stated in; the indicator's own unit when omitted (万张 and 张 both fit 张)",
    }),
    note: z
      .string()
      .max(2000)
      .optional()
      .openapi({ description: 'Why the value is corrected, for the history' }),
    confirmImplausible: z.boolean().optional().openapi({
      description:
        'true: record the value although the plausibility checks find it implausible (422 value_implausible otherwise); the event records the confirmation and the rule',
    }),
  })
  .openapi('ValueReport');

export const ValueRetraction = z
  .object({
    year: Year.meta({ example: 2012 }),
    part: PartCode.optional(),
    // The bound and the non-blank rule before trimming: the document states what is checked.
    reason: z
      .string()
      .max(2000)
      .regex(/\S/, 'must not be blank')
      .trim()
      .openapi({ example: '报送有误，待核实后重报' }),
  })
  .openapi('ValueRetraction');

export const RecordedEvent = z
  .object({
    position: z.number().int().openapi({ description: 'Position in the event log' }),
    type: z.string().openapi({ example: 'ValueRevised' }),
    data: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi('RecordedEvent');

export const WriteResult = z
  .object({
    unchanged: z
      .boolean()
      .openapi({ description: 'True when the value was already recorded: no event appended' }),
    events: z.array(RecordedEvent),
  })
  .openapi('WriteResult');
