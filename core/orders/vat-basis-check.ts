/**
 * Whether M3 is set up for the VAT basis the mappings send: a marketplace with gross prices needs its M3 customer to
 * have 'VAT included' (CRS610 TINC = 1), else M3 adds VAT on top of prices that already contain it; a net marketplace
 * needs TINC = 0. Pure: the caller reads TINC per customer from M3.
 */
import type { Mappings } from '../mapping/mappings-schema';
import { priceBasisOf, type PriceBasis } from './price-basis';

export interface VatBasisFinding {
  customer: string;
  marketplaces: string[];
  basis: PriceBasis;
  /** TINC as M3 answered it; undefined when the customer could not be read. */
  tinc?: string;
  ok: boolean;
  message: string;
}

/** One expectation per M3 customer (several marketplaces may share one); a customer mapped gross and net at once is a finding. */
export function vatBasisExpectations(mappings: Pick<Mappings, 'marketplaces'>): Map<string, { bases: Set<PriceBasis>; marketplaces: string[] }> {
  const out = new Map<string, { bases: Set<PriceBasis>; marketplaces: string[] }>();
  for (const [id, m] of Object.entries(mappings.marketplaces)) {
    const entry = out.get(m.customer) ?? { bases: new Set<PriceBasis>(), marketplaces: [] };
    entry.bases.add(priceBasisOf(id, m));
    entry.marketplaces.push(m.country ?? id);
    out.set(m.customer, entry);
  }
  return out;
}

export function vatBasisFindings(mappings: Pick<Mappings, 'marketplaces'>, tincByCustomer: ReadonlyMap<string, string | undefined>): VatBasisFinding[] {
  const findings: VatBasisFinding[] = [];
  for (const [customer, { bases, marketplaces }] of vatBasisExpectations(mappings)) {
    const tinc = tincByCustomer.get(customer);
    const where = `${customer} (${marketplaces.join(', ')})`;
    if (bases.size > 1) {
      findings.push({ customer, marketplaces, basis: 'gross', ...(tinc === undefined ? {} : { tinc }), ok: false, message: `${where}: mapped with gross and net prices at once; one M3 customer has one VAT setting` });
      continue;
    }
    const basis = [...bases][0];
    if (tinc === undefined) {
      findings.push({ customer, marketplaces, basis, ok: false, message: `${where}: could not read the customer from M3 (CRS610MI.GetOrderInfo)` });
      continue;
    }
    const wanted = basis === 'gross' ? '1' : '0';
    const ok = (tinc.trim() || '0') === wanted;
    findings.push({
      customer, marketplaces, basis, tinc, ok,
      message: ok
        ? `${where}: prices ${basis}, M3 'VAT included' (TINC) is ${tinc.trim() || '0'}: ok`
        : basis === 'gross'
          ? `${where}: the mappings send prices including VAT, but in M3 this customer is NOT set to prices including VAT (TINC ${tinc.trim() || '0'}): M3 would add VAT on top. Set TINC = 1 in CRS610, or map the marketplace to "prices": "net"`
          : `${where}: the mappings send net prices, but in M3 this customer is set to prices including VAT (TINC ${tinc.trim()}): M3 would read net prices as gross. Set TINC = 0 in CRS610, or map "prices": "gross"`,
    });
  }
  return findings;
}
