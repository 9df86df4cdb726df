/** A notification that cannot be read (invalid JSON, no type, no NotificationId, bad payload): refuse it (HTTP 400, CLI exit 2). */
import { PermanentError } from '../errors';

export class NotificationError extends PermanentError {
  /** Short machine-readable reason, e.g. `INVALID_JSON`, `MISSING_TYPE`, `MISSING_METADATA`, `INVALID_PAYLOAD`. */
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message, { code: reason, system: 'amazon', details: { reason } });
    this.reason = reason;
  }
}
