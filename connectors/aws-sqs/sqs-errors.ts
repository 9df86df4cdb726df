/**
 * Maps AWS SDK failures to the project's three error classes. SQS error names are from the SQS API reference
 * ("Common Errors" and each action's Errors); the SDK reports them as `name` with `$fault` and `$metadata.httpStatusCode`.
 */
import { AuthError, IntegrationError, PermanentError, TransientError } from '../../core/errors';

const AUTH = new Set([
  'AccessDenied', 'AccessDeniedException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException',
  'InvalidSecurity', 'MissingAuthenticationToken', 'ExpiredToken', 'ExpiredTokenException', 'IncompleteSignature',
  'CredentialsProviderError', 'KMSAccessDenied', 'KmsAccessDenied',
]);
const TRANSIENT = new Set([
  'RequestThrottled', 'ThrottlingException', 'Throttling', 'ServiceUnavailable', 'InternalFailure', 'InternalError',
  'KmsThrottled', 'KMSThrottled', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError',
]);

function fieldOf(error: object, key: string): unknown {
  return (error as Record<string, unknown>)[key];
}

export function sqsError(error: unknown, operation: string, queue: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  if (typeof error !== 'object' || error === null) return new TransientError(`SQS ${operation} on ${queue} failed`, { code: 'unknown', system: 'aws-sqs', details: { operation, queue } });
  const name = String(fieldOf(error, 'name') ?? 'Error');
  const fault = fieldOf(error, '$fault');
  const metadata = fieldOf(error, '$metadata');
  const status = typeof metadata === 'object' && metadata !== null && typeof fieldOf(metadata, 'httpStatusCode') === 'number' ? Number(fieldOf(metadata, 'httpStatusCode')) : undefined;
  // Messages from AWS name the queue and the action, never message bodies; keep only the first line.
  const reason = String(fieldOf(error, 'message') ?? name).split('\n')[0] ?? name;
  const opts = { code: name, system: 'aws-sqs', details: { operation, queue, status } };
  const message = `SQS ${operation} on ${queue} failed: ${name}${reason && reason !== name ? ` (${reason})` : ''}`;
  if (AUTH.has(name) || status === 401 || status === 403) return new AuthError(message, opts);
  if (TRANSIENT.has(name) || fault === 'server' || (status !== undefined && (status >= 500 || status === 429))) return new TransientError(message, opts);
  if (fault === 'client' || (status !== undefined && status >= 400)) return new PermanentError(message, opts);
  // No HTTP answer at all: network (ECONNREFUSED, socket hang up, DNS).
  return new TransientError(message, opts);
}
