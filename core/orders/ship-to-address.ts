/** Ship-to → OIS100MI.AddBatchAddress fields (CUNM, CUA1–CUA4, TOWN, ECAR, PONO, CSCD, PHNO/PHN2) within M3 lengths. */
import type { ShipTo } from './canonical-order';
import type { PlanIssue } from './order-plan';
import { charLength, fitBlocks, normalizeSpaces, wrapText } from './text-wrap';

// Lengths: docs/m3-facts.md, Field lengths and formats (AddBatchAddress). Text is kept as written (no transliteration);
// whatever does not fit its own field moves to the next address line instead of being cut off.
export const ADDRESS_LENGTHS = { CUNM: 36, CUA: 36, TOWN: 20, ECAR: 2, PONO: 10, CSCD: 3, PHNO: 10, PHN2: 16 } as const;
const ADDRESS_SLOTS = 4;

export interface AddressLayoutOptions {
  companyFirst: boolean;
  longPhoneToPhn2: boolean;
}

/** Issues never quote the address: it is personal data (docs/design.md, Layers). */
export function layoutShipTo(shipTo: ShipTo, options: AddressLayoutOptions): { params: Record<string, string>; issues: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  const params: Record<string, string> = {};
  const name = normalizeSpaces(shipTo.name);
  const company = normalizeSpaces(shipTo.companyName);
  const leading: string[] = [];

  // CUNM: the recipient; a name longer than 36 wraps and its rest opens the address lines.
  const nameText = name !== '' ? name : company;
  if (nameText !== '') {
    const nameLines = wrapText(nameText, ADDRESS_LENGTHS.CUNM);
    params.CUNM = nameLines[0];
    if (nameLines.length > 1) leading.push(nameLines.slice(1).join(' '));
  }
  if (options.companyFirst && name !== '' && company !== '' && company !== name) leading.push(company);

  const trailing: string[] = [];
  const city = normalizeSpaces(shipTo.city);
  if (city !== '') {
    const cityLines = wrapText(city, ADDRESS_LENGTHS.TOWN);
    params.TOWN = cityLines[0];
    if (cityLines.length > 1) trailing.push(cityLines.slice(1).join(' '));
  }
  const state = normalizeSpaces(shipTo.stateOrRegion);
  // ECAR is an M3 state code (A2): Amazon sends "CA" in the US but "England" or "Bayern" elsewhere; those go to the text.
  if (state !== '' && charLength(state) <= ADDRESS_LENGTHS.ECAR) params.ECAR = state;
  else if (state !== '') trailing.push(state);
  const postal = normalizeSpaces(shipTo.postalCode);
  if (postal !== '' && charLength(postal) <= ADDRESS_LENGTHS.PONO) params.PONO = postal;
  else if (postal !== '') {
    trailing.push(postal);
    issues.push({ code: 'POSTAL_CODE_TOO_LONG', message: `postal code longer than ${ADDRESS_LENGTHS.PONO} characters: kept in the address lines` });
  }
  const country = normalizeSpaces(shipTo.countryCode);
  if (country !== '') params.CSCD = country;

  const district = [shipTo.district, shipTo.county, shipTo.municipality].map(normalizeSpaces).filter((d) => d !== '' && d !== city);
  const street = [shipTo.line1 ?? '', shipTo.line2 ?? '', shipTo.line3 ?? '', ...new Set(district), ...trailing];
  let { lines, overflow } = fitBlocks([...leading, ...street], ADDRESS_SLOTS, ADDRESS_LENGTHS.CUA);
  // When not everything fits, the street must survive before the tail of a long name or the company.
  if (overflow.length > 0) ({ lines, overflow } = fitBlocks([...street, ...leading], ADDRESS_SLOTS, ADDRESS_LENGTHS.CUA));
  lines.forEach((line, i) => { params[`CUA${i + 1}`] = line; });
  if (overflow.length > 0) {
    const lost = overflow.reduce((n, l) => n + charLength(l), 0);
    issues.push({ code: 'ADDRESS_TOO_LONG', message: `ship-to address does not fit CUNM + CUA1–CUA4 (36 characters each): ${lost} characters could not be placed` });
  }

  const phone = normalizeSpaces(shipTo.phone);
  if (phone !== '') Object.assign(params, layoutPhone(phone, options, issues));
  return { params, issues };
}

function layoutPhone(phone: string, options: AddressLayoutOptions, issues: PlanIssue[]): Record<string, string> {
  if (charLength(phone) <= ADDRESS_LENGTHS.PHNO) return { PHNO: phone };
  // PHNO is only 10 on AddBatchAddress; PHN2 holds 16 (docs/m3-facts.md, Field lengths and formats).
  const compact = phone.replace(/[\s\-().]/gu, '');
  if (charLength(compact) <= ADDRESS_LENGTHS.PHNO) return { PHNO: compact };
  if (options.longPhoneToPhn2 && charLength(phone) <= ADDRESS_LENGTHS.PHN2) return { PHN2: phone };
  if (options.longPhoneToPhn2 && charLength(compact) <= ADDRESS_LENGTHS.PHN2) return { PHN2: compact };
  issues.push({ code: 'PHONE_TOO_LONG', message: `phone number does not fit PHNO (${ADDRESS_LENGTHS.PHNO})${options.longPhoneToPhn2 ? ` or PHN2 (${ADDRESS_LENGTHS.PHN2})` : ''}: not sent` });
  return {};
}
