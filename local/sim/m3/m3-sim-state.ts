/** The M3 simulator's data (master data, batch orders, customer orders, balances, journals, extension fields) and its seed. */

import { returnsOf } from './returns/returns-state';

export type Fields = Record<string, string>;

export interface SimItem { ITNO: string; ITDS: string; STAT: string }
export interface SimAlias { ALWT: string; ALWQ: string; POPN: string; ITNO: string }
/**
 * One item's stock at one location of a warehouse (MITLOC, the level MMS060MI lists). `allocatable` false = a location
 * whose stock cannot be allocated (inspection, quarantine, damaged): it counts in on-hand (STQT) but never in AVAL/AV01.
 */
export interface SimBalance { ITNO: string; WHLO: string; WHSL: string; STQT: string; ALQT: string; allocatable: boolean }
/** STAT 20 = definite (orders allowed); other statuses refuse new orders. `TINC` 1 = its prices include VAT. */
export interface SimCustomer extends Fields { CUNO: string; CUNM: string; STAT: string }

export interface BatchLine { PONR: string; POSX: string; fields: Fields }
export interface BatchCharge { PONR?: string; POSX?: string; fields: Fields }
export interface BatchMessage { LEVL: string; MSID: string; TX60: string; MDTA: string }

/** A temporary (batch) order in 'Batch Order. Open' (OIS275); STAT per docs/m3-facts.md, Batch and order statuses (15, 20, 25, 30, 90). */
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
  /** An asynchronous Confirm: the release runs when this time has passed. */
  pendingUntil?: string;
}

export interface OrderLine { PONR: string; POSX: string; ITNO: string; ORQT: string; SAPR: string; WHLO: string; ORST: string; ALQT: string; fields: Fields }

/** A confirmed customer order; ORSL/ORST are lowest/highest line status (docs/m3-facts.md, Batch and order statuses). */
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
  /** When the order was created (the search index lags behind it). */
  createdAt?: string;
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
  /** The locations holding an item in a warehouse, keyed by balanceKey(WHLO, ITNO), sorted by WHSL. */
  balances: Record<string, SimBalance[]>;
  /** Item-warehouse records (MITBAL / MMS002): an order line may only name an item in a warehouse it is connected to. */
  itemWarehouses: Record<string, true>;
  /** Charge ids (CRS275) that batch-order charges may name. */
  chargeIds: string[];
  /** Currencies (CRS055) an order head may name. */
  currencies: string[];
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
  /** Order types of OIS010 category 2 'credit order' (negative quantities; returns/returns-state.ts). */
  creditOrderTypes?: string[];
}

/** The sandbox defaults (docs/contracts.md, Sandbox control): one customer per Amazon marketplace country, order type AMZ, facility A01, warehouses per region. */
export const DEFAULT_SEED: Required<M3SimSeed> = {
  // One customer per Amazon marketplace country (all 23); the mappings may pass any other list.
  customers: ['AMZUS', 'AMZCA', 'AMZMX', 'AMZBR', 'AMZUK', 'AMZDE', 'AMZFR', 'AMZIT', 'AMZES', 'AMZNL', 'AMZSE', 'AMZPL', 'AMZBE', 'AMZIE', 'AMZTR', 'AMZAE',
    'AMZSA', 'AMZEG', 'AMZIN', 'AMZZA', 'AMZJP', 'AMZAU', 'AMZSG'],
  orderTypes: ['AMZ'],
  facilities: ['A01'],
  warehouses: ['A10', 'E10', 'F10'],
  items: [],
  creditOrderTypes: [],
};

/** Item × warehouse (the item-warehouse record). */
export function balanceKey(whlo: string, itno: string): string {
  return `${whlo}\u0000${itno}`;
}

/** The location a balance row without WHSL is put on. */
export const DEFAULT_LOCATION = 'STOCK';

/** Charge ids the sandbox knows out of the box: freight (the shipped mappings' shipping charge), gift wrap, cash on delivery. */
export const DEFAULT_CHARGE_IDS = ['FRT', 'GIFT', 'COD'];

/** ISO 4217 codes of the currencies Amazon's marketplaces sell in. */
export const DEFAULT_CURRENCIES = ['USD', 'CAD', 'MXN', 'BRL', 'GBP', 'EUR', 'SEK', 'PLN', 'TRY', 'AED', 'SAR', 'EGP', 'INR', 'ZAR', 'JPY', 'AUD', 'SGD'];

/** Fills what a state file written by an older simulator lacks. */
export function upgradeData(data: SimData): SimData {
  data.itemWarehouses ??= {};
  data.chargeIds ??= [...DEFAULT_CHARGE_IDS];
  data.currencies ??= [...DEFAULT_CURRENCIES];
  for (const [key, value] of Object.entries(data.balances as Record<string, unknown>)) {
    if (Array.isArray(value)) continue;
    // A simulator before per-location stock kept one balance per item and warehouse.
    const b = value as Omit<SimBalance, 'WHSL' | 'allocatable'>;
    data.balances[key] = [{ ...b, WHSL: DEFAULT_LOCATION, allocatable: true }];
    data.itemWarehouses[key] = true;
  }
  return data;
}

export function seededData(seed: M3SimSeed = {}): SimData {
  const { creditOrderTypes = [], ...rest } = seed;
  const s = { ...DEFAULT_SEED, ...rest };
  const customers: Record<string, SimCustomer> = {};
  for (const cuno of s.customers) {
    const country = cuno.replace(/^AMZ/, '').slice(0, 3);
    // Marketplace customers of countries whose Amazon prices include VAT are set to 'VAT included' (TINC 1).
    customers[cuno] = { CUNO: cuno, CUNM: `Amazon ${cuno.replace(/^AMZ/, '')}`, STAT: '20', CUA1: 'Marketplace customer', CSCD: country, TINC: ['US', 'CA', 'MX', 'BR'].includes(country) ? '0' : '1' };
  }
  const items: Record<string, SimItem> = {};
  // Seeded items are connected to every seeded warehouse (their item-warehouse records exist).
  const itemWarehouses: Record<string, true> = {};
  for (const item of s.items) {
    items[item.ITNO] = { ...item };
    for (const whlo of s.warehouses) itemWarehouses[balanceKey(whlo, item.ITNO)] = true;
  }
  const data: SimData = {
    customers,
    customerTemplates: s.customers.slice(0, 1),
    orderTypes: [...new Set([...s.orderTypes, ...creditOrderTypes])],
    facilities: [...s.facilities],
    warehouses: [...s.warehouses],
    items,
    aliases: [],
    balances: {},
    itemWarehouses,
    chargeIds: [...DEFAULT_CHARGE_IDS],
    currencies: [...DEFAULT_CURRENCIES],
    batchOrders: {},
    orders: {},
    extensionFields: {},
    journals: {},
    counters: { tempOrder: 0, order: 0, customer: 0 },
  };
  for (const ortp of creditOrderTypes) returnsOf(data).orderCategories[ortp] = '2';
  return data;
}
