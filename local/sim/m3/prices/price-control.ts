/**
 * The sandbox's price control routes: `POST /_sim/prices` (`[{"PRRF","CUCD","ITNO","SAPR","FVDT"}]`) adds or changes
 * lines, `DELETE /_sim/prices` (`[{"PRRF","CUCD","ITNO","FVDT"}]`) deletes lines as OIS017 lets a user delete a line of a
 * price-list version (a version without lines is gone), and `GET /_sim/prices` lists them.
 */
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

export const PriceLinesBodySchema = z.array(z.object({
  PRRF: z.string().min(1).max(10),
  CUCD: z.string().regex(/^[A-Z]{3}$/),
  ITNO: z.string().min(1).max(15),
  FVDT: Text.transform((s) => s.replace(/-/g, '')).refine((s) => /^\d{8}$/.test(s), 'FVDT must be a date YYYYMMDD'),
}));

export interface PriceControlAnswer { status: number; body: unknown; changed: boolean }

/** Answers the price routes (`body` already parsed from JSON), or undefined for any other route. */
export function priceControl(data: SimData, method: string, route: string, body: unknown): PriceControlAnswer | undefined {
  if (route !== '/_sim/prices') return undefined;
  if (method === 'GET') return { status: 200, body: Object.values(pricesOf(data).lines), changed: false };
  if (method === 'DELETE') {
    const lines = PriceLinesBodySchema.safeParse(body);
    if (!lines.success) return { status: 400, body: { error: 'invalid body for DELETE /_sim/prices', issues: lines.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, changed: false };
    const held = pricesOf(data).lines;
    let deleted = 0;
    for (const l of lines.data) {
      const key = priceKey(l);
      if (held[key] === undefined) continue;
      delete held[key];
      deleted += 1;
    }
    return { status: 200, body: { deleted }, changed: deleted > 0 };
  }
  if (method !== 'POST') return undefined;
  const parsed = PricesBodySchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: 'invalid body for /_sim/prices', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, changed: false };
  const lines = pricesOf(data).lines;
  for (const p of parsed.data) lines[priceKey(p)] = { PRRF: p.PRRF, CUCD: p.CUCD, FVDT: p.FVDT, ITNO: p.ITNO, SAPR: new Decimal(p.SAPR).toFixed() };
  return { status: 200, body: { count: parsed.data.length }, changed: true };
}
