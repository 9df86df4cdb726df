/** Network failures, 5xx, 429 throttling, M3 "not available": retry with backoff. */
import { IntegrationError } from './integration-error';

export class TransientError extends IntegrationError {
  readonly kind = 'transient' as const;
  /** Server-advised wait (Retry-After, rate-limit header), when known. */
  readonly retryAfterMs?: number;
  constructor(message: string, opts: ConstructorParameters<typeof IntegrationError>[1] & { retryAfterMs?: number }) {
    super(message, opts);
    this.retryAfterMs = opts.retryAfterMs;
  }
}
