// Public surface of the settlement core: V2 flat-file parsing, aggregation to GL lines, GLS840MI posting plans.
export { SettlementMappingSchema, SettlementRuleSchema, ParmFieldSchema, type SettlementMapping, type SettlementRule, type ParmField } from './settlement-mapping';
export { parseSettlementReport, type SettlementReport, type SettlementLine, type ParseSettlementOptions } from './settlement-report';
export {
  aggregateSettlement,
  type SettlementAggregate, type GlLine, type SettlementGroup, type UnmappedCombination, type SettlementAlert,
} from './settlement-aggregate';
export { planGlPosting, batchKeyForSettlement, type GlPostingPlan, type MiCall, type PlanGlPostingOptions } from './gl-posting-plan';
export { buildParm } from './gl-parm';
export {
  planCashApplication, ordersToLookUp, refundOrdersToLookUp, isOrderAmount,
  type CashApplication, type OrderInvoice, type PaymentLine, type PaymentCharge, type UnappliedAmount,
} from './cash-application-plan';
export {
  matchRefundCredits, refundGroups, isRefundRow, REFUND_TRANSACTION_TYPE, type RefundCredit, type RefundGroup, type RefundMatch,
} from './refund-application';
export { planPaymentBatch, paymentBatchId, type PaymentBatchPlan, type PaymentMiCall } from './payment-batch-plan';
export { settlementModeOf, doubleBookingProblems, type SettlementMode } from './settlement-mode';
