/** The sandbox's price control routes: `POST /_sim/prices` (`[{"PRRF","CUCD","ITNO","SAPR","FVDT"}]`) and `GET /_sim/prices`. */
import Decimal from 'decimal.js';
import { z } from 'zod';
import type { SimData } from '../m3-sim-state';
import { pricesOf, priceKey } from './price-state';

const Text = z.union([z.string(), z.number()]).transform(String);

/** FVDT as YYYYMMDD or YYYY-MM-DD; SAPR a decimal with '.', at most 6 decimals as in M3's N19 price fields (17.6 inferred). */
export const PricesBodySchema = z.array(z.object({
  PRRF: z.string().min(1).max(10),
  CUCD: z.string().regex(/^[A-Z]{3}$/),
  ITNO: z.string().min(1).max(15),
  SAPR: Text.refine((s) => /^\d{1,13}(\.\d{1,6})?$/.test(s), 'SAPR must be a non-negative decimal with "." and at most 6 decimals'),
  FVDT: Text.transform((s) => s.replace(/-/g, '')).refine((s) => /^\d{8}$/.test(s), 'FVDT must be a date YYYYMMDD'),
}));

export interface PriceControlAnswer { status: number; body: unknown; changed: boolean }

/** Answers the price routes (`body` already parsed from JSON), or undefined for any other route. */
export function priceControl(data: SimData, method: string, route: string, body: unknown): PriceControlAnswer | undefined {
  if (route !== '/_sim/prices') return undefined;
  if (method === 'GET') return { status: 200, body: Object.values(pricesOf(data).lines), changed: false };
  if (method !== 'POST') return undefined;
  const parsed = PricesBodySchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: 'invalid body for /_sim/prices', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, changed: false };
  const lines = pricesOf(data).lines;
  for (const p of parsed.data) lines[priceKey(p)] = { PRRF: p.PRRF, CUCD: p.CUCD, FVDT: p.FVDT, ITNO: p.ITNO, SAPR: new Decimal(p.SAPR).toFixed() };
  return { status: 200, body: { count: parsed.data.length }, changed: true };
}
