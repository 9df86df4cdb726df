/** Items, aliases and stock, typed (FACTS §3.5): MMS025MI alias → item, MMS200MI item and balance, MMS060MI balances per warehouse. */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';
import { allRecords, MiDecimalText, oneRecord } from './mi-records';

const AliasItemSchema = z.object({ ITNO: z.string().min(1), POPN: z.string().default(''), ALWT: z.string().default('') }).passthrough();
const ItemSchema = z.object({ ITNO: z.string().min(1), ITDS: z.string().default(''), STAT: z.string().default('') }).passthrough();
const BalanceSchema = z.object({ WHLO: z.string().min(1), ITNO: z.string().min(1), STQT: MiDecimalText, ALQT: MiDecimalText, AVAL: MiDecimalText.optional(), AV01: MiDecimalText.optional() }).passthrough();

export type Item = z.infer<typeof ItemSchema>;
/** `STQT` on-hand approved, `ALQT` allocated, `AVAL` allocatable on-hand, `AV01` allocatable net (AVAL − ALQT), as decimal text. */
export type WarehouseBalance = z.infer<typeof BalanceSchema>;

function absentOn(error: unknown, fields: string[]): boolean {
  return error instanceof PermanentError && fields.includes(String(error.details.field ?? ''));
}

/** MMS025MI.GetItem: the item behind an alias (e.g. an Amazon SKU, EAN or ASIN) of alias category ALWT; undefined when there is none. */
export async function itemByAlias(m3: MiExecutor, alias: { ALWT: string; POPN: string; ALWQ?: string }): Promise<string | undefined> {
  try {
    const params = { ALWT: alias.ALWT, POPN: alias.POPN, ...(alias.ALWQ ? { ALWQ: alias.ALWQ } : {}) };
    return oneRecord(AliasItemSchema, await m3.execute('MMS025MI', 'GetItem', params), 'MMS025MI.GetItem').ITNO;
  } catch (error) {
    if (absentOn(error, ['POPN', 'ALWT', 'ALWQ'])) return undefined;
    throw error;
  }
}

/** MMS200MI.GetItmBasic; undefined when M3 has no such item. */
export async function getItem(m3: MiExecutor, itno: string): Promise<Item | undefined> {
  try {
    return oneRecord(ItemSchema, await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: itno }), 'MMS200MI.GetItmBasic');
  } catch (error) {
    if (absentOn(error, ['ITNO'])) return undefined;
    throw error;
  }
}

/** MMS200MI.GetItmWhsBal; undefined when the item is not stocked in the warehouse (no balance record). */
export async function getItmWhsBal(m3: MiExecutor, whlo: string, itno: string): Promise<WarehouseBalance | undefined> {
  try {
    return oneRecord(BalanceSchema, await m3.execute('MMS200MI', 'GetItmWhsBal', { WHLO: whlo, ITNO: itno }), 'MMS200MI.GetItmWhsBal');
  } catch (error) {
    if (absentOn(error, ['ITNO'])) return undefined;
    throw error;
  }
}

/** MMS060MI.LstSumQty: on-hand and allocated per item in one warehouse, all records (the balance sweep). */
export async function listWarehouseBalances(m3: MiExecutor, whlo: string, opts: { ITNO?: string } = {}): Promise<WarehouseBalance[]> {
  const records = await m3.execute('MMS060MI', 'LstSumQty', { WHLO: whlo, ...(opts.ITNO ? { ITNO: opts.ITNO } : {}) }, { maxrecs: 0 });
  return allRecords(BalanceSchema, records, 'MMS060MI.LstSumQty');
}
