/**
 * The simulator's sales price lists (OIS017): one base price per price list (PRRF), currency (CUCD), valid-from date
 * (FVDT) and item. A price list version is valid from its FVDT until the day before the next version of the same list
 * and currency; kept beside the rest of SimData under `prices`, created on first use.
 */
import type { SimData } from '../m3-sim-state';

export interface SimBasePrice { PRRF: string; CUCD: string; FVDT: string; ITNO: string; SAPR: string }

export interface PriceData {
  /** Key: PRRF, CUCD, FVDT, ITNO joined by NUL. */
  lines: Record<string, SimBasePrice>;
}

export function pricesOf(data: SimData): PriceData {
  const holder = data as SimData & { prices?: PriceData };
  holder.prices ??= { lines: {} };
  return holder.prices;
}

export function priceKey(p: Pick<SimBasePrice, 'PRRF' | 'CUCD' | 'FVDT' | 'ITNO'>): string {
  return [p.PRRF, p.CUCD, p.FVDT, p.ITNO].join('\u0000');
}

export interface PriceListVersion { PRRF: string; CUCD: string; FVDT: string; LVDT: string }

function dayBefore(ymd: string): string {
  const d = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Every price-list version (header), in PRRF, CUCD, FVDT order; the last version of a list runs open-ended (LVDT 99999999). */
export function priceListVersions(data: SimData): PriceListVersion[] {
  const seen = new Map<string, { PRRF: string; CUCD: string; FVDT: string }>();
  for (const l of Object.values(pricesOf(data).lines)) seen.set([l.PRRF, l.CUCD, l.FVDT].join('\u0000'), { PRRF: l.PRRF, CUCD: l.CUCD, FVDT: l.FVDT });
  const sorted = [...seen.values()].sort((a, b) => a.PRRF.localeCompare(b.PRRF) || a.CUCD.localeCompare(b.CUCD) || a.FVDT.localeCompare(b.FVDT));
  return sorted.map((v, i) => {
    const next = sorted[i + 1];
    const sameList = next !== undefined && next.PRRF === v.PRRF && next.CUCD === v.CUCD;
    return { ...v, LVDT: sameList ? dayBefore(next.FVDT) : '99999999' };
  });
}
