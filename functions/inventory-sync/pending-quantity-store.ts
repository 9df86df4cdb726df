/**
 * The coalescing buffer (docs/design.md, Inventory sync): the latest quantity per seller × region × marketplace group × SKU waiting
 * for a feed, one blob document per group. A later write of the same SKU replaces the earlier one, so a burst of
 * changes becomes one message.
 */
import { z } from 'zod';
import type { SkuQuantity } from './channel-quantities';
import { segment, type BlobDocuments } from './blob-json-document';

const PendingDocumentSchema = z.object({ skus: z.record(z.object({ itemNumber: z.string(), quantity: z.number().int().nonnegative() })) });
type PendingDocument = z.infer<typeof PendingDocumentSchema>;
const empty = (): PendingDocument => ({ skus: {} });

export interface PendingGroup {
  group: string;
  rows: SkuQuantity[];
}

export interface PendingQuantities {
  put(sellerId: string, region: string, group: string, rows: readonly SkuQuantity[]): Promise<void>;
  /** The first marketplace group with pending SKUs in seller × region, at most `max` of its rows (SKU order). */
  firstGroup(sellerId: string, region: string, max: number): Promise<PendingGroup | undefined>;
  list(sellerId: string, region: string, group: string): Promise<Map<string, SkuQuantity>>;
  /** Removes SKUs still holding the quantity that was sent; a newer value written meanwhile stays for the next feed. */
  removeSent(sellerId: string, region: string, group: string, sent: readonly SkuQuantity[]): Promise<void>;
}

export class PendingQuantityStore implements PendingQuantities {
  constructor(private readonly blobs: BlobDocuments, private readonly prefix = 'pending') {}

  private regionPrefix(sellerId: string, region: string): string {
    return `${this.prefix}/${segment(sellerId)}/${segment(region)}/`;
  }

  private name(sellerId: string, region: string, group: string): string {
    return `${this.regionPrefix(sellerId, region)}${segment(group)}.json`;
  }

  async put(sellerId: string, region: string, group: string, rows: readonly SkuQuantity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.blobs.update(this.name(sellerId, region, group), PendingDocumentSchema, empty, (doc) => {
      for (const r of rows) doc.skus[r.sku] = { itemNumber: r.itemNumber, quantity: r.quantity };
      return true;
    });
  }

  async firstGroup(sellerId: string, region: string, max: number): Promise<PendingGroup | undefined> {
    const prefix = this.regionPrefix(sellerId, region);
    for (const name of await this.blobs.names(prefix)) {
      const group = decodeURIComponent(name.slice(prefix.length, -'.json'.length));
      const rows = [...(await this.list(sellerId, region, group)).values()];
      if (rows.length > 0) return { group, rows: rows.slice(0, max) };
    }
    return undefined;
  }

  async list(sellerId: string, region: string, group: string): Promise<Map<string, SkuQuantity>> {
    const { value } = await this.blobs.read(this.name(sellerId, region, group), PendingDocumentSchema, empty);
    return new Map(Object.keys(value.skus).sort().map((sku) => [sku, { sku, itemNumber: value.skus[sku]!.itemNumber, quantity: value.skus[sku]!.quantity }]));
  }

  async removeSent(sellerId: string, region: string, group: string, sent: readonly SkuQuantity[]): Promise<void> {
    if (sent.length === 0) return;
    await this.blobs.update(this.name(sellerId, region, group), PendingDocumentSchema, empty, (doc) => {
      let changed = false;
      for (const s of sent) {
        if (doc.skus[s.sku]?.quantity === s.quantity) {
          delete doc.skus[s.sku];
          changed = true;
        }
      }
      return changed;
    });
  }
}
