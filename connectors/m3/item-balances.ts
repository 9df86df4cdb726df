/** Items, aliases and stock, typed: MMS025MI alias → item, MMS200MI item and balance, MMS060MI balances per location. */
import { z } from 'zod';
import { PermanentError, TransientError } from '../../core/errors';
import type { BulkCall, BulkOutcome, MiExecutor } from './m3-client';
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

/**
 * MMS025MI.GetItem: the item behind an alias (e.g. an Amazon SKU, EAN or ASIN) of alias category ALWT, optionally of a
 * qualifier ALWQ, a partner E0PA and a company CONO; undefined when there is none.
 */
export async function itemByAlias(m3: MiExecutor, alias: { ALWT: string; POPN: string; ALWQ?: string; E0PA?: string; CONO?: string }): Promise<string | undefined> {
  try {
    const params = { ALWT: alias.ALWT, POPN: alias.POPN, ...(alias.ALWQ ? { ALWQ: alias.ALWQ } : {}), ...(alias.E0PA ? { E0PA: alias.E0PA } : {}), ...(alias.CONO ? { CONO: alias.CONO } : {}) };
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

/**
 * MMS060MI.LstSumQty: on-hand and allocated per item and location in one warehouse, all records. The rows include
 * locations whose stock cannot be allocated and carry no allocatable figure, so they tell which items a warehouse
 * holds, not what can be sold (readItemFigures does).
 */
export async function listWarehouseBalances(m3: MiExecutor, whlo: string, opts: { ITNO?: string } = {}): Promise<WarehouseBalance[]> {
  const records = await m3.execute('MMS060MI', 'LstSumQty', { WHLO: whlo, ...(opts.ITNO ? { ITNO: opts.ITNO } : {}) }, { maxrecs: 0 });
  return allRecords(BalanceSchema, records, 'MMS060MI.LstSumQty');
}

/** A read that can also send bulk requests (M3Client); a plain executor falls back to one call per transaction. */
export interface ItemFiguresReader extends MiExecutor {
  executeBulk?(program: string, calls: BulkCall[], opts?: { maxrecs?: number }): Promise<BulkOutcome[]>;
}

export interface ItemFigures {
  /** MMS200MI.GetItmBasic STAT per item M3 knows. */
  statuses: Map<string, string>;
  /** MMS200MI.GetItmWhsBal per item × warehouse that has an item-warehouse record. */
  balances: WarehouseBalance[];
}

/**
 * Transactions per bulk request. Infor documents no maximum for the bulk endpoint (unconfirmed); 100 keeps one request
 * small (a few kB each way) while a 10,000-item sweep still needs only a few hundred round trips.
 */
export const ITEM_FIGURES_PER_REQUEST = 100;

const StatusSchema = z.object({ ITNO: z.string().min(1), STAT: z.string().default('') }).passthrough();
const STATUS_COLUMNS = ['ITNO', 'STAT'];
const BALANCE_COLUMNS = ['WHLO', 'ITNO', 'STQT', 'ALQT', 'AVAL', 'AV01'];

/**
 * Item status and allocatable figures of many items in few round trips: MMS200MI GetItmBasic and GetItmWhsBal per
 * warehouse, packed into bulk requests of one program. An item M3 does not know has no status; an item without a
 * record in a warehouse has no balance there. Outages are thrown (the caller's run is retried as a whole).
 */
export async function readItemFigures(m3: ItemFiguresReader, itemNumbers: Iterable<string>, warehouses: readonly string[]): Promise<ItemFigures> {
  const calls: BulkCall[] = [];
  for (const itno of new Set(itemNumbers)) {
    calls.push({ transaction: 'GetItmBasic', params: { ITNO: itno }, returncols: STATUS_COLUMNS });
    for (const whlo of warehouses) calls.push({ transaction: 'GetItmWhsBal', params: { WHLO: whlo, ITNO: itno }, returncols: BALANCE_COLUMNS });
  }
  const figures: ItemFigures = { statuses: new Map(), balances: [] };
  let pending = calls;
  while (pending.length > 0) {
    const chunk = pending.slice(0, ITEM_FIGURES_PER_REQUEST);
    const outcomes = await runBulk(m3, chunk);
    const resend: BulkCall[] = [];
    chunk.forEach((call, i) => {
      const outcome = outcomes[i];
      if (!outcome) throw new TransientError(`M3 answered ${outcomes.length} results for ${chunk.length} item reads`, { code: 'BULK_MISMATCH', system: 'm3' });
      if (!outcome.ok) {
        if (outcome.error instanceof PermanentError && absentOn(outcome.error, ['ITNO', 'WHLO'])) return;
        // M3 stopped the bulk at an earlier failure (that one was answered above): the rest go again.
        if (outcome.error.code === 'NOT_PROCESSED' && i > 0) { resend.push(call); return; }
        throw outcome.error;
      }
      if (call.transaction === 'GetItmBasic') {
        const item = oneRecord(StatusSchema, outcome.records, 'MMS200MI.GetItmBasic');
        figures.statuses.set(item.ITNO, item.STAT.trim());
      } else {
        figures.balances.push(oneRecord(BalanceSchema, outcome.records, 'MMS200MI.GetItmWhsBal'));
      }
    });
    pending = [...resend, ...pending.slice(chunk.length)];
  }
  return figures;
}

async function runBulk(m3: ItemFiguresReader, calls: BulkCall[]): Promise<BulkOutcome[]> {
  if (m3.executeBulk) return m3.executeBulk('MMS200MI', calls);
  const outcomes: BulkOutcome[] = [];
  for (const call of calls) {
    try {
      outcomes.push({ ok: true, transaction: call.transaction, records: await m3.execute('MMS200MI', call.transaction, call.params, { returncols: call.returncols }) });
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      outcomes.push({ ok: false, transaction: call.transaction, error });
    }
  }
  return outcomes;
}
