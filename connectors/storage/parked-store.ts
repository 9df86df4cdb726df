/**
 * Parked work: items that failed permanently (unknown SKU, M3 NOK on data, Amazon rejection) wait here with their reason
 * and a PII-free source document until an operator fixes the cause and re-drives them (dead-letter channel, docs/design.md, Operations).
 */
import { z } from 'zod';
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';
import { MAX_BODY_CHARS, bodyProperties, bodyText } from './table-json-body';

export const ParkedItemSchema = z.object({
  flow: z.string(),
  id: z.string(),
  reason: z.string(),
  message: z.string(),
  /** What the item came from: `amazon-order:<id>`, `bod:<bodId>`, `settlement:<id>`. */
  sourceRef: z.string(),
  /** The PII-free source (canonical document or order summary), so the item can be re-driven without the original. */
  source: z.unknown().optional(),
  details: z.record(z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** The orchestration waiting for the re-drive, if any. */
  instanceId: z.string().default(''),
  status: z.enum(['parked', 'redriven', 'resolved']),
  firstSeen: z.string(),
  lastSeen: z.string(),
  attempts: z.number().int(),
  note: z.string().default(''),
});
export type ParkedItem = z.infer<typeof ParkedItemSchema>;

export interface ParkInput {
  flow: string;
  id: string;
  reason: string;
  message: string;
  sourceRef: string;
  source?: unknown;
  details?: Record<string, string | number | boolean>;
  instanceId?: string;
}

interface ParkedEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  status: string;
  reason: string;
}

/**
 * The item as stored. A source too large for one entity (a shipment of thousands of lines, a whole feed batch) is
 * replaced by a note naming its size: the item itself — reason, message, sourceRef — must always be recorded.
 */
function storedText(item: ParkedItem): string {
  const text = JSON.stringify(item);
  if (text.length <= MAX_BODY_CHARS) return text;
  const omitted = { omitted: true, why: `the source (${text.length} characters) is too large to keep with the parked item; see sourceRef`, sourceRef: item.sourceRef };
  const slim = JSON.stringify({ ...item, source: omitted });
  if (slim.length <= MAX_BODY_CHARS) return slim;
  // Only a message listing thousands of issues gets here: keep its beginning, which names the first problems.
  return JSON.stringify({ ...item, source: omitted, message: `${item.message.slice(0, 100_000)} … (cut at 100,000 characters)` });
}

export class ParkedStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'parked') {}

  /** Parks an item, or updates the one already parked under the same id (attempts counted, first seen kept). */
  async park(input: ParkInput, now = new Date()): Promise<ParkedItem> {
    const existing = await this.get(input.flow, input.id);
    const item: ParkedItem = {
      flow: input.flow, id: input.id, reason: input.reason, message: input.message, sourceRef: input.sourceRef,
      source: input.source, details: input.details ?? {}, instanceId: input.instanceId ?? existing?.instanceId ?? '',
      status: 'parked', firstSeen: existing?.firstSeen ?? now.toISOString(), lastSeen: now.toISOString(),
      attempts: (existing?.attempts ?? 0) + 1, note: '',
    };
    await this.write(item);
    return item;
  }

  async get(flow: string, id: string): Promise<ParkedItem | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<ParkedEntity>(tableKey(flow), tableKey(id));
      return ParkedItemSchema.parse(JSON.parse(bodyText(entity)));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read parked item ${id}`);
    }
  }

  async list(filter: { flow?: string; reason?: string; status?: ParkedItem['status'] } = {}): Promise<ParkedItem[]> {
    const table = await this.tables.table(this.tableName);
    const clauses: string[] = [];
    if (filter.flow) clauses.push(`PartitionKey eq '${tableKey(filter.flow).replace(/'/g, "''")}'`);
    if (filter.status) clauses.push(`status eq '${filter.status}'`);
    if (filter.reason) clauses.push(`reason eq '${filter.reason.replace(/'/g, "''")}'`);
    const items: ParkedItem[] = [];
    try {
      const query = clauses.length ? { queryOptions: { filter: clauses.join(' and ') } } : undefined;
      for await (const entity of table.listEntities<ParkedEntity>(query)) items.push(ParkedItemSchema.parse(JSON.parse(bodyText(entity))));
    } catch (error) {
      throw storageError(error, 'list parked items');
    }
    return items.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  async setStatus(flow: string, id: string, status: ParkedItem['status'], note = ''): Promise<ParkedItem | undefined> {
    const item = await this.get(flow, id);
    if (!item) return undefined;
    const updated: ParkedItem = { ...item, status, note: note || item.note, lastSeen: new Date().toISOString() };
    await this.write(updated);
    return updated;
  }

  private async write(item: ParkedItem): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      // Replace (not Merge): a shorter body must not leave chunks of a longer earlier one behind.
      await table.upsertEntity({ partitionKey: tableKey(item.flow), rowKey: tableKey(item.id), ...bodyProperties(storedText(item)), status: item.status, reason: item.reason }, 'Replace');
    } catch (error) {
      throw storageError(error, `park item ${item.id}`);
    }
  }
}
