/**
 * Binds the order ports to M3 through the connector's typed transactions (docs/m3-facts.md, OIS100MI batch orders,
 * docs/m3-facts.md, Field lengths and formats), with the MI bulk endpoint (docs/m3-facts.md, Bulk calls: several
 * transactions of one program in one HTTP round trip, answered one by one, in order) so an order is written in a fixed
 * number of round trips whatever its line count.
 */
import { PermanentError } from '../../core/errors';
import { coalescedReads, itemBalances, ois100mi, type BulkReader, type MiExecutor } from '../../connectors/m3';
import type { BulkExecutor, ItemLookupPort, M3OrderPort } from './order-ports';

/**
 * SearchHead's candidates for our customer (when given). SearchHead's output has no CUOR column (OIS100MI.SearchHead
 * outputs: ORNO, CUNO, FACI, ORTP, … — no CUOR), and a search index may match loosely, so a hit is only a candidate:
 * `verifyCuor` reads each one's head before it counts as ours.
 */
export function cuorCandidates(records: ReadonlyArray<{ ORNO?: string; CUNO?: string }>, customer: string): string[] {
  return records.filter((r) => r.ORNO && (!customer || !r.CUNO || r.CUNO === customer)).map((r) => r.ORNO!);
}

/** The first candidate whose head (OIS100MI.GetHead) carries exactly this CUOR (and our customer, when given). */
export async function verifyCuor(m3: MiExecutor, candidates: string[], customerOrderRef: string, customer: string): Promise<{ orderNumber: string; status: string } | undefined> {
  for (const orderNumber of candidates.slice(0, MAX_CANDIDATES)) {
    let head: ois100mi.OrderHead;
    try {
      head = await ois100mi.getHead(m3, orderNumber);
    } catch (error) {
      if (error instanceof PermanentError) continue; // deleted since the index saw it
      throw error;
    }
    if (head.CUOR.trim() === customerOrderRef && (!customer || !head.CUNO || head.CUNO.trim() === customer)) {
      return { orderNumber, status: head.ORST?.trim() ?? head.STAT?.trim() ?? '' };
    }
  }
  return undefined;
}

/** More candidates than this for one Amazon order id means the query is not selective: none of them is trusted blindly. */
const MAX_CANDIDATES = 10;

/** The M3 client (or a test's executor over the simulator): single calls and the bulk endpoint, both required. */
export function m3OrderPort(m3: MiExecutor & { executeBulk: BulkExecutor }): M3OrderPort {
  const executor: MiExecutor = { execute: (program, transaction, params, opts) => m3.execute(program, transaction, params, opts) };
  return {
    execute: executor.execute,
    executeBulk: (program, calls) => m3.executeBulk(program, calls),
    /**
     * Used on retries only, where a miss would create a second order: SearchHead answers from a search index that can
     * lag behind a just-confirmed order (connectors/m3/ois100mi.ts), so a miss is checked again with the exact
     * OIS100MI.LstHead of the customer filtered by CUOR — slower, and worth it on this rare path. Every SearchHead hit
     * is verified by its head's CUOR before it counts.
     */
    async findOrderByCuor(customerOrderRef, customer) {
      const records = await ois100mi.searchHeadByCuor(executor, customerOrderRef);
      const indexed = await verifyCuor(executor, cuorCandidates(records, customer), customerOrderRef, customer);
      if (indexed || !customer) return indexed;
      const [exact] = await ois100mi.lookUpByCuor(executor, customerOrderRef, { CUNO: customer });
      return exact?.ORNO ? { orderNumber: exact.ORNO, status: exact.ORST ?? '' } : undefined;
    },
    verifyCuor: (candidates, customerOrderRef, customer) => verifyCuor(executor, candidates, customerOrderRef, customer),
    async batchStatus(temporaryOrderNumber) {
      const batch = await ois100mi.getTmpOrderStat(executor, temporaryOrderNumber);
      return { status: batch.STAT, orderNumber: batch.ORNR };
    },
    async batchErrors(temporaryOrderNumber) {
      const messages = await ois100mi.lstErrMsgOrder(executor, temporaryOrderNumber);
      return messages.map((m) => [m.MSID, m.TX60].filter(Boolean).join(' ').trim()).filter(Boolean);
    },
  };
}

/** Any refusal (no such alias or item, or an answer without one) reads as "not found"; outages propagate. */
/** SKU look-ups through coalesced reads: a burst's first orders ask for their items together, in a few bulk requests. */
export function m3ItemLookup(client: BulkReader): ItemLookupPort {
  const m3 = coalescedReads(client);
  return {
    async itemByAlias(params) {
      try {
        const alias = { ALWT: params.ALWT ?? '', POPN: params.POPN ?? '', ALWQ: params.ALWQ, E0PA: params.E0PA, CONO: params.CONO };
        return (await itemBalances.itemByAlias(m3, alias)) ?? null;
      } catch (error) {
        if (error instanceof PermanentError) return null;
        throw error;
      }
    },
    async itemExists(itemNumber) {
      try {
        return (await itemBalances.getItem(m3, itemNumber)) !== undefined;
      } catch (error) {
        if (error instanceof PermanentError) return false;
        throw error;
      }
    },
  };
}
