export { IntegrationError, type ErrorKind } from './integration-error';
export { TransientError } from './transient-error';
export { PermanentError } from './permanent-error';
export { AuthError } from './auth-error';
export { errorKindOf } from './classify';
