/** A rule of the domain was broken. `code` is stable; the messages are for people, in both languages. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly messages: { zh: string; en: string },
    readonly details: Record<string, unknown> = {},
  ) {
    super(messages.en);
  }
}

/** Compile-time proof that a switch handled every case. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
