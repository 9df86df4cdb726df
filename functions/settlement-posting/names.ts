/** Names of the settlement-posting functions and events; instance ids derive from seller + report id (a second start is a no-op). */
export const SETTLEMENT_POSTING = 'settlement-posting';
/** The flow name for switches (pause / dry run), parked items and counters. */
export const SETTLEMENT_FLOW = 'settlement-posting';
export const FETCH_REPORT_ACTIVITY = 'settlement-fetch-report';
export const POST_SETTLEMENT_ACTIVITY = 'settlement-post';
export const SETTLEMENT_SWEEP = 'settlement-sweep';
export const REDRIVE_EVENT = 'redrive';
/** Idempotency scope of settlement ids (docs/design.md, Error policy). */
export const SETTLEMENT_IDEMPOTENCY_SCOPE = 'settlement';

/** Amazon generates this report once per settlement period; it cannot be requested (docs/amazon-facts.md, Settlement reports). */
export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

export function settlementInstanceId(sellerId: string, reportId: string): string {
  return `settle:${sellerId}:${reportId}`;
}
