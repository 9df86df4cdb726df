/**
 * MI calls M3 refuses for a reason the caller could have known from the MI repository alone (an unknown or repeated
 * field, a missing mandatory field, a value too long, not numeric or not a date). A correct integration never makes
 * one, so the sandbox lists them at `GET /_sim/violations` for tests to assert the list stays empty.
 */
export interface MiViolation {
  operation: string;
  program: string;
  transaction: string;
  problems: string[];
}

const APP_KNOWABLE = new Set(['FIELD_UNKNOWN', 'FIELD_REPEATED', 'MANDATORY', 'TOO_LONG', 'NOT_NUMERIC', 'INVALID_DATE']);

export function isAppKnowableRefusal(errorCode: string): boolean {
  return APP_KNOWABLE.has(errorCode);
}
