/** What was last sent to and last accepted by Amazon per seller × region × marketplace group × SKU (deltas, reconcile); one blob document per group. */
import { z } from 'zod';
import { segment, type BlobDocuments } from './blob-json-document';

export const SkuStateSchema = z.object({
  sku: z.string(),
  itemNumber: z.string().default(''),
  sent: z.number().int().optional(),
  sentAt: z.string().optional(),
  feedId: z.string().optional(),
  accepted: z.number().int().optional(),
  acceptedAt: z.string().optional(),
  /** Amazon's issue code of the last rejected value; empty once a value is accepted again. */
  error: z.string().optional(),
});
export type SkuState = z.infer<typeof SkuStateSchema>;
/** Fields to merge into a SKU's state; those left out keep their value. */
export type SkuStateUpdate = { sku: string } & Partial<Omit<SkuState, 'sku'>>;

const StateDocumentSchema = z.object({ skus: z.record(SkuStateSchema) });
type StateDocument = z.infer<typeof StateDocumentSchema>;
const empty = (): StateDocument => ({ skus: {} });

export interface SkuStates {
  list(sellerId: string, region: string, group: string): Promise<Map<string, SkuState>>;
  merge(sellerId: string, region: string, group: string, updates: readonly SkuStateUpdate[]): Promise<void>;
}

export class SkuQuantityStateStore implements SkuStates {
  constructor(private readonly blobs: BlobDocuments, private readonly prefix = 'state') {}

  private name(sellerId: string, region: string, group: string): string {
    return `${this.prefix}/${segment(sellerId)}/${segment(region)}/${segment(group)}.json`;
  }

  async list(sellerId: string, region: string, group: string): Promise<Map<string, SkuState>> {
    const { value } = await this.blobs.read(this.name(sellerId, region, group), StateDocumentSchema, empty);
    return new Map(Object.entries(value.skus));
  }

  async merge(sellerId: string, region: string, group: string, updates: readonly SkuStateUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.blobs.update(this.name(sellerId, region, group), StateDocumentSchema, empty, (doc) => {
      for (const u of updates) {
        const fields = Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined));
        doc.skus[u.sku] = SkuStateSchema.parse({ ...doc.skus[u.sku], ...fields });
      }
      return true;
    });
  }
}
