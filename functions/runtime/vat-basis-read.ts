/** Reads each mapped marketplace customer's 'VAT included' flag (CRS610MI.GetOrderInfo TINC) for the VAT-basis check. */
import { PermanentError } from '../../core/errors';
import type { Mappings } from '../../core/mapping';
import { vatBasisExpectations, vatBasisFindings, type VatBasisFinding } from '../../core/orders/vat-basis-check';

export interface MiReader { execute(program: string, transaction: string, params: Record<string, string>): Promise<ReadonlyArray<Readonly<Record<string, string>>>> }

export async function checkVatBasis(m3: MiReader, mappings: Pick<Mappings, 'marketplaces'>): Promise<VatBasisFinding[]> {
  const tinc = new Map<string, string | undefined>();
  for (const customer of vatBasisExpectations(mappings).keys()) {
    try {
      tinc.set(customer, (await m3.execute('CRS610MI', 'GetOrderInfo', { CUNO: customer }))[0]?.TINC);
    } catch (error) {
      // An unknown customer is a finding; an outage or refused credentials stop the check.
      if (!(error instanceof PermanentError)) throw error;
      tinc.set(customer, undefined);
    }
  }
  return vatBasisFindings(mappings, tinc);
}
