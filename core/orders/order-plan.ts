/** The order plan contract (docs/contracts.md, Order plan JSON): the M3 calls the app would make for one Amazon order. */
import { z } from 'zod';

export const PlanActionSchema = z.enum(['create', 'cancel', 'wait', 'ignore']);

export const M3CallSchema = z.object({
  program: z.string().min(1),
  transaction: z.string().min(1),
  /** MI input fields, all as text (quantities and prices are type A on OIS100MI, docs/m3-facts.md, Field lengths and formats). */
  params: z.record(z.string(), z.string()),
}).strict();

export const PlanIssueSchema = z.object({ code: z.string().min(1), message: z.string() }).strict();

export const OrderPlanSchema = z.object({
  orderId: z.string(),
  action: PlanActionSchema,
  reason: z.string(),
  calls: z.array(M3CallSchema),
  issues: z.array(PlanIssueSchema),
}).strict();

export type PlanAction = z.infer<typeof PlanActionSchema>;
export type M3Call = z.infer<typeof M3CallSchema>;
export type PlanIssue = z.infer<typeof PlanIssueSchema>;
export type OrderPlan = z.infer<typeof OrderPlanSchema>;

/**
 * Issues that stop a `create`: the plan then has no calls and the orchestrator parks the order with the
 * first blocking code as reason (docs/design.md, Order-to-cash step 3). Other issues are warnings the order can carry.
 */
// ADDRESS_TOO_LONG blocks: ship-to text must fit by wrapping, never by dropping words (docs/contracts.md, Order plan JSON), and an
// order shipped to a cut address is worse than one an operator completes by hand.
export const BLOCKING_ISSUE_CODES = ['SKU_NOT_FOUND', 'MARKETPLACE_NOT_MAPPED', 'PRICE_MISSING', 'ADDRESS_MISSING', 'ADDRESS_TOO_LONG', 'NO_LINES', 'FIELD_TOO_LONG', 'TAX_MISSING'] as const;

export function isBlockingIssue(issue: PlanIssue): boolean {
  return (BLOCKING_ISSUE_CODES as readonly string[]).includes(issue.code);
}

export function blockingIssues(plan: { issues: readonly PlanIssue[] }): PlanIssue[] {
  return plan.issues.filter(isBlockingIssue);
}
