/** What was last sent to and last accepted by Amazon per seller × region × marketplace group × SKU (deltas, reconcile). */
import type { TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { TableAccess } from '../../connectors/storage';
import { storageError } from '../../connectors/storage/table-access';
import { groupFilter, partitionOf, rowOf, submitInBatches } from './inventory-table-rows';
import { TABLES } from './names';

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
/** Fields to merge into a SKU's row; those left out keep their value. */
export type SkuStateUpdate = { sku: string } & Partial<Omit<SkuState, 'sku'>>;

export interface SkuStates {
  list(sellerId: string, region: string, group: string): Promise<Map<string, SkuState>>;
  /** Merges the given fields into each SKU's row (fields left out keep their value). */
  merge(sellerId: string, region: string, group: string, updates: readonly SkuStateUpdate[]): Promise<void>;
}

export class SkuQuantityStateStore implements SkuStates {
  constructor(private readonly tables: TableAccess, private readonly tableName: string = TABLES.state) {}

  async list(sellerId: string, region: string, group: string): Promise<Map<string, SkuState>> {
    const table = await this.tables.table(this.tableName);
    const states = new Map<string, SkuState>();
    try {
      for await (const raw of table.listEntities({ queryOptions: { filter: groupFilter(partitionOf(sellerId, region), group) } })) {
        const state = SkuStateSchema.parse(raw);
        states.set(state.sku, state);
      }
    } catch (error) {
      throw storageError(error, 'read inventory states');
    }
    return states;
  }

  async merge(sellerId: string, region: string, group: string, updates: readonly SkuStateUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const table = await this.tables.table(this.tableName);
    const partitionKey = partitionOf(sellerId, region);
    const actions = updates.map((u): TransactionAction => {
      const fields = Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined));
      return ['upsert', { ...fields, partitionKey, rowKey: rowOf(group, u.sku) }, 'Merge'];
    });
    await submitInBatches(table, actions, 'record inventory states');
  }
}
