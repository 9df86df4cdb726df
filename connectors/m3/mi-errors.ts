/** Turns MI answers into the project's error classes (docs/design.md, Error policy): NOK → permanent, "not available"/5xx/network → transient, 401/403 → auth. */
import { AuthError, PermanentError, TransientError } from '../../core/errors';
import type { MiFailure } from './mi-response';
import { noAnswerError, statusError, type NoAnswer } from '../http';

/** Fields that carry buyer name, address or contact data: their values are cut out of error messages. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'TOWN', 'PONO', 'PHNO', 'PHN2', 'TFNO', 'TFN2', 'MAIL', 'YREF', 'YRE2', 'ECAR']);

/** M3 answers "not available" while the BE or the program is down or in maintenance; that is worth a retry, not a park. */
const NOT_AVAILABLE = /not available|temporarily unavailable|is unavailable|system is down/i;

/** Whether a call carries buyer data, so it must travel in a request body (never in a URL that gateways log). */
export function carriesPersonalData(params: Record<string, string>): boolean {
  return Object.entries(params).some(([name, value]) => PERSONAL_FIELDS.has(name) && value.trim() !== '');
}

/**
 * A pattern that finds `value` however M3 wrote it back, in whatever case and with whatever spacing between its words (M3 upper-cases
 * names in some messages, pads or drops blanks in others), so `JANE  DOE` and `janedoe` are found for `Jane Doe`.
 */
function looseValuePattern(value: string): RegExp | undefined {
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.join('').length < 2) return undefined;
  const escaped = words.map((w) => [...w].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
  // Whole words only: a short value (a state code like `CA`) must not cut through longer words of the message.
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('\\s*')}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Cuts every personal value of `params` (one call's or several calls' fields) out of `message`. */
export function redactPersonalData(message: string, ...params: Record<string, string>[]): string {
  let out = message;
  for (const fields of params) {
    for (const [name, value] of Object.entries(fields)) {
      if (!PERSONAL_FIELDS.has(name)) continue;
      const pattern = looseValuePattern(value);
      if (pattern) out = out.replace(pattern, '[redacted]');
    }
  }
  return out;
}

export function nokError(program: string, transaction: string, failure: MiFailure, params: Record<string, string> | Record<string, string>[], httpStatus: number): PermanentError | TransientError {
  const message = redactPersonalData(failure.message, ...(Array.isArray(params) ? params : [params]));
  const details = { program, transaction, field: failure.field || undefined, httpStatus, errorType: failure.type || undefined };
  const text = `M3 ${program}.${transaction} NOK${failure.field ? ` on ${failure.field}` : ''}: ${message}`;
  // A throttled (429) or timed-out (408) request may carry an MI-shaped body too: it is still an outage, not a refusal of the data.
  if (NOT_AVAILABLE.test(failure.message) || httpStatus >= 500 || httpStatus === 429 || httpStatus === 408) {
    return new TransientError(text, { code: failure.code || 'NOT_AVAILABLE', system: 'm3', details });
  }
  return new PermanentError(text, { code: failure.code || 'NOK', system: 'm3', details });
}

/** A status that is not 2xx and carries no MI answer, by the connectors' shared policy (connectors/http). */
export function httpError(program: string, transaction: string, status: number, retryAfterMs?: number): TransientError | AuthError | PermanentError {
  return statusError({ system: 'm3', call: `M3 ${program}.${transaction}`, details: { program, transaction } }, status, { retryAfterMs, authNote: 'from the gateway after a token refresh' });
}

/** M3 gave no answer at all (connection failed or the timeout passed). */
export function networkError(program: string, transaction: string, failure: NoAnswer): TransientError {
  return noAnswerError({ system: 'm3', call: `M3 ${program}.${transaction}`, details: { program, transaction } }, failure);
}
