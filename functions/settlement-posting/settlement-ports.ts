/** What posting one settlement needs from the outside world; the activities bind these to the real connectors. */
import type { ClaimResult, ParkInput } from '../../connectors/storage';
import type { Report } from '../../connectors/amazon';
import type { SettlementMapping } from '../../core/settlement';
import type { SettlementPostingPort } from './settlement-posting-store';
import type { FlowSwitches } from '../runtime/flow-switches';

export type MiRecord = Record<string, string>;

export interface SettlementPorts {
  /** The claim-checked report text (UTF-8). */
  readReport(reference: string): Promise<string>;
  /** One M3 MI transaction (GLS840MI, ARS040MI, the read-backs and look-ups): NOK raises PermanentError, outages TransientError, refusals AuthError. */
  gl: { execute(program: string, transaction: string, params: Record<string, string>): Promise<MiRecord[]> };
  /** The order links of the order-to-cash flow: Amazon order → M3 order number. */
  orderLinks: { get(sellerId: string, amazonOrderId: string): Promise<{ m3OrderNumber: string } | undefined> };
  idempotency: { claim(scope: string, key: string, note?: string): Promise<ClaimResult>; release(scope: string, key: string): Promise<void> };
  postings: SettlementPostingPort;
  parked: { park(input: ParkInput): Promise<unknown>; setStatus(flow: string, id: string, status: 'parked' | 'redriven' | 'resolved', note?: string): Promise<unknown> };
  counters: { increment(flow: string, outcome: string): Promise<void> };
  /**
   * The credits the refund-credit flow booked per Amazon order (its ledger), while that flow is on; absent otherwise,
   * and then a refund reduces its order's payment instead of being applied against a credit.
   */
  refundCredits?: { enabled(): Promise<boolean>; list(sellerId: string, amazonOrderId: string): Promise<Array<{ refundId: string; creditOrder: string; amount: string }>> };
  /** The settlement mapping with `mode` resolved (cash-application when the app creates orders in M3). */
  settlementMapping(): Promise<SettlementMapping>;
  switches: FlowSwitches;
}

export interface ReportFetchPorts {
  getReport(sellerId: string, reportId: string, marketplaceId?: string): Promise<Report>;
  /** getReportDocument + download (+ gunzip when Amazon says GZIP). */
  downloadReportDocument(sellerId: string, reportDocumentId: string, marketplaceId?: string): Promise<Buffer>;
  /** Stores the report text in blob storage; returns the reference the next activity reads. */
  putClaimCheck(content: Buffer): Promise<string>;
  parked: SettlementPorts['parked'];
  counters: SettlementPorts['counters'];
}
