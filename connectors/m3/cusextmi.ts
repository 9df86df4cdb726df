/** CUSEXTMI customer extension table, typed (docs/m3-facts.md, Field lengths and formats): custom field values keyed by FILE + PK01…PK08, e.g. FILE=OOHEAD, PK01=<order number>. */
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';

/** The program, for the calls the order path sends in bulk (one program per bulk request). */
export const PROGRAM = 'CUSEXTMI';

const KEY_FIELDS = ['FILE', 'PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08'] as const;

export interface ExtensionKey { FILE: string; PK01?: string; PK02?: string; PK03?: string; PK04?: string; PK05?: string; PK06?: string; PK07?: string; PK08?: string }
/** A030…A930 (30 characters), N096…N996 (numbers), A121 (120 characters); CONO where the company is named. */
export type ExtensionValues = Record<string, string>;

function keyParams(key: ExtensionKey): Record<string, string> {
  return Object.fromEntries(Object.entries(key).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

/** One record's parameters (key and values together, as an order plan carries them) split into its key and its values. */
export function splitRecord(params: Record<string, string>): { key: ExtensionKey; values: ExtensionValues } {
  const key: ExtensionKey = { FILE: params.FILE ?? '' };
  const values: ExtensionValues = {};
  for (const [field, value] of Object.entries(params)) {
    if ((KEY_FIELDS as readonly string[]).includes(field)) key[field as keyof ExtensionKey] = value;
    else values[field] = value;
  }
  return { key, values };
}

export async function addFieldValue(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  await m3.execute(PROGRAM, 'AddFieldValue', { ...values, ...keyParams(key) });
}

export async function chgFieldValue(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  await m3.execute(PROGRAM, 'ChgFieldValue', { ...values, ...keyParams(key) });
}

/**
 * Add, or change when M3 refuses the add (AddFieldValue refuses a key that exists): safe to repeat after a retry.
 * A refused change is the answer (thrown); outages propagate from either call.
 */
export async function setFieldValues(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  try {
    await addFieldValue(m3, key, values);
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    await chgFieldValue(m3, key, values);
  }
}
