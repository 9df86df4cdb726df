/**
 * What operations show of an orchestration instance: status, times, custom status, last error and a reference to its
 * source document. Inputs are never echoed whole (other flows' inputs may hold canonical documents); only the id-like
 * fields below are picked, so nothing personal reaches the API, the CLI or the page.
 */
import { z } from 'zod';

export const InstanceStatusSchema = z.object({
  name: z.string().default(''),
  instanceId: z.string(),
  createdTime: z.union([z.string(), z.date()]).transform(iso).default(''),
  lastUpdatedTime: z.union([z.string(), z.date()]).transform(iso).default(''),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  runtimeStatus: z.string(),
  customStatus: z.unknown().optional(),
});
export type InstanceStatus = z.infer<typeof InstanceStatusSchema>;

export interface InstanceView {
  instanceId: string;
  process: string;
  runtimeStatus: string;
  createdTime: string;
  lastUpdatedTime: string;
  customStatus: Record<string, string | number | boolean> | null;
  lastError: string;
  sourceRef: string;
  /** Id-like facts from the input (order id, BOD id, restarted-from …), never the payload. */
  ids: Record<string, string>;
}

function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** Input fields that identify the work without carrying it. */
const ID_FIELDS = ['sellerId', 'amazonOrderId', 'marketplaceId', 'trigger', 'bodId', 'noun', 'documentId', 'shipmentId', 'settlementId', 'reportId', 'feedId', 'sku', 'itemNumber', 'region', 'restartedFrom'] as const;

const ERROR_MAX = 500;

export function instanceView(raw: unknown): InstanceView {
  const status = InstanceStatusSchema.parse(raw);
  const ids = idsOf(status.input);
  return {
    instanceId: status.instanceId,
    process: status.name,
    runtimeStatus: status.runtimeStatus,
    createdTime: status.createdTime,
    lastUpdatedTime: status.lastUpdatedTime,
    customStatus: scalarRecord(status.customStatus),
    lastError: status.runtimeStatus === 'Failed' ? errorText(status.output) : '',
    sourceRef: sourceRefOf(ids, status.instanceId),
    ids,
  };
}

function idsOf(input: unknown): Record<string, string> {
  const record = z.record(z.unknown()).safeParse(input);
  const ids: Record<string, string> = {};
  if (!record.success) return ids;
  for (const field of ID_FIELDS) {
    const value = record.data[field];
    if (typeof value === 'string' || typeof value === 'number') ids[field] = String(value).slice(0, 200);
  }
  // Flows that carry a BOD envelope keep its id there.
  const envelope = z.object({ bodId: z.string().optional(), noun: z.string().optional() }).safeParse(record.data.envelope);
  if (envelope.success) {
    if (envelope.data.bodId && !ids.bodId) ids.bodId = envelope.data.bodId;
    if (envelope.data.noun && !ids.noun) ids.noun = envelope.data.noun;
  }
  return ids;
}

export function sourceRefOf(ids: Record<string, string>, instanceId = ''): string {
  if (ids.amazonOrderId) return `amazon-order:${ids.sellerId ? `${ids.sellerId}:` : ''}${ids.amazonOrderId}`;
  if (ids.bodId) return `bod:${ids.bodId}`;
  if (ids.settlementId) return `settlement:${ids.settlementId}`;
  if (ids.feedId) return `feed:${ids.feedId}`;
  const orderId = /^o2c:([^:]+):(.+)$/.exec(instanceId);
  return orderId ? `amazon-order:${orderId[1]}:${orderId[2]}` : '';
}

/** Only scalar fields of the custom status (outcome, reason, M3 order number …) are shown. */
function scalarRecord(value: unknown): Record<string, string | number | boolean> | null {
  const record = z.record(z.unknown()).safeParse(value);
  if (!record.success) return typeof value === 'string' ? { status: value.slice(0, 200) } : null;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, v] of Object.entries(record.data)) {
    if (typeof v === 'string') out[key] = v.slice(0, 300);
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/** The Durable extension stores a failed instance's error as its output (a message, or an object with one). */
function errorText(output: unknown): string {
  if (typeof output === 'string') return output.slice(0, ERROR_MAX);
  const withMessage = z.object({ message: z.string() }).passthrough().safeParse(output);
  if (withMessage.success) return withMessage.data.message.slice(0, ERROR_MAX);
  return output === undefined || output === null ? '' : JSON.stringify(output).slice(0, ERROR_MAX);
}

const ORDER: Record<string, number> = { Failed: 0, Running: 1, Pending: 2, Suspended: 3, ContinuedAsNew: 4, Terminated: 5, Completed: 6 };

/** Failed first (what needs a person), then the most recently touched. */
export function byUrgency(a: InstanceView, b: InstanceView): number {
  return (ORDER[a.runtimeStatus] ?? 9) - (ORDER[b.runtimeStatus] ?? 9) || b.lastUpdatedTime.localeCompare(a.lastUpdatedTime);
}
