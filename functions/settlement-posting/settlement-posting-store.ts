/**
 * Posting records per settlement id in Table Storage: what was (or would be) posted, its status and M3 batch key.
 * The lookup half of the settlement id's idempotency, and what `m3sync settlement show` reads through the ops endpoint.
 */
import { z } from 'zod';
import { isStatus, storageError, tableKey, type TableAccess } from '../../connectors/storage';
import { bodyProperties, bodyText } from '../../connectors/storage';

const GlLineViewSchema = z.object({
  account: z.string(),
  dimensions: z.record(z.string()).default({}),
  currency: z.string(),
  /** Debit-positive, 2 decimals (the journal's own sign rule is applied only when the MI calls are built). */
  amount: z.string(),
  text: z.string(),
  source: z.enum(['rule', 'suspense', 'clearing', 'unapplied']),
  marketplace: z.string().optional(),
});

export const SettlementPostingSchema = z.object({
  settlementId: z.string(),
  status: z.enum(['posting', 'posted', 'parked', 'failed', 'dry-run']),
  key1: z.string().default(''),
  sellerId: z.string().default(''),
  reportId: z.string().default(''),
  instanceId: z.string().default(''),
  currency: z.string().default(''),
  totalAmount: z.string().default(''),
  difference: z.string().default('0.00'),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  depositDate: z.string().optional(),
  lines: z.array(GlLineViewSchema).default([]),
  totalsByAccount: z.record(z.string()).default({}),
  unmapped: z.array(z.object({
    transactionType: z.string(), amountType: z.string(), amountDescription: z.string(), marketplace: z.string(), currency: z.string(), amount: z.string(),
  })).default([]),
  alerts: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
  reason: z.string().default(''),
  message: z.string().default(''),
  /** Cash application: the accounting model, the ARS040 payment batch, its lines, charges, and order amounts left unapplied. */
  mode: z.enum(['cash-application', 'gl-only']).default('gl-only'),
  pbid: z.string().default(''),
  /** Per receipt order the settlement rows it sums; a refund's names its adjustment, refund and M3 credit order (ORNO). */
  payments: z.array(z.object({
    orderId: z.string(), ORNO: z.string(), CUNO: z.string(), CINO: z.string(), INYR: z.string(), amount: z.string(),
    rows: z.array(z.number()).default([]),
    refund: z.object({ adjustmentId: z.string(), refundId: z.string(), creditOrder: z.string() }).optional(),
  })).default([]),
  charges: z.array(z.object({ chargeId: z.string(), vatCode: z.string().optional(), amount: z.string(), description: z.string() })).default([]),
  /** Orders not invoiced yet (`order`) and refunds without a credit note yet (`refund`, with why), for finance to allocate. */
  unapplied: z.array(z.object({
    orderId: z.string(), ORNO: z.string(), CUNO: z.string(), amount: z.string(), rows: z.array(z.number()).default([]),
    kind: z.enum(['order', 'refund']).default('order'), adjustmentId: z.string().optional(), creditOrder: z.string().optional(), why: z.string().optional(),
  })).default([]),
  updatedAt: z.string().default(''),
});
export type SettlementPosting = z.infer<typeof SettlementPostingSchema>;

export interface SettlementPostingPort {
  get(settlementId: string): Promise<SettlementPosting | undefined>;
  save(posting: SettlementPosting): Promise<void>;
}

interface PostingEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  status: string;
}

export class SettlementPostingStore implements SettlementPostingPort {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'settlementpostings') {}

  async get(settlementId: string): Promise<SettlementPosting | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<PostingEntity>('settlement', tableKey(settlementId));
      return SettlementPostingSchema.parse(JSON.parse(bodyText(entity)));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read settlement posting ${settlementId}`);
    }
  }

  async save(posting: SettlementPosting): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const body = JSON.stringify({ ...posting, updatedAt: new Date().toISOString() });
    try {
      // A settlement of many fee types outgrows one 64 KiB property: the body is split over several (table-json-body.ts).
      await table.upsertEntity({ partitionKey: 'settlement', rowKey: tableKey(posting.settlementId), ...bodyProperties(body), status: posting.status }, 'Replace');
    } catch (error) {
      throw storageError(error, `save settlement posting ${posting.settlementId}`);
    }
  }
}
