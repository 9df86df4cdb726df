/** Public surface of the order core: Amazon order schemas, canonical order, summary and plan. */
export * from './amazon-order-2026';
export { V0OrderSchema, V0OrderItemSchema, V0OrderCaptureSchema, type V0Order, type V0OrderItem, type V0OrderCapture } from './amazon-order-v0';
export { CanonicalOrderSchema, type CanonicalOrder, type CanonicalLine, type OrderStatus, type FulfillmentChannel, type ShipTo } from './canonical-order';
export { toCanonicalOrder, canonicalOrderOf2026, readGetOrderBody } from './read-canonical-order';
export { OrderInputError } from './order-input-error';
export { summarizeOrder, OrderSummarySchema, type OrderSummary } from './order-summary';
export { planOrder, m3Date, type PlanOrderOptions } from './plan-order';
export { decideOrderAction, type OrderDecision } from './order-action';
export { toMiCalls, createCalls, renderOrderPlan, batchEntries, type BatchEntry, CHARGE_KINDS, type ChargeKind, type StructuredOrderPlan, type PlannedCreate, type PlannedLine, type PlannedHeadCharge } from './structured-order-plan';
export { OrderPlanSchema, M3CallSchema, BLOCKING_ISSUE_CODES, isBlockingIssue, blockingIssues, type OrderPlan, type M3Call, type PlanIssue, type PlanAction } from './order-plan';
export { shipmentReporting, type ShipmentReporting } from './shipment-reporting';
