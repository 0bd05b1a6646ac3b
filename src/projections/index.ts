import { catalogProjection } from './catalog/apply.ts';
import { periodsProjection } from './periods/apply.ts';
import { progressProjection } from './progress/apply.ts';
import type { Projection } from './projection.ts';

/** Every read model, in the order they are caught up. */
export const projections: readonly Projection[] = [catalogProjection, progressProjection, periodsProjection];
