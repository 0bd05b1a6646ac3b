/** The request itself cannot be served (unknown region or plan): answered as a problem, not as a report. */
export class ImportRequestError extends Error {
  override readonly name = 'ImportRequestError';
  constructor(
    readonly status: 404 | 422,
    readonly code: string,
    readonly messages: { zh: string; en: string },
    readonly field: string,
  ) {
    super(messages.en);
  }
}
