/** Maps Azure Storage and Service Bus failures onto the project's three error classes (docs/design.md, Error policy). */
import { AuthError, PermanentError, TransientError, IntegrationError } from '../../core/errors';

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Storage REST errors: 401/403 auth, 408/429/5xx and network failures transient, other 4xx permanent. */
export function fromStorageError(error: unknown, operation: string, queue: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const status = statusOf(error);
  const message = `storage queue ${operation} on "${queue}" failed${status ? ` (HTTP ${status})` : ''}: ${error instanceof Error ? error.message : String(error)}`;
  const opts = { code: codeOf(error) ?? (status ? `HTTP_${status}` : 'NETWORK'), system: 'storage-queue', details: { queue, operation, status }, cause: error };
  if (status === 401 || status === 403) return new AuthError(message, opts);
  if (status === undefined || status === 408 || status === 429 || status >= 500) return new TransientError(message, opts);
  return new PermanentError(message, opts);
}

/** ServiceBusError codes: https://learn.microsoft.com/javascript/api/@azure/service-bus/servicebuserror#@azure-service-bus-servicebuserror-code */
export function fromServiceBusError(error: unknown, operation: string, queue: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const code = codeOf(error) ?? 'GeneralError';
  const message = `service bus ${operation} on "${queue}" failed (${code}): ${error instanceof Error ? error.message : String(error)}`;
  const opts = { code, system: 'servicebus', details: { queue, operation }, cause: error };
  if (code === 'UnauthorizedAccess') return new AuthError(message, opts);
  if (code === 'MessageSizeExceeded') return new PermanentError(message, { ...opts, code: 'MESSAGE_TOO_LARGE' });
  if (code === 'MessagingEntityNotFound' || code === 'MessagingEntityDisabled') return new PermanentError(message, opts);
  return new TransientError(message, opts);
}
