/** The one failure a BOD reader raises: permanent (a bad document never gets better by retrying), with a code and the element path. */
import { PermanentError } from '../errors';

export const BOD_ERROR_CODES = [
  'TOO_LARGE',
  'DTD_FORBIDDEN',
  'NOT_WELL_FORMED',
  'BAD_ENCODING',
  'TOO_DEEP',
  'TOO_MANY_ELEMENTS',
  'TOO_MANY_ATTRIBUTES',
  'TOO_MANY_DOCUMENTS',
  'UNKNOWN_DOCUMENT',
  'MISSING_ELEMENT',
  'INVALID_VALUE',
] as const;

export type BodErrorCode = (typeof BOD_ERROR_CODES)[number];

export class BodError extends PermanentError {
  declare readonly code: BodErrorCode;
  /** Element path by local names, e.g. `SyncShipment/DataArea/Shipment/ShipmentItem[2]/ShippedQuantity`; '' when the document has no usable root. */
  readonly path: string;
  /** 1-based position of the fault in the decoded text, when the fault is syntactic. */
  readonly line?: number;
  readonly column?: number;

  constructor(code: BodErrorCode, message: string, opts: { path?: string; line?: number; column?: number } = {}) {
    super(message, { code, system: 'ion', details: { path: opts.path ?? '', line: opts.line, column: opts.column } });
    this.path = opts.path ?? '';
    this.line = opts.line;
    this.column = opts.column;
  }
}
