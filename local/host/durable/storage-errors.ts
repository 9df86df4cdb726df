/** How durable storage failures are told apart: a lost optimistic-concurrency race, and the HTTP status of an SDK error. */

/** The row changed underneath (etag mismatch, or created/deleted by someone else): re-read and try again. */
export class ConflictError extends Error {}

export function statusCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
