/** The upload cannot name its plan (fields missing, an unknown plan, an id taken): a problem, not a draft. */
export class PlanUploadRequestError extends Error {
  override readonly name = 'PlanUploadRequestError';
  constructor(
    readonly status: 400 | 409 | 422,
    readonly code: string,
    readonly messages: { zh: string; en: string },
    readonly field: string,
  ) {
    super(messages.en);
  }
}
