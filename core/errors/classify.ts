/** Reads the failure class back from an error, including one that crossed a durable activity boundary as text. */
import { IntegrationError, type ErrorKind } from './integration-error';

const KIND_MARKER = /"kind":"(transient|permanent|auth)"/;

export function errorKindOf(error: unknown): ErrorKind {
  if (error instanceof IntegrationError) return error.kind;
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  const marked = KIND_MARKER.exec(text);
  if (marked) return marked[1] as ErrorKind;
  if (/\bAuthError\b/.test(text)) return 'auth';
  if (/\bPermanentError\b/.test(text)) return 'permanent';
  return 'transient';
}
