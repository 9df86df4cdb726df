/** What a simulated transaction receives (validated input, context) and returns (records), plus shared value rules. */
import Decimal from 'decimal.js';
import type { Fields, SimData } from './m3-sim-state';
import type { GlTemplate } from './gl-templates';
import { MiNok } from './mi-nok';

export interface MiCall {
  program: string;
  transaction: string;
  params: Fields;
  cono: string;
  divi: string;
}

export interface SimContext {
  data: SimData;
  now(): Date;
  glTemplates: Map<string, GlTemplate>;
  /** Allocate stock on Confirm when the warehouse balance covers the line (line status 33, else 22). */
  autoAllocate: boolean;
  /** > 0: Confirm hands the release to a batch job that finishes this much later (a fault setting). */
  confirmDelayMs: number;
  /** SearchHead's index only knows orders older than this (a fault setting). */
  searchLagMs: number;
}

export type MiHandler = (call: MiCall, ctx: SimContext) => Fields[];
export type MiHandlers = Record<string, MiHandler>;

/** Quantities and prices travel as decimal text with `.` (docs/m3-facts.md, Field lengths and formats); answers carry no trailing zeros. */
export function decimalText(value: Decimal.Value): string {
  return new Decimal(value).toFixed();
}

export function decimalParam(params: Fields, name: string, fallback = '0'): Decimal {
  const raw = params[name] ?? fallback;
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) throw new MiNok(`${name} must be a decimal number with '.', got ${JSON.stringify(raw.slice(0, 40))}`, { code: 'NOT_NUMERIC', field: name });
  return new Decimal(raw.trim());
}

export function ymd8(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

export function notFound(what: string, field: string, value: string): MiNok {
  return new MiNok(`${what} ${value} does not exist`, { code: 'NOT_FOUND', field });
}
