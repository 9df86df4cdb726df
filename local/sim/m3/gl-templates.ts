/** GLS850 interface templates the simulator knows: the PARM position layout for usage type 1 and the field set for usage type 2 (docs/m3-facts.md, GL interface (GLS840MI)). */

/** One positioned field of a usage-type-1 PARM string; positions are 1-based and inclusive, as GLS850 shows them. */
export interface GlPosition {
  name: string;
  from: number;
  to: number;
  kind: 'text' | 'amount' | 'date' | 'recordId';
}

export interface GlTemplate {
  INTN: string;
  usageType: 1 | 2;
  /** Usage type 1 only. */
  positions: GlPosition[];
}

/**
 * The real layout is tenant configuration (docs/m3-facts.md, GL interface (GLS840MI)); this one follows the public
 * XtendM3 example: record id `I1` first, then the accounting dimensions, currency, a right-aligned signed
 * amount (`.` or `,` as decimal separator), the accounting date yyyyMMdd and the voucher text.
 */
export const SANDBOX_GL_LAYOUT: GlPosition[] = [
  { name: 'INRI', from: 1, to: 2, kind: 'recordId' },
  { name: 'AIT1', from: 3, to: 12, kind: 'text' },
  { name: 'AIT2', from: 13, to: 22, kind: 'text' },
  { name: 'AIT3', from: 23, to: 32, kind: 'text' },
  { name: 'AIT4', from: 33, to: 42, kind: 'text' },
  { name: 'AIT5', from: 43, to: 52, kind: 'text' },
  { name: 'AIT6', from: 53, to: 62, kind: 'text' },
  { name: 'AIT7', from: 63, to: 72, kind: 'text' },
  { name: 'CUCD', from: 73, to: 75, kind: 'text' },
  { name: 'CUAM', from: 76, to: 92, kind: 'amount' },
  { name: 'ACDT', from: 93, to: 100, kind: 'date' },
  { name: 'VTXT', from: 101, to: 140, kind: 'text' },
];

export const DEFAULT_GL_TEMPLATES: GlTemplate[] = [
  { INTN: 'AMZSETTLE', usageType: 1, positions: SANDBOX_GL_LAYOUT },
  { INTN: 'AMZSETTLEF', usageType: 2, positions: [] },
];
