/** Items and stock: MMS200MI item and item-warehouse balance reads, MMS025MI alias look-ups, MMS060MI per-location balance lists. */
import type { Fields, SimBalance, SimData, SimItem } from '../m3-sim-state';
import { decimalText, notFound, type MiHandlers } from '../mi-handler';
import { isConnected, warehouseFigures } from '../stock-locations';

function item(data: SimData, itno: string): SimItem {
  const found = data.items[itno];
  if (!found) throw notFound('Item number', 'ITNO', itno);
  return found;
}

function warehouse(data: SimData, whlo: string): void {
  if (!data.warehouses.includes(whlo)) throw notFound('Warehouse', 'WHLO', whlo);
}

/** One item-warehouse balance (MITBAL): on-hand over every location, allocatable figures over allocatable locations only. */
function warehouseRecord(data: SimData, whlo: string, itno: string, cono: string): Fields {
  const f = warehouseFigures(data, whlo, itno);
  return {
    CONO: cono, WHLO: whlo, ITNO: itno,
    STQT: decimalText(f.STQT), ALQT: decimalText(f.ALQT), AVAL: decimalText(f.AVAL), AV01: decimalText(f.AV01), AV02: decimalText(f.AV02),
    QUQT: '0', RJQT: '0', PLQT: '0', ORQT: '0', REQT: '0',
  };
}

/** One location row (MITLOC): what MMS060MI lists; ALOC 1 = allocatable. */
function locationRecord(data: SimData, b: SimBalance, cono: string): Fields {
  return {
    CONO: cono, WHLO: b.WHLO, ITNO: b.ITNO, ITDS: data.items[b.ITNO]?.ITDS ?? '', WHSL: b.WHSL,
    STQT: b.STQT, ALQT: b.ALQT, PHSQ: b.STQT, PHAQ: b.ALQT, ALOC: b.allocatable ? '1' : '0', STAS: '2', TNOB: '1', TNOL: '0', TNOC: '0',
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
    // No MITBAL record: M3 answers that the item does not exist in the warehouse.
    if (!isConnected(data, params.WHLO, params.ITNO)) throw notFound(`Item ${params.ITNO} in warehouse`, 'ITNO', params.WHLO);
    return [warehouseRecord(data, params.WHLO, params.ITNO, cono)];
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

function warehouseLocations(data: SimData, whlo: string, itno: string | undefined, whsl: string | undefined): SimBalance[] {
  warehouse(data, whlo);
  return Object.values(data.balances).flat()
    .filter((b) => b.WHLO === whlo && (!itno || b.ITNO === itno) && (!whsl || b.WHSL === whsl))
    .sort((a, b) => a.ITNO.localeCompare(b.ITNO) || a.WHSL.localeCompare(b.WHSL));
}

export const mms060miHandlers: MiHandlers = {
  /** Balance-ID level; the simulator keeps one balance id per item and location (no lots or containers). */
  List({ params, cono }, { data }) {
    return warehouseLocations(data, params.WHLO, params.ITNO, params.WHSL).map((b) => locationRecord(data, b, cono));
  },

  /** Summed per item and location, allocatable or not: M3 has no AVAL or AV01 here, so it cannot tell what may be sold. */
  LstSumQty({ params, cono }, { data }) {
    return warehouseLocations(data, params.WHLO, params.ITNO, params.WHSL).map((b) => locationRecord(data, b, cono));
  },
};
