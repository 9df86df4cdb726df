/** CUSEXTMI customer extension table, typed (docs/m3-facts.md, Field lengths and formats): custom field values keyed by FILE + PK01…PK08, e.g. FILE=OOHEAD, PK01=<order number>. */
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';
import type { MiRecord } from './mi-response';

export interface ExtensionKey { FILE: string; PK01: string; PK02?: string; PK03?: string; PK04?: string; PK05?: string; PK06?: string; PK07?: string; PK08?: string }
/** A030…A930 (30 characters), N096…N996 (numbers), A121 (120 characters). */
export type ExtensionValues = Record<string, string>;

function keyParams(key: ExtensionKey): Record<string, string> {
  return Object.fromEntries(Object.entries(key).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

export async function getFieldValue(m3: MiExecutor, key: ExtensionKey): Promise<MiRecord | undefined> {
  try {
    return (await m3.execute('CUSEXTMI', 'GetFieldValue', keyParams(key)))[0];
  } catch (error) {
    if (error instanceof PermanentError && String(error.details.field ?? '').startsWith('PK')) return undefined;
    throw error;
  }
}

export async function addFieldValue(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  await m3.execute('CUSEXTMI', 'AddFieldValue', { ...values, ...keyParams(key) });
}

export async function chgFieldValue(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  await m3.execute('CUSEXTMI', 'ChgFieldValue', { ...values, ...keyParams(key) });
}

/** Add, or change when the record exists: safe to repeat after a retry. */
export async function setFieldValues(m3: MiExecutor, key: ExtensionKey, values: ExtensionValues): Promise<void> {
  if (await getFieldValue(m3, key)) await chgFieldValue(m3, key, values);
  else await addFieldValue(m3, key, values);
}
