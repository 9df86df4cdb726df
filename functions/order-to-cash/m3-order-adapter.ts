/** Binds the order ports to M3 MI transactions (research/m3/FACTS.md §3.1–3.2, FIELDS.md §5 for SearchHead). */
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from '../../connectors/m3/m3-client';
import type { ItemLookupPort, M3OrderPort } from './order-ports';

/** SearchHead takes a search query; quoting keeps an order id with spaces or colons one term. */
function cuorQuery(customerOrderRef: string): string {
  return `CUOR:"${customerOrderRef.replace(/["\\]/g, '\\$&')}"`;
}

export function m3OrderPort(m3: MiExecutor): M3OrderPort {
  return {
    execute: (program, transaction, params) => m3.execute(program, transaction, params),
    async findOrderByCuor(customerOrderRef, customer) {
      const records = await m3.execute('OIS100MI', 'SearchHead', { SQRY: cuorQuery(customerOrderRef) });
      const match = records.find((r) => r.CUOR === customerOrderRef && (!customer || !r.CUNO || r.CUNO === customer));
      return match?.ORNO ? { orderNumber: match.ORNO, status: match.ORST ?? match.STAT ?? '' } : undefined;
    },
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
