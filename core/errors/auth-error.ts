/** 401/403, invalid_grant, invalid_client: stop the flow and alert instead of burning retries. */
import { IntegrationError } from './integration-error';

export class AuthError extends IntegrationError {
  readonly kind = 'auth' as const;
}
