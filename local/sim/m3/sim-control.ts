/** The `/_sim/` control surface of the M3 simulator: seed items, balances, aliases, customers; inspect orders, journals, stats; faults; reset. */
import { z } from 'zod';
import { DEFAULT_LOCATION, type CustomerOrder, type Fields, type SimData } from './m3-sim-state';
import { decimalText } from './mi-handler';
import { connect, putLocation } from './stock-locations';
import { orderTotals } from './order-totals';
import { FaultConfigSchema } from './sim-faults';
import type { GlTemplate } from './gl-templates';

const Text = z.union([z.string(), z.number()]).transform(String);
const Quantity = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]).transform((v) => decimalText(v));

/** `warehouses`: the item-warehouse records to create (default: every warehouse the simulator knows); ITDS is cut to M3's 30 characters. */
export const ItemsBodySchema = z.array(z.object({ ITNO: z.string().min(1).max(15), ITDS: z.string().default('').transform((s) => [...s].slice(0, 30).join('')), STAT: Text.default('20'), warehouses: z.array(z.string().min(1).max(3)).optional() }));
/** One row per item, warehouse and location; `allocatable: false` = inspection, quarantine or damaged stock. */
export const BalancesBodySchema = z.array(z.object({
  ITNO: z.string().min(1).max(15), WHLO: z.string().min(1).max(3), WHSL: z.string().min(1).max(10).default(DEFAULT_LOCATION),
  STQT: Quantity, ALQT: Quantity.default('0'), allocatable: z.boolean().default(true),
}));
export const AliasesBodySchema = z.array(z.object({ ALWT: Text, ALWQ: z.string().default(''), POPN: z.string().min(1).max(30), ITNO: z.string().min(1).max(15) }));
/**
 * Customers (CRS610): STAT 20 definite, anything else refuses orders; `TINC` 1 = prices include VAT; `BLCD` 1 = credit
 * stop (the order stays a batch order at status 30); `CUCD` its currency; `vatPercent` the VAT rate the totals use
 * (default: the standard rate of its country, CSCD).
 */
export const CustomersBodySchema = z.array(z.object({
  CUNO: z.string().min(1).max(10), CUNM: z.string().default('').transform((s) => [...s].slice(0, 36).join('')), STAT: Text.default('20'),
  TINC: z.union([z.literal('0'), z.literal('1'), z.literal(0), z.literal(1)]).transform(String).optional(),
  BLCD: z.union([z.literal('0'), z.literal('1'), z.literal(0), z.literal(1)]).transform(String).optional(),
  vatPercent: z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]).transform(String).optional(),
}).catchall(z.union([z.string(), z.number()]).transform(String)));
export const OrderStatusChangeSchema = z.object({ STAT: z.string().regex(/^\d\d$/), PONR: Text.optional() });
export const OrderStatusBodySchema = z.object({ ORNO: z.string(), PONR: Text.optional(), ORST: z.string().regex(/^\d\d$/) });
export const GlTemplatesBodySchema = z.array(z.object({
  INTN: z.string().min(1).max(15),
  usageType: z.union([z.literal(1), z.literal(2)]),
  positions: z.array(z.object({ name: z.string(), from: z.number().int().positive(), to: z.number().int().positive(), kind: z.enum(['text', 'amount', 'date', 'recordId']) })).default([]),
}));
export { FaultConfigSchema };

