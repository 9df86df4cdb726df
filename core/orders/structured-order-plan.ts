/**
 * The order plan as the app uses it: each M3 call in its place (the customer, the head, each line with its own line
 * charges, the head charges, the ship-to address, Confirm and the custom fields), so whoever executes it never has to
 * find a call again by its transaction name or by where it stands in a list. `toMiCalls` renders it as the flat list of
 * the contract (docs/contracts.md, Order plan JSON), which `m3sync plan-order` prints.
 */
import { OrderPlanSchema, type M3Call, type OrderPlan, type PlanAction, type PlanIssue } from './order-plan';

/** The Amazon charges a mapping can send to M3 as a line of its own or a head charge, in the order they are planned. */
export const CHARGE_KINDS = ['shipping', 'giftWrap'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** One OIS100MI.AddBatchLine and the AddBatchLineChg calls on it (sent with that line's PONR/POSX once M3 numbered it). */
export interface PlannedLine {
  line: M3Call;
  charges: M3Call[];
  /** The Amazon order item this line orders, by its 1-based position in the order (the CUPO it carries). */
  position?: number;
  /** The Amazon charge this line books instead (charge mode `item-line`): a line of its own with a charge item. */
  chargeKind?: ChargeKind;
}

/** One OIS100MI.AddBatchHeadChg: an Amazon charge summed over the order's lines (charge mode `head-charge`). */
export interface PlannedHeadCharge {
  kind: ChargeKind;
  call: M3Call;
}

/**
 * The calls that create the order, each where it belongs. The executor adds what only M3 knows: the temporary order
 * number AddBatchHead returns (every OIS100MI call after it), each line's PONR/POSX (its charges), the real order
 * number from Confirm (the custom fields keyed by ORNO), and the customer CRS610MI.Add returns (the head's CUNO).
 */
export interface PlannedCreate {
  /** CRS610MI.Add of the per-buyer customer; the head then has no CUNO until it answers. */
  customer?: M3Call;
  head: M3Call;
  /** The Amazon order items in order, then the charge item lines. */
  lines: PlannedLine[];
  headCharges: PlannedHeadCharge[];
  /** AddBatchAddress; none for an Amazon-fulfilled order without a ship-to. */
  address?: M3Call;
  confirm: M3Call;
  /** CUSEXTMI.AddFieldValue calls, after Confirm. */
  customFields: M3Call[];
}

export interface StructuredOrderPlan {
  orderId: string;
  action: PlanAction;
  reason: string;
  issues: PlanIssue[];
  /** Only on a `create` that can be made: absent when a blocking issue holds the order. */
  create?: PlannedCreate;
}

/** A line of the batch order or a head charge, as `batchEntries` lists them. */
export type BatchEntry = { line: PlannedLine; headCharge?: undefined } | { line?: undefined; headCharge: PlannedHeadCharge };

/**
 * The lines and head charges in the order they are sent: the Amazon order items' lines, then the order-level charges by
 * charge kind (shipping before gift wrap), each as its charge item line or its head charge.
 */
export function batchEntries(create: PlannedCreate): BatchEntry[] {
  const kindOf = (entry: BatchEntry): number => CHARGE_KINDS.indexOf((entry.line?.chargeKind ?? entry.headCharge?.kind) as ChargeKind);
  const orderLevel: BatchEntry[] = [
    ...create.lines.filter((l) => l.chargeKind !== undefined).map((line) => ({ line })),
    ...create.headCharges.map((headCharge) => ({ headCharge })),
  ].sort((a, b) => kindOf(a) - kindOf(b));
  return [...create.lines.filter((l) => l.chargeKind === undefined).map((line) => ({ line })), ...orderLevel];
}

/** The flat call list of the contract for a plan: its create calls, or none. */
export function toMiCalls(plan: StructuredOrderPlan): M3Call[] {
  return plan.create === undefined ? [] : createCalls(plan.create);
}

/**
 * The create calls in the contract's order: customer, head, the lines each followed by its own charges and the head
 * charges (`batchEntries`), the address, Confirm and the custom fields.
 */
export function createCalls(create: PlannedCreate): M3Call[] {
  return [
    ...(create.customer === undefined ? [] : [create.customer]),
    create.head,
    ...batchEntries(create).flatMap((e) => (e.line === undefined ? [e.headCharge.call] : [e.line.line, ...e.line.charges])),
    ...(create.address === undefined ? [] : [create.address]),
    create.confirm,
    ...create.customFields,
  ];
}

/** The plan as the contract's JSON (docs/contracts.md, Order plan JSON). */
export function renderOrderPlan(plan: StructuredOrderPlan): OrderPlan {
  return OrderPlanSchema.parse({ orderId: plan.orderId, action: plan.action, reason: plan.reason, calls: toMiCalls(plan), issues: plan.issues });
}
