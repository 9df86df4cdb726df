/**
 * OIS017MI (price-list maintenance) reads and OIS320MI.GetPriceLine over the simulator's price lists. As reported by
 * integrators of real tenants, LstPriceList answers every price-list version whatever filter it is given, so callers
 * must pick the version valid today themselves; LstBasePrice and GetBasePrice need the exact version (FVDT).
 */
import type { Fields } from '../m3-sim-state';
import { notFound, ymd8, type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { priceListVersions, pricesOf, type PriceListVersion, type SimBasePrice } from './price-state';

function version(data: Parameters<typeof priceListVersions>[0], params: Fields): PriceListVersion {
  const v = priceListVersions(data).find((x) => x.PRRF === params.PRRF && x.CUCD === params.CUCD && x.FVDT === params.FVDT);
  if (!v) throw notFound('Price list', 'PRRF', `${params.PRRF ?? ''}/${params.CUCD ?? ''}/${params.FVDT ?? ''}`);
  return v;
}

const row = (v: PriceListVersion, l: SimBasePrice): Fields => ({ PRRF: l.PRRF, CUCD: l.CUCD, CUNO: '', FVDT: l.FVDT, LVDT: v.LVDT, ITNO: l.ITNO, SAPR: l.SAPR, SACD: '1', SPUN: 'PCS' });

export const ois017miHandlers: MiHandlers = {
  LstPriceList(_call, { data }) {
    return priceListVersions(data).map((v) => ({ PRRF: v.PRRF, CUCD: v.CUCD, CUNO: '', FVDT: v.FVDT, LVDT: v.LVDT, TX15: v.PRRF }));
  },
  GetPriceList({ params }, { data }) {
    const v = version(data, params);
    return [{ PRRF: v.PRRF, CUCD: v.CUCD, CUNO: '', FVDT: v.FVDT, LVDT: v.LVDT, TX15: v.PRRF, TX40: v.PRRF }];
  },
  LstBasePrice({ params }, { data }) {
    const v = version(data, params);
    return Object.values(pricesOf(data).lines)
      .filter((l) => l.PRRF === v.PRRF && l.CUCD === v.CUCD && l.FVDT === v.FVDT)
      .sort((a, b) => a.ITNO.localeCompare(b.ITNO))
      .map((l) => row(v, l));
  },
  GetBasePrice({ params }, { data }) {
    const v = version(data, params);
    const line = Object.values(pricesOf(data).lines).find((l) => l.PRRF === v.PRRF && l.CUCD === v.CUCD && l.FVDT === v.FVDT && l.ITNO === params.ITNO);
    if (!line) throw notFound('Item', 'ITNO', params.ITNO ?? '');
    return [row(v, line)];
  },
};

/**
 * OIS320MI.GetPriceLine, reduced to what the sandbox models: the base price of the customer's price list (PRRF given,
 * else the customer's `PLTB`/`PRRF` field) valid on ORDT (default today), in the customer's currency unless CUCD is given.
 */
export const ois320miHandlers: MiHandlers = {
  GetPriceLine({ params }, { data, now }) {
    const customer = data.customers[params.CUNO ?? ''];
    if (!customer) throw notFound('Customer', 'CUNO', params.CUNO ?? '');
    const prrf = params.PRRF || customer.PRRF || customer.PLTB || '';
    const cucd = params.CUCD || customer.CUCD || '';
    const day = params.ORDT || ymd8(now());
    const v = priceListVersions(data).find((x) => x.PRRF === prrf && x.CUCD === cucd && x.FVDT <= day && day <= x.LVDT);
    const line = v && Object.values(pricesOf(data).lines).find((l) => l.PRRF === v.PRRF && l.CUCD === v.CUCD && l.FVDT === v.FVDT && l.ITNO === params.ITNO);
    if (!line) throw new MiNok(`No price found for item ${params.ITNO ?? ''}`, { code: 'NOT_FOUND', field: 'ITNO' });
    return [{ CUNO: customer.CUNO, ITNO: line.ITNO, SAPR: line.SAPR, NETP: line.SAPR, PRRF: line.PRRF, PRMO: '2', CUCD: line.CUCD, SPUN: 'PCS', SACD: '1', TINC: customer.TINC ?? '0' }];
  },
};
