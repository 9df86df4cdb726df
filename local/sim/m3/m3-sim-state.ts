/** The M3 simulator's data (master data, batch orders, customer orders, balances, journals, extension fields) and its seed. */

export type Fields = Record<string, string>;

export interface SimItem { ITNO: string; ITDS: string; STAT: string }
export interface SimAlias { ALWT: string; ALWQ: string; POPN: string; ITNO: string }
export interface SimBalance { ITNO: string; WHLO: string; STQT: string; ALQT: string }
export interface SimCustomer extends Fields { CUNO: string; CUNM: string; STAT: string }

export interface BatchLine { PONR: string; POSX: string; fields: Fields }
export interface BatchCharge { PONR?: string; POSX?: string; fields: Fields }
export interface BatchMessage { LEVL: string; MSID: string; TX60: string; MDTA: string }

/** A temporary (batch) order in 'Batch Order. Open' (OIS275); STAT per FACTS §3.2 (15, 20, 25, 30, 90). */
export interface BatchOrder {
  ORNO: string;
  STAT: string;
  head: Fields;
  lines: BatchLine[];
  addresses: Fields[];
  charges: BatchCharge[];
  messages: BatchMessage[];
  /** Real order number once confirmed (status 90). */
  ORNR?: string;
  createdAt: string;
}

export interface OrderLine { PONR: string; POSX: string; ITNO: string; ORQT: string; SAPR: string; WHLO: string; ORST: string; ALQT: string; fields: Fields }

/** A confirmed customer order; ORSL/ORST are lowest/highest line status (FACTS §3.3). */
export interface CustomerOrder {
  ORNO: string;
  tempORNO: string;
  CUNO: string;
  CUOR: string;
  ORTP: string;
  FACI: string;
  WHLO: string;
  ORDT: string;
  STAT: string;
  head: Fields;
  lines: OrderLine[];
  addresses: Fields[];
  charges: BatchCharge[];
}

export interface JournalLine { LINE: string; fields: Fields; PARM?: string }
export interface Journal { KEY1: string; INTN: string; DESC: string; DIVI: string; CONO: string; status: 'open' | 'checked' | 'error' | 'posted'; errors: string[]; lines: JournalLine[] }

export interface SimData {
  customers: Record<string, SimCustomer>;
  /** Customers usable as CRS610MI.Add templates (CUTM). */
  customerTemplates: string[];
  orderTypes: string[];
  facilities: string[];
  warehouses: string[];
  items: Record<string, SimItem>;
  aliases: SimAlias[];
  balances: Record<string, SimBalance>;
  batchOrders: Record<string, BatchOrder>;
  orders: Record<string, CustomerOrder>;
  extensionFields: Record<string, Fields>;
  journals: Record<string, Journal>;
  counters: { tempOrder: number; order: number; customer: number };
}

export interface M3SimSeed {
  customers?: string[];
  orderTypes?: string[];
  facilities?: string[];
  warehouses?: string[];
  items?: Array<{ ITNO: string; ITDS: string; STAT: string }>;
}

/** The sandbox defaults (ARCHITECTURE §3.5): one customer per Amazon marketplace country, order type AMZ, facility A01, warehouses per region. */
export const DEFAULT_SEED: Required<M3SimSeed> = {
  // The marketplaces of research/spapi/FACTS.md §1; the mappings may pass any other list.
  customers: ['AMZUS', 'AMZCA', 'AMZMX', 'AMZBR', 'AMZUK', 'AMZDE', 'AMZFR', 'AMZIT', 'AMZES', 'AMZNL', 'AMZJP'],
  orderTypes: ['AMZ'],
  facilities: ['A01'],
  warehouses: ['A10', 'E10', 'F10'],
  items: [],
};

export function balanceKey(whlo: string, itno: string): string {
  return `${whlo}\u0000${itno}`;
}

export function seededData(seed: M3SimSeed = {}): SimData {
  const s = { ...DEFAULT_SEED, ...seed };
  const customers: Record<string, SimCustomer> = {};
  for (const cuno of s.customers) {
    const country = cuno.replace(/^AMZ/, '').slice(0, 3);
    // Marketplace customers of countries whose Amazon prices include VAT are set to 'VAT included' (TINC 1).
    customers[cuno] = { CUNO: cuno, CUNM: `Amazon ${cuno.replace(/^AMZ/, '')}`, STAT: '20', CUA1: 'Marketplace customer', CSCD: country, TINC: ['US', 'CA', 'MX', 'BR'].includes(country) ? '0' : '1' };
  }
  const items: Record<string, SimItem> = {};
  for (const item of s.items) items[item.ITNO] = { ...item };
  return {
    customers,
    customerTemplates: s.customers.slice(0, 1),
    orderTypes: [...s.orderTypes],
    facilities: [...s.facilities],
    warehouses: [...s.warehouses],
    items,
    aliases: [],
    balances: {},
    batchOrders: {},
    orders: {},
    extensionFields: {},
    journals: {},
    counters: { tempOrder: 0, order: 0, customer: 0 },
  };
}
