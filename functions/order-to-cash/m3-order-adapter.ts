/**
 * Binds the order ports to M3 MI transactions (docs/m3-facts.md, OIS100MI batch orders, docs/m3-facts.md, Field lengths and formats), with the
 * MI bulk endpoint (docs/m3-facts.md, Bulk calls: several transactions of one program in one HTTP round trip, answered one by one, in
 * order) so an order is written in a fixed number of round trips whatever its line count.
 */
import { PermanentError } from '../../core/errors';
import type { BulkCall, BulkOutcome, MiExecutor } from '../../connectors/m3/m3-client';
import { lookUpByCuor } from '../../connectors/m3/ois100mi';
import type { ItemLookupPort, M3OrderPort, MiRecord } from './order-ports';

/** Several transactions of one program in one round trip; a NOK comes back as an outcome, outages are thrown. */
export type BulkExecutor = (program: string, calls: BulkCall[]) => Promise<BulkOutcome[]>;

export interface BulkM3OrderPort extends M3OrderPort {
  executeBulk: BulkExecutor;
}

/** SearchHead takes a search query; quoting keeps an order id with spaces or colons one term. */
export function cuorQuery(customerOrderRef: string): string {
  return `CUOR:"${customerOrderRef.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * SearchHead's candidates for our customer (when given). SearchHead's output has no CUOR column (OIS100MI.SearchHead
 * outputs: ORNO, CUNO, FACI, ORTP, … — no CUOR), and a search index may match loosely, so a hit is only a candidate:
 * `verifyCuor` reads each one's head before it counts as ours.
 */
export function cuorCandidates(records: MiRecord[], customer: string): string[] {
  return records.filter((r) => r.ORNO && (!customer || !r.CUNO || r.CUNO === customer)).map((r) => r.ORNO!);
}

/** The first candidate whose head (OIS100MI.GetHead) carries exactly this CUOR (and our customer, when given). */
export async function verifyCuor(execute: MiExecute, candidates: string[], customerOrderRef: string, customer: string): Promise<{ orderNumber: string; status: string } | undefined> {
  for (const orderNumber of candidates.slice(0, MAX_CANDIDATES)) {
    let head: MiRecord | undefined;
    try {
      [head] = await execute('OIS100MI', 'GetHead', { ORNO: orderNumber });
    } catch (error) {
      if (error instanceof PermanentError) continue; // deleted since the index saw it
      throw error;
    }
    if (head?.CUOR?.trim() === customerOrderRef && (!customer || !head.CUNO || head.CUNO.trim() === customer)) {
      return { orderNumber, status: head.ORST?.trim() ?? head.STAT?.trim() ?? '' };
    }
  }
  return undefined;
}

/** More candidates than this for one Amazon order id means the query is not selective: none of them is trusted blindly. */
const MAX_CANDIDATES = 10;

type MiExecute = (program: string, transaction: string, params: Record<string, string>) => Promise<MiRecord[]>;

/** The same calls one by one (an executor without the bulk endpoint, e.g. a test fake): same answers, more round trips. */
export function sequentialBulk(execute: (program: string, transaction: string, params: Record<string, string>) => Promise<MiRecord[]>): BulkExecutor {
  return async (program, calls) => {
    const outcomes: BulkOutcome[] = [];
    for (const call of calls) {
      try {
        outcomes.push({ ok: true, transaction: call.transaction, records: await execute(program, call.transaction, call.params) });
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        outcomes.push({ ok: false, transaction: call.transaction, error });
      }
    }
    return outcomes;
  };
}

/** Whether a port can send bulk requests (the activity's port can; hand-written fakes may not). */
export function hasBulk(port: M3OrderPort): port is BulkM3OrderPort {
  return 'executeBulk' in port && typeof port.executeBulk === 'function';
}

/** Pass `executeBulk` (M3Client.executeBulk) so writes use the bulk endpoint; without it they fall back to single calls. */
export function m3OrderPort(m3: MiExecutor & { executeBulk?: BulkExecutor }): BulkM3OrderPort {
  const execute = (program: string, transaction: string, params: Record<string, string>): Promise<MiRecord[]> => m3.execute(program, transaction, params);
  const bulk = m3.executeBulk;
  return {
    execute,
    executeBulk: bulk ? (program, calls) => bulk(program, calls) : sequentialBulk(execute),
    /**
     * Used on retries only, where a miss would create a second order: SearchHead answers from a search index that can
     * lag behind a just-confirmed order (connectors/m3/ois100mi.ts), so a miss is checked again with the exact
     * OIS100MI.LstHead of the customer filtered by CUOR — slower, and worth it on this rare path. Every SearchHead hit
     * is verified by its head's CUOR before it counts.
     */
    async findOrderByCuor(customerOrderRef, customer) {
      const records = await m3.execute('OIS100MI', 'SearchHead', { SQRY: cuorQuery(customerOrderRef) });
      const indexed = await verifyCuor(execute, cuorCandidates(records, customer), customerOrderRef, customer);
      if (indexed || !customer) return indexed;
      const [exact] = await lookUpByCuor(m3, customerOrderRef, { CUNO: customer });
      return exact?.ORNO ? { orderNumber: exact.ORNO, status: exact.ORST ?? '' } : undefined;
    },
    verifyCuor: (candidates, customerOrderRef, customer) => verifyCuor(execute, candidates, customerOrderRef, customer),
    async batchStatus(temporaryOrderNumber) {
      const [record] = await m3.execute('OIS275MI', 'GetTmpOrderStat', { ORNO: temporaryOrderNumber });
      return { status: record?.STAT ?? '', orderNumber: record?.ORNR ?? '' };
    },
    async batchErrors(temporaryOrderNumber) {
      const records = await m3.execute('OIS100MI', 'LstErrMsgOrder', { ORNO: temporaryOrderNumber });
      return records.map((r) => [r.MSID, r.TX60].filter(Boolean).join(' ').trim()).filter(Boolean);
    },
  };
}

export function m3ItemLookup(m3: MiExecutor): ItemLookupPort {
  return {
    async itemByAlias(params) {
      try {
        const [record] = await m3.execute('MMS025MI', 'GetItem', params);
        return record?.ITNO ? record.ITNO : null;
      } catch (error) {
        if (error instanceof PermanentError) return null;
        throw error;
      }
    },
    async itemExists(itemNumber) {
      try {
        const records = await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: itemNumber });
        return records.length > 0;
      } catch (error) {
        if (error instanceof PermanentError) return false;
        throw error;
      }
    },
  };
}
