/** Validation failures, unknown SKU, M3 NOK on data: park with the reason, never retry blindly. */
import { IntegrationError } from './integration-error';

export class PermanentError extends IntegrationError {
  readonly kind = 'permanent' as const;
}
