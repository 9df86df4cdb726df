/** Base of the three failure classes every connector raises (docs/design.md, Error policy: one policy, everywhere). */
export type ErrorKind = 'transient' | 'permanent' | 'auth';

export abstract class IntegrationError extends Error {
  abstract readonly kind: ErrorKind;
  /** Machine-readable reason, e.g. `QuotaExceeded`, `SKU_NOT_FOUND`, an M3 error code. */
  readonly code: string;
  /** Which system answered (amazon, m3, storage, …); never carries payloads or personal data. */
  readonly system: string;
  /** Extra facts safe to log (field names, status codes); never personal data or secrets. */
  readonly details: Record<string, string | number | boolean | undefined>;

  constructor(message: string, opts: { code: string; system: string; details?: Record<string, string | number | boolean | undefined>; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.system = opts.system;
    this.details = opts.details ?? {};
  }

  /** A plain object that survives JSON (activity results, durable failure details). */
  toJSON(): { kind: ErrorKind; name: string; code: string; system: string; message: string; details: Record<string, string | number | boolean | undefined> } {
    return { kind: this.kind, name: this.name, code: this.code, system: this.system, message: this.message, details: this.details };
  }
}
