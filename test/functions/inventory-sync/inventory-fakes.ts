/** In-memory fakes of the inventory ports (buffer, states, claim checks, parked items, Amazon feeds) for unit specs. */
import { loadMappings } from '../../../core/mapping/load-mappings';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import type { ParkInput, ParkedItem } from '../../../connectors/storage';
import type { SkuQuantity } from '../../../functions/inventory-sync/channel-quantities';
import type { FeedClient, FlushPorts } from '../../../functions/inventory-sync/flush-steps';
import type { PendingQuantities } from '../../../functions/inventory-sync/pending-quantity-store';
import type { SkuState, SkuStates, SkuStateUpdate } from '../../../functions/inventory-sync/sku-quantity-state-store';

export function testMappings(inventory: Record<string, unknown>, items: Record<string, unknown> = {}): Mappings {
  return loadMappings({
    marketplaces: { ATVPDKIKX0DER: { customer: 'AMZUS', orderType: 'AMZ', facility: 'A01', warehouse: 'A10' } },
    items: { alias: { enabled: false }, ...items },
    inventory,
  }, 'test');
}

export class FakePending implements PendingQuantities {
  readonly groups = new Map<string, Map<string, SkuQuantity>>();
  private key(s: string, r: string, g: string): string { return `${s}|${r}|${g}`; }
  async put(s: string, r: string, g: string, rows: readonly SkuQuantity[]): Promise<void> {
    const m = this.groups.get(this.key(s, r, g)) ?? new Map<string, SkuQuantity>();
    for (const row of rows) m.set(row.sku, { ...row });
    this.groups.set(this.key(s, r, g), m);
  }
  async firstGroup(s: string, r: string, max: number) {
    for (const [k, m] of [...this.groups].sort(([a], [b]) => a.localeCompare(b))) {
      if (!k.startsWith(`${s}|${r}|`) || m.size === 0) continue;
      return { group: k.split('|')[2]!, rows: [...m.values()].sort((a, b) => a.sku.localeCompare(b.sku)).slice(0, max) };
    }
    return undefined;
  }
  async list(s: string, r: string, g: string) { return new Map(this.groups.get(this.key(s, r, g)) ?? []); }
  async removeSent(s: string, r: string, g: string, sent: readonly SkuQuantity[]): Promise<void> {
    const m = this.groups.get(this.key(s, r, g));
    for (const x of sent) if (m?.get(x.sku)?.quantity === x.quantity) m.delete(x.sku);
  }
}

export class FakeStates implements SkuStates {
  readonly rows = new Map<string, SkuState>();
  async list(s: string, r: string, g: string) {
    const prefix = `${s}|${r}|${g}|`;
    return new Map([...this.rows].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  }
  async merge(s: string, r: string, g: string, updates: readonly SkuStateUpdate[]): Promise<void> {
    for (const u of updates) {
      const key = `${s}|${r}|${g}|${u.sku}`;
      const fields = Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined));
      this.rows.set(key, { itemNumber: '', ...this.rows.get(key), ...fields, sku: u.sku });
    }
  }
}

/** A feeds API that finishes every feed at once and refuses the SKUs in `refuse` with Amazon's "not found" issue. */
export class FakeFeeds implements FeedClient {
  readonly uploaded = new Map<string, string>();
  readonly feeds: Array<{ feedId: string; marketplaceIds: string[]; document: { messages: Array<{ messageId: number; sku: string; patches: Array<{ value: Array<{ quantity: number }> }> }> } }> = [];
  constructor(readonly refuse = new Set<string>()) {}
  async createFeedDocument() { const id = `doc-${this.uploaded.size + 1}`; this.uploaded.set(id, ''); return { feedDocumentId: id, url: `mem://${id}` }; }
  async uploadFeedDocument(url: string, content: string | Buffer) { this.uploaded.set(url.slice('mem://'.length), String(content)); }
  async createFeed(spec: { marketplaceIds: string[]; inputFeedDocumentId: string }) {
    const feedId = `F${this.feeds.length + 1}`;
    this.feeds.push({ feedId, marketplaceIds: spec.marketplaceIds, document: JSON.parse(this.uploaded.get(spec.inputFeedDocumentId) ?? '{}') });
    return feedId;
  }
  async getFeed(feedId: string) {
    return { feedId, feedType: 'JSON_LISTINGS_FEED', createdTime: '2026-01-01T00:00:00Z', processingStatus: 'DONE' as const, resultFeedDocumentId: `report-${feedId}` };
  }
  async getFeedDocument(id: string) {
    const feed = this.feeds.find((f) => `report-${f.feedId}` === id)!;
    const issues = feed.document.messages.filter((m) => this.refuse.has(m.sku)).map((m) => ({ messageId: m.messageId, code: '4000005', severity: 'ERROR', message: `SKU '${m.sku}' was not found.` }));
    const report = { header: { sellerId: 'S', version: '2.0', feedId: feed.feedId }, issues, summary: { errors: issues.length, warnings: 0, messagesProcessed: feed.document.messages.length, messagesAccepted: feed.document.messages.length - issues.length, messagesInvalid: issues.length } };
    return { documentId: id, content: Buffer.from(JSON.stringify(report)) };
  }
}

export function fakeFlushPorts(feeds = new FakeFeeds(), overrides: Partial<FlushPorts> = {}) {
  const blobs = new Map<string, string>();
  const parked = new Map<string, ParkedItem>();
  const ports = {
    pending: new FakePending(),
    states: new FakeStates(),
    submissions: { known: new Map<string, string>(), async feedOf(ref: string) { return this.known.get(ref); }, async record(ref: string, id: string) { this.known.set(ref, id); } },
    claimChecks: { async put(content: string) { const ref = `claim-checks/${blobs.size}`; blobs.set(ref, content); return ref; }, async get(ref: string) { return Buffer.from(blobs.get(ref) ?? ''); } },
    amazon: () => feeds,
    parked: {
      items: parked,
      async park(input: ParkInput) { parked.set(`${input.flow}/${input.id}`, { ...input, details: input.details ?? {}, instanceId: '', status: 'parked', firstSeen: '', lastSeen: '', attempts: 1, note: '' }); },
      async list(filter: { flow?: string }) { return [...parked.values()].filter((p) => !filter.flow || p.flow === filter.flow); },
      async setStatus(flow: string, id: string, status: ParkedItem['status']) { const p = parked.get(`${flow}/${id}`); if (p) p.status = status; },
    },
    counters: { async increment() { /* counted elsewhere */ } },
    switches: { isPaused: () => false, isDryRun: () => false },
    now: () => new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
  // The fake's own view of the parked items stays visible next to the FlushPorts surface (overrides may replace it).
  return { ports: ports as typeof ports & FlushPorts & { parked: { items: Map<string, ParkedItem> } }, feeds };
}
