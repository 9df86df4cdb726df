/** OIS100MI customer order interface, typed (docs/m3-facts.md, OIS100MI batch orders): the batch-order create flow, its status and messages, reads, cancellation and the CUOR look-up. */
import { z } from 'zod';
import type { MiExecutor } from './m3-client';
import { allRecords as many, oneRecord as one } from './mi-records';

type Params = Record<string, string>;

const OrnoSchema = z.object({ ORNO: z.string().min(1) }).passthrough();
const LineResultSchema = z.object({ PONR: z.string().min(1), POSX: z.string().default('') }).passthrough();
const ConfirmResultSchema = z.object({ ORNO: z.string().min(1), STAT: z.string() }).passthrough();
const ErrorMessageSchema = z.object({ LEVL: z.string().default(''), MSID: z.string().default(''), TX60: z.string().default(''), MDTA: z.string().default('') });
const TmpOrderStatSchema = z.object({ ORNO: z.string(), ORNR: z.string().default(''), STAT: z.string() });
const OrderHeadSchema = z.object({ ORNO: z.string().min(1), CUNO: z.string().default(''), CUOR: z.string().default(''), ORTP: z.string().default(''), ORSL: z.string().default(''), ORST: z.string().default(''), STAT: z.string().default('') }).passthrough();
const OrderLineSchema = z.object({ PONR: z.string().min(1), POSX: z.string().default(''), ITNO: z.string(), ORQT: z.string().default(''), ORST: z.string().default('') }).passthrough();

export type BatchErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type OrderHead = z.infer<typeof OrderHeadSchema>;
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** Batch status 90 = customer order created; 15 head error, 20 lines missing, 25 line error, 30 credit stop, 55 interrupted (docs/m3-facts.md, Batch and order statuses). */
export const BATCH_ORDER_CREATED = '90';

/** Returns the temporary (batch) order number; record it before adding lines, so a retry can find or delete it. */
export async function addBatchHead(m3: MiExecutor, params: Params & { CUNO: string }): Promise<{ ORNO: string }> {
  return one(OrnoSchema, await m3.execute('OIS100MI', 'AddBatchHead', params), 'OIS100MI.AddBatchHead');
}

export async function addBatchLine(m3: MiExecutor, params: Params & { ORNO: string; ITNO: string }): Promise<{ PONR: string; POSX: string }> {
  const r = one(LineResultSchema, await m3.execute('OIS100MI', 'AddBatchLine', params), 'OIS100MI.AddBatchLine');
  return { PONR: r.PONR, POSX: r.POSX };
}

export async function addBatchAddress(m3: MiExecutor, params: Params & { ORNO: string; ADRT: string }): Promise<void> {
  await m3.execute('OIS100MI', 'AddBatchAddress', params);
}

export async function addBatchHeadCharge(m3: MiExecutor, params: Params & { ORNO: string; CRID: string }): Promise<void> {
  await m3.execute('OIS100MI', 'AddBatchHeadChg', params);
}

export async function addBatchLineCharge(m3: MiExecutor, params: Params & { ORNO: string; PONR: string; POSX: string; CRID: string }): Promise<void> {
  await m3.execute('OIS100MI', 'AddBatchLineChg', params);
}

/** Releases the batch order. `created` only when status is 90; then ORNO is the real customer order number. */
export async function confirm(m3: MiExecutor, batchOrno: string, params: Params = {}): Promise<{ ORNO: string; STAT: string; created: boolean }> {
  const r = one(ConfirmResultSchema, await m3.execute('OIS100MI', 'Confirm', { ...params, ORNO: batchOrno }), 'OIS100MI.Confirm');
  return { ORNO: r.ORNO, STAT: r.STAT, created: r.STAT === BATCH_ORDER_CREATED };
}

export async function lstErrMsgOrder(m3: MiExecutor, batchOrno: string): Promise<BatchErrorMessage[]> {
  return many(ErrorMessageSchema, await m3.execute('OIS100MI', 'LstErrMsgOrder', { ORNO: batchOrno }), 'OIS100MI.LstErrMsgOrder');
}

/** OIS275MI.GetTmpOrderStat: batch status and, once created, the real order number (ORNR). */
export async function getTmpOrderStat(m3: MiExecutor, batchOrno: string): Promise<z.infer<typeof TmpOrderStatSchema>> {
  return one(TmpOrderStatSchema, await m3.execute('OIS275MI', 'GetTmpOrderStat', { ORNO: batchOrno }), 'OIS275MI.GetTmpOrderStat');
}

export async function delBatchHead(m3: MiExecutor, batchOrno: string): Promise<void> {
  await m3.execute('OIS100MI', 'DelBatchHead', { ORNO: batchOrno });
}

export async function getHead(m3: MiExecutor, orno: string): Promise<OrderHead> {
  return one(OrderHeadSchema, await m3.execute('OIS100MI', 'GetHead', { ORNO: orno }), 'OIS100MI.GetHead');
}

export async function lstLine(m3: MiExecutor, orno: string): Promise<OrderLine[]> {
  return many(OrderLineSchema, await m3.execute('OIS100MI', 'LstLine', { ORNO: orno }), 'OIS100MI.LstLine');
}

export async function delHead(m3: MiExecutor, orno: string): Promise<void> {
  await m3.execute('OIS100MI', 'DelHead', { ORNO: orno });
}

export async function delLine(m3: MiExecutor, orno: string, ponr: string, posx = ''): Promise<void> {
  await m3.execute('OIS100MI', 'DelLine', { ORNO: orno, PONR: ponr, ...(posx ? { POSX: posx } : {}) });
}

export async function cloLine(m3: MiExecutor, orno: string, ponr: string, posx = ''): Promise<void> {
  await m3.execute('OIS100MI', 'CloLine', { ORNO: orno, PONR: ponr, ...(posx ? { POSX: posx } : {}) });
}

/**
 * Customer orders carrying this customer's order number (CUOR), e.g. an Amazon order id.
 * There is no list-by-CUOR transaction (docs/m3-facts.md, Field lengths and formats). LstHead (CUNO required) filtered on CUOR is
 * exact and reads the order table itself; SearchHead needs the LES search index, which may lag behind a
 * just-confirmed order, so it is not used for the exactly-once check (docs/design.md, Order-to-cash step 5).
 */
export async function lookUpByCuor(m3: MiExecutor, cuor: string, opts: { CUNO: string }): Promise<OrderHead[]> {
  const heads = many(OrderHeadSchema, await m3.execute('OIS100MI', 'LstHead', { CUNO: opts.CUNO }, { maxrecs: 0 }), 'OIS100MI.LstHead');
  return heads.filter((h) => h.CUOR === cuor);
}

/** SearchHead by CUOR (LES query `CUOR:"…"`), for operators and reconciliation across customers. */
export async function searchHeadByCuor(m3: MiExecutor, cuor: string): Promise<OrderHead[]> {
  const query = `CUOR:"${cuor.replace(/(["\\])/g, '\\$1')}"`;
  return many(OrderHeadSchema, await m3.execute('OIS100MI', 'SearchHead', { SQRY: query }, { maxrecs: 0 }), 'OIS100MI.SearchHead');
}