/** One customer order as tests and the demo read it; `address` is the delivery address (ADRT 1, else the first one). */
export function orderView(data: SimData, order: CustomerOrder): Record<string, unknown> {
  const delivery = order.addresses.find((a) => Number(a.ADRT) === 1) ?? order.addresses[0];
  const customFields: Record<string, Fields> = {};
  for (const record of Object.values(data.extensionFields)) {
    if (record.PK01 === order.ORNO && (record.FILE === 'OOHEAD' || record.FILE === 'OOLINE')) {
      customFields[[record.FILE, record.PK02].filter(Boolean).join(':')] = record;
    }
  }
  return {
    ORNO: order.ORNO,
    CUOR: order.CUOR,
    CUNO: order.CUNO,
    STAT: order.STAT,
    ORTP: order.ORTP,
    FACI: order.FACI,
    WHLO: order.WHLO,
    ORDT: order.ORDT,
    ORSL: order.head.ORSL,
    ORST: order.head.ORST,
    batchORNO: order.tempORNO,
    lines: order.lines.map((l) => ({ PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, ORQT: l.ORQT, SAPR: l.SAPR, WHLO: l.WHLO, STAT: l.ORST, ORST: l.ORST, ALQT: l.ALQT, CUPO: l.fields.CUPO ?? '' })),
    totals: orderTotals(data, order),
    address: delivery ? Object.fromEntries(Object.entries(delivery).filter(([k]) => k !== 'ORNO' && k !== 'CONO')) : {},
    addresses: order.addresses,
    charges: order.charges.map((c) => c.fields),
    customFields,
  };
}

export function journalsView(data: SimData): Array<Record<string, unknown>> {
  return Object.values(data.journals).map((j) => ({ KEY1: j.KEY1, INTN: j.INTN, DESC: j.DESC, DIVI: j.DIVI, status: j.status, errors: j.errors, lines: j.lines.map((l) => ({ LINE: l.LINE, ...l.fields })) }));
}

export function applyItems(data: SimData, body: z.infer<typeof ItemsBodySchema>): void {
  for (const item of body) {
    data.items[item.ITNO] = { ITNO: item.ITNO, ITDS: item.ITDS, STAT: item.STAT };
    for (const whlo of item.warehouses ?? data.warehouses) {
      if (!data.warehouses.includes(whlo)) data.warehouses.push(whlo);
      connect(data, whlo, item.ITNO);
    }
  }
}

/** A balance row replaces that location's stock and connects the item to the warehouse. */
export function applyBalances(data: SimData, body: z.infer<typeof BalancesBodySchema>): void {
  for (const b of body) {
    putLocation(data, { ITNO: b.ITNO, WHLO: b.WHLO, WHSL: b.WHSL, STQT: b.STQT, ALQT: b.ALQT, allocatable: b.allocatable });
    if (!data.warehouses.includes(b.WHLO)) data.warehouses.push(b.WHLO);
  }
}

export function applyAliases(data: SimData, body: z.infer<typeof AliasesBodySchema>): void {
  for (const a of body) {
    data.aliases = data.aliases.filter((x) => !(x.ALWT === a.ALWT && x.POPN === a.POPN && x.ALWQ === a.ALWQ));
    data.aliases.push({ ALWT: a.ALWT, ALWQ: a.ALWQ, POPN: a.POPN, ITNO: a.ITNO });
  }
}

export function applyCustomers(data: SimData, body: z.infer<typeof CustomersBodySchema>): void {
  for (const c of body) {
    const fields = Object.fromEntries(Object.entries(c).filter((e): e is [string, string] => e[1] !== undefined));
    data.customers[c.CUNO] = { ...data.customers[c.CUNO], ...fields, CUNO: c.CUNO, CUNM: c.CUNM || data.customers[c.CUNO]?.CUNM || '', STAT: c.STAT };
  }
}

/** Moves an order or one line along the status chain (e.g. 44 picked) so cancellation rules can be exercised. */
export function applyOrderStatus(data: SimData, body: z.infer<typeof OrderStatusBodySchema>): boolean {
  const order = data.orders[body.ORNO];
  if (!order) return false;
  const lines = body.PONR === undefined ? order.lines : order.lines.filter((l) => l.PONR === String(Number(body.PONR)));
  if (lines.length === 0) return false;
  for (const line of lines) line.ORST = body.ORST;
  const statuses = order.lines.map((l) => l.ORST).sort();
  order.head.ORSL = statuses[0];
  order.head.ORST = statuses[statuses.length - 1];
  order.STAT = order.head.ORST;
  return true;
}

export function applyGlTemplates(templates: Map<string, GlTemplate>, body: z.infer<typeof GlTemplatesBodySchema>): void {
  for (const t of body) templates.set(t.INTN, t);
}
