/** Items and stock (FACTS §3.5): MMS200MI item and item-warehouse balance reads, MMS025MI alias look-ups, MMS060MI per-warehouse balance lists. */
import Decimal from 'decimal.js';
import { balanceKey, type Fields, type SimBalance, type SimData, type SimItem } from '../m3-sim-state';
import { decimalText, notFound, type MiHandlers } from '../mi-handler';

function item(data: SimData, itno: string): SimItem {
  const found = data.items[itno];
  if (!found) throw notFound('Item number', 'ITNO', itno);
  return found;
}

function warehouse(data: SimData, whlo: string): void {
  if (!data.warehouses.includes(whlo)) throw notFound('Warehouse', 'WHLO', whlo);
}

/** Allocatable = on-hand approved − allocated; the simulator has no inspection, rejected or reserved stock. */
function balanceRecord(data: SimData, b: SimBalance, cono: string): Fields {
  const available = decimalText(Decimal.max(0, new Decimal(b.STQT).minus(b.ALQT)));
  return {
    CONO: cono, WHLO: b.WHLO, ITNO: b.ITNO, ITDS: data.items[b.ITNO]?.ITDS ?? '', STAT: data.items[b.ITNO]?.STAT ?? '',
    STQT: b.STQT, ALQT: b.ALQT, AVAL: available, AV01: available, AV02: available,
    QUQT: '0', RJQT: '0', PLQT: '0', ORQT: '0', REQT: '0', PHSQ: b.STQT, PHAQ: b.ALQT,
  };
}

export const mms200miHandlers: MiHandlers = {
  GetItmBasic({ params }, { data }) {
    return [{ ...item(data, params.ITNO) }];
  },

  Get({ params }, { data }) {
    return [{ ...item(data, params.ITNO) }];
  },

  GetItmWhsBal({ params, cono }, { data }) {
    item(data, params.ITNO);
    warehouse(data, params.WHLO);
    const balance = data.balances[balanceKey(params.WHLO, params.ITNO)];
    // No MITBAL record: M3 answers that the item does not exist in the warehouse.
    if (!balance) throw notFound(`Item ${params.ITNO} in warehouse`, 'ITNO', params.WHLO);
    return [balanceRecord(data, balance, cono)];
  },
};

export const mms025miHandlers: MiHandlers = {
  GetItem({ params, cono }, { data }) {
    const alwq = params.ALWQ ?? '';
    const alias = data.aliases.find((a) => Number(a.ALWT) === Number(params.ALWT) && a.POPN === params.POPN && a.ALWQ === alwq);
    if (!alias) throw notFound('Alias number', 'POPN', params.POPN);
    return [{ CONO: cono, ALWT: alias.ALWT, ALWQ: alias.ALWQ, ITNO: alias.ITNO, POPN: alias.POPN }];
  },

  LstAlias({ params, cono }, { data }) {
    item(data, params.ITNO);
    return data.aliases
      .filter((a) => a.ITNO === params.ITNO && (params.ALWT === undefined || Number(a.ALWT) === Number(params.ALWT)))
      .map((a) => ({ CONO: cono, ALWT: a.ALWT, ALWQ: a.ALWQ, ITNO: a.ITNO, POPN: a.POPN }));
  },
};

function warehouseBalances(data: SimData, whlo: string, itno: string | undefined): SimBalance[] {
  warehouse(data, whlo);
  return Object.values(data.balances)
    .filter((b) => b.WHLO === whlo && (!itno || b.ITNO === itno))
    .sort((a, b) => a.ITNO.localeCompare(b.ITNO));
}

export const mms060miHandlers: MiHandlers = {
  /** Balance-ID level; the simulator keeps one balance id per item and warehouse. */
  List({ params, cono }, { data }) {
    return warehouseBalances(data, params.WHLO, params.ITNO).map((b) => balanceRecord(data, b, cono));
  },

  /** Summed per item in a warehouse: the list the balance sweep pages through. */
  LstSumQty({ params, cono }, { data }) {
    return warehouseBalances(data, params.WHLO, params.ITNO).map((b) => balanceRecord(data, b, cono));
  },
};
