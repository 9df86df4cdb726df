/**
 * The simulator's customer returns (OIS390) and order-type categories (OIS010), kept beside the rest of SimData under
 * `returns` and created on first use, so state files written before it existed still load.
 */
/** MI field values by name (the same shape as m3-sim-state's Fields; not imported, as m3-sim-state seeds from here). */
type Fields = Record<string, string>;

/** One customer return line: advised quantity REQ0 at status 11 'advised' (the sandbox never receives or inspects). */
export interface SimReturnLine { RELI: string; ITNO: string; PONR: string; POSX: string; REQ0: string; SAPR: string; REST: string; fields: Fields }

export interface SimReturn {
  WHLO: string;
  REPN: string;
  /** The customer order the return refers to (RORN), blank for a return without one. */
  ORNO: string;
  CUNO: string;
  head: Fields;
  lines: SimReturnLine[];
}

export interface ReturnsData {
  returns: Record<string, SimReturn>;
  /** OIS010 customer order category per order type (1 normal, 2 credit order, 6 adjustment order …); absent = 1. */
  orderCategories: Record<string, string>;
  counters: { receiving: number };
}

export function returnsOf(data: object): ReturnsData {
  const holder = data as { returns?: ReturnsData };
  holder.returns ??= { returns: {}, orderCategories: {}, counters: { receiving: 0 } };
  return holder.returns;
}

export function returnKey(whlo: string, repn: string): string {
  return `${whlo}\u0000${String(Number(repn))}`;
}

/** Category 2 'credit order': its lines carry negative quantities only (quantity sign OT11 'only negative'). */
export function isCreditOrderType(data: object, ortp: string): boolean {
  return returnsOf(data).orderCategories[ortp] === '2';
}
