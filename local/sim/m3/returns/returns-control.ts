/**
 * The sandbox's returns control routes: `GET /_sim/returns` lists OIS390 customer returns (`kind: "return"`) and
 * confirmed credit orders that refer to an original invoice (`kind: "credit"`) as
 * `[{"number","kind","ORNO","CUOR","lines":[{"ITNO","QTY","AMOUNT"}]}]` (ORNO = the original customer order);
 * `POST /_sim/order-types` (`[{"ORTP","ORTK"}]`) adds order types with their OIS010 category (2 = credit order).
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import type { SimData } from '../m3-sim-state';
import { financeOf, invoiceKey } from '../finance/finance-state';
import { returnsOf } from './returns-state';

export interface ControlAnswer { status: number; body: unknown; changed: boolean }

const OrderTypesSchema = z.array(z.object({ ORTP: z.string().min(1).max(3), ORTK: z.string().length(1) }));

const money = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

function returnsView(data: SimData): unknown[] {
  const returns = Object.values(returnsOf(data).returns).map((r) => ({
    number: r.REPN, kind: 'return', WHLO: r.WHLO, ORNO: r.ORNO, CUOR: data.orders[r.ORNO]?.CUOR ?? '', RSCD: r.head.RSCD ?? '', YREF: r.head.YREF ?? '',
    lines: r.lines.map((l) => ({ ITNO: l.ITNO, PONR: l.PONR, QTY: l.REQ0, AMOUNT: money(new Decimal(l.REQ0).times(l.SAPR || '0')), WHSL: l.fields.WHSL ?? '', RSCD: l.fields.RSCD ?? '' })),
  }));
  const invoices = financeOf(data).invoices;
  const credits = Object.values(data.orders).filter((o) => o.head.OIVR).map((o) => {
    const original = invoices[invoiceKey(o.head.OIVR ?? '', String(Number(o.head.OYEA || '0')))];
    return {
      number: o.ORNO, kind: 'credit', ORTP: o.ORTP, ORNO: original?.ORNO ?? '', CUOR: o.CUOR, OIVR: o.head.OIVR ?? '', OYEA: o.head.OYEA ?? '',
      lines: o.lines.map((l) => ({ ITNO: l.ITNO, PONR: l.PONR, QTY: l.ORQT, AMOUNT: money(new Decimal(l.ORQT).times(l.SAPR || '0')) })),
    };
  });
  return [...returns, ...credits];
}

export function returnsControl(data: SimData, method: string, route: string, body: unknown): ControlAnswer | undefined {
  if (method === 'GET' && route === '/_sim/returns') return { status: 200, body: returnsView(data), changed: false };
  if (method === 'POST' && route === '/_sim/order-types') {
    const parsed = OrderTypesSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: 'invalid body for /_sim/order-types', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, changed: false };
    const categories = returnsOf(data).orderCategories;
    for (const t of parsed.data) {
      if (!data.orderTypes.includes(t.ORTP)) data.orderTypes.push(t.ORTP);
      categories[t.ORTP] = t.ORTK;
    }
    return { status: 200, body: { count: parsed.data.length }, changed: true };
  }
  return undefined;
}
