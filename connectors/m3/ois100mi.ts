/** OIS100MI customer order interface, typed (docs/m3-facts.md, OIS100MI batch orders): batch order status and messages, order reads, cancellation and the CUOR look-up. */
import { z } from 'zod';
import type { MiExecutor } from './m3-client';
import { allRecords as many, oneRecord as one } from './mi-records';

/** The program, for the calls the order path sends in bulk (one program per bulk request). */
export const PROGRAM = 'OIS100MI';

/** Batch status 90 = customer order created; 15 head error, 20 lines missing, 25 line error, 30 credit stop, 55 interrupted (docs/m3-facts.md, Batch and order statuses). */
export const BATCH_ORDER_CREATED = '90';
/** Customer order status 90: deleted (DelHead); the status digit 9 means deleted (docs/m3-facts.md, Batch and order statuses). */
export const ORDER_DELETED = '90';
/** Line status 99: completed without delivery, i.e. a closed line (CloLine). */
export const LINE_CLOSED = '99';
/** Line status from 77 on: invoiced in full; nothing left to close. */
export const LINE_INVOICED = '77';

const ErrorMessageSchema = z.object({ LEVL: z.string().default(''), MSID: z.string().default(''), TX60: z.string().default(''), MDTA: z.string().default('') });
const TmpOrderStatSchema = z.object({ ORNO: z.string(), ORNR: z.string().default(''), STAT: z.string() });
/** Statuses stay optional: which of ORST (highest), ORSL (lowest) and STAT an answer carries decides how it is read. */
const OrderHeadSchema = z.object({ ORNO: z.string().min(1), CUNO: z.string().default(''), CUOR: z.string().default(''), ORTP: z.string().default(''), ORSL: z.string().optional(), ORST: z.string().optional(), STAT: z.string().optional() }).passthrough();
const OrderLineSchema = z.object({ PONR: z.string(), POSX: z.string().default(''), ITNO: z.string(), ORQT: z.string().default(''), ORST: z.string().default('') }).passthrough();

export type BatchErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type TmpOrderStat = z.infer<typeof TmpOrderStatSchema>;
export type OrderHead = z.infer<typeof OrderHeadSchema>;
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** M3's messages for a batch order that did not reach status 90. */
export async function lstErrMsgOrder(m3: MiExecutor, batchOrno: string): Promise<BatchErrorMessage[]> {
  return many(ErrorMessageSchema, await m3.execute(PROGRAM, 'LstErrMsgOrder', { ORNO: batchOrno }), 'OIS100MI.LstErrMsgOrder');
}

/** OIS275MI.GetTmpOrderStat: batch status and, once created, the real order number (ORNR). */
export async function getTmpOrderStat(m3: MiExecutor, batchOrno: string): Promise<TmpOrderStat> {
  return one(TmpOrderStatSchema, await m3.execute('OIS275MI', 'GetTmpOrderStat', { ORNO: batchOrno }), 'OIS275MI.GetTmpOrderStat');
}

export async function delBatchHead(m3: MiExecutor, batchOrno: string): Promise<void> {
  await m3.execute(PROGRAM, 'DelBatchHead', { ORNO: batchOrno });
}

export async function getHead(m3: MiExecutor, orno: string): Promise<OrderHead> {
  return one(OrderHeadSchema, await m3.execute(PROGRAM, 'GetHead', { ORNO: orno }), 'OIS100MI.GetHead');
}

export async function lstLine(m3: MiExecutor, orno: string): Promise<OrderLine[]> {
  return many(OrderLineSchema, await m3.execute(PROGRAM, 'LstLine', { ORNO: orno }), 'OIS100MI.LstLine');
}

export async function delHead(m3: MiExecutor, orno: string): Promise<void> {
  await m3.execute(PROGRAM, 'DelHead', { ORNO: orno });
}

/** Closes a line (status 99); `RSCD` is the reason code, when the mapping names one. */
export async function cloLine(m3: MiExecutor, orno: string, ponr: string, opts: { POSX?: string; RSCD?: string } = {}): Promise<void> {
  await m3.execute(PROGRAM, 'CloLine', { ORNO: orno, PONR: ponr, ...(opts.POSX ? { POSX: opts.POSX } : {}), ...(opts.RSCD ? { RSCD: opts.RSCD } : {}) });
}

/** The LES search query for one CUOR; quoting keeps an order id with spaces or colons one term. */
export function cuorSearchQuery(cuor: string): string {
  return `CUOR:"${cuor.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Customer orders carrying this customer's order number (CUOR), e.g. an Amazon order id.
 * There is no list-by-CUOR transaction (docs/m3-facts.md, Field lengths and formats). LstHead (CUNO required) filtered on CUOR is
 * exact and reads the order table itself; SearchHead needs the LES search index, which may lag behind a
 * just-confirmed order, so it is not used for the exactly-once check (docs/design.md, Order-to-cash step 5).
 */
export async function lookUpByCuor(m3: MiExecutor, cuor: string, opts: { CUNO: string }): Promise<OrderHead[]> {
  const heads = many(OrderHeadSchema, await m3.execute(PROGRAM, 'LstHead', { CUNO: opts.CUNO }, { maxrecs: 0 }), 'OIS100MI.LstHead');
  return heads.filter((h) => h.CUOR === cuor);
}

/**
 * SearchHead by CUOR (LES query `CUOR:"…"`), across customers. The answer has no CUOR column (OIS100MI.SearchHead
 * outputs: ORNO, CUNO, FACI, ORTP, …) and a search index may match loosely: a hit is a candidate, to be verified on its head.
 */
export async function searchHeadByCuor(m3: MiExecutor, cuor: string): Promise<OrderHead[]> {
  return many(OrderHeadSchema, await m3.execute(PROGRAM, 'SearchHead', { SQRY: cuorSearchQuery(cuor) }, { maxrecs: 0 }), 'OIS100MI.SearchHead');
}
