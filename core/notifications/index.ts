/** Public surface of the notification reader. */
export { readNotification } from './read-notification';
export { NotificationError } from './notification-error';
export { NotificationEventSchema, SUPPORTED_NOTIFICATION_TYPES, type NotificationEvent, type NotificationEnvelopeKind } from './notification-event';
export { parseJsonSafely, assertSafeValue, UnsafeJsonError } from './safe-json';
