/** The `/_sim/` control surface of the M3 simulator (ARCHITECTURE §3.5): seed items, balances, aliases; inspect orders, journals, stats; faults; reset. */
import { z } from 'zod';
import { balanceKey, type CustomerOrder, type Fields, type SimData } from './m3-sim-state';
import { decimalText } from './mi-handler';
import { FaultConfigSchema } from './sim-faults';
import type { GlTemplate } from './gl-templates';

const Text = z.union([z.string(), z.number()]).transform(String);
const Quantity = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]).transform((v) => decimalText(v));

export const ItemsBodySchema = z.array(z.object({ ITNO: z.string().min(1).max(15), ITDS: z.string().default(''), STAT: Text.default('20') }));
export const BalancesBodySchema = z.array(z.object({ ITNO: z.string().min(1).max(15), WHLO: z.string().min(1).max(3), STQT: Quantity, ALQT: Quantity.default('0') }));
export const AliasesBodySchema = z.array(z.object({ ALWT: Text, ALWQ: z.string().default(''), POPN: z.string().min(1).max(30), ITNO: z.string().min(1).max(15) }));
export const CustomersBodySchema = z.array(z.object({ CUNO: z.string().min(1).max(10), CUNM: z.string().default(''), STAT: Text.default('20') }).catchall(z.string()));
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
    lines: order.lines.map((l) => ({ PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, ORQT: l.ORQT, SAPR: l.SAPR, WHLO: l.WHLO, ORST: l.ORST, ALQT: l.ALQT, CUPO: l.fields.CUPO ?? '' })),
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
  for (const item of body) data.items[item.ITNO] = { ITNO: item.ITNO, ITDS: item.ITDS, STAT: item.STAT };
}

export function applyBalances(data: SimData, body: z.infer<typeof BalancesBodySchema>): void {
  for (const b of body) {
    data.balances[balanceKey(b.WHLO, b.ITNO)] = { ITNO: b.ITNO, WHLO: b.WHLO, STQT: b.STQT, ALQT: b.ALQT };
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
  for (const c of body) data.customers[c.CUNO] = { ...data.customers[c.CUNO], ...c };
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
