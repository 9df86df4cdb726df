/** Parsed MI repository: the input rules (mandatory, type, length) and output columns per simulated transaction. */
import { MI_CATALOG_DATA } from './mi-catalog-data';
import { FINANCE_CATALOG_DATA } from './finance/finance-catalog';
import { PRICE_CATALOG_DATA } from './prices/price-catalog';
import { RETURNS_CATALOG_DATA } from './returns/returns-catalog';

export type MiFieldType = 'A' | 'N' | 'D';

export interface MiInputField {
  name: string;
  type: MiFieldType;
  length: number;
  mandatory: boolean;
}

export interface MiTransactionSpec {
  program: string;
  transaction: string;
  inputs: Map<string, MiInputField>;
  outputs: string[];
}

const INPUT_TOKEN = /^([A-Z0-9]{3,4}):([AND])(\d+)(!?)$/;

function parseSpec(key: string, data: { in: string; out: string }): MiTransactionSpec {
  const [program, transaction] = key.split('/');
  const inputs = new Map<string, MiInputField>();
  for (const token of data.in.split(' ').filter(Boolean)) {
    const m = INPUT_TOKEN.exec(token);
    if (!m) throw new Error(`bad MI catalog token ${token} in ${key}`);
    inputs.set(m[1], { name: m[1], type: m[2] as MiFieldType, length: Number(m[3]), mandatory: m[4] === '!' });
  }
  return { program, transaction, inputs, outputs: data.out.split(' ').filter(Boolean) };
}

const CATALOG = new Map<string, MiTransactionSpec>(Object.entries({ ...MI_CATALOG_DATA, ...FINANCE_CATALOG_DATA, ...PRICE_CATALOG_DATA, ...RETURNS_CATALOG_DATA }).map(([k, v]) => [k, parseSpec(k, v)]));
const PROGRAMS = new Set([...CATALOG.values()].map((s) => s.program));

export function findTransactionSpec(program: string, transaction: string): MiTransactionSpec | undefined {
  return CATALOG.get(`${program}/${transaction}`);
}

export function isKnownProgram(program: string): boolean {
  return PROGRAMS.has(program);
}
