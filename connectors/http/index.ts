/** Public surface of the connectors' shared HTTP client: one axios setup and one mapping of failures to the error policy. */
export { createHttpClient, exchange, failureKindOf, noAnswerError, statusError, retryAfterMs, type HttpRequest, type HttpAnswer, type NoAnswer, type FailureKind, type FailureNaming } from './http-client';
