import { RegionCode } from '../../domain/vocabulary.ts';

/** A region in a path or query: the domain's GB/T 2260 code, documented once. */
export const RegionParam = RegionCode.meta({
  description: 'GB/T 2260 code of the region',
  example: '320700',
});
