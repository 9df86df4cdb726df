/** Names of the refunds-and-returns functions; both sweeps run on a timer and on demand. */
export const REFUND_SWEEP = 'refund-sweep';
export const RETURNS_SWEEP = 'returns-sweep';
/** Flow names for switches (pause), parked items and the ops summary. */
export const REFUND_FLOW = 'refund-credit';
export const RETURN_FLOW = 'customer-return';
/** The merchant (seller-fulfilled) returns report, by return date. */
export const MERCHANT_RETURNS_REPORT_TYPE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
/** Items buyers returned to an Amazon fulfillment center (FBA orders). */
export const FBA_RETURNS_REPORT_TYPE = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
export const REFUND_CURSOR_PREFIX = 'refund-transactions';
export const RETURNS_CURSOR_PREFIX = 'returns-reports';
