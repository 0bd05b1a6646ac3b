export {
  type AppendOptions,
  type AppendResult,
  appendToStream,
  appendToStreams,
  type StreamAppend,
} from './append.ts';
export { lockWriters } from './lock-writers.ts';
export { readAfter } from './read-after.ts';
export { readEndOfLog } from './read-end-of-log.ts';
export { readStream } from './read-stream.ts';
export { readStreams } from './read-streams.ts';
export { readUntil } from './read-until.ts';
export * from './types.ts';
