/**
 * The order link as one writer sees it: every write names the version it read (ETag) or, for a first link, that none
 * exists — so a writer that lost a race fails (LINK_CONFLICT, retried) instead of overwriting what the other recorded.
 */
import type { LinkLine, OrderLink, OrderLinkStore } from '../../connectors/storage';

/** The order's identity, and how Amazon fulfils it (kept on the link: it decides how a shipment is reported). */
export type OrderIds = { sellerId: string; amazonOrderId: string; marketplaceId: string; fulfilledBy?: OrderLink['fulfilledBy']; programs?: string[] };

export class LinkWriter {
  private constructor(private readonly store: Pick<OrderLinkStore, 'read' | 'write'>, private etag: string | undefined, public current: OrderLink | undefined) {}

  static async open(store: Pick<OrderLinkStore, 'read' | 'write'>, ids: { sellerId: string; amazonOrderId: string }): Promise<LinkWriter> {
    const version = await store.read(ids.sellerId, ids.amazonOrderId);
    return new LinkWriter(store, version?.etag, version?.link);
  }

  /** Writes `link` over the version this writer last read or wrote. */
  async record(link: OrderLink): Promise<OrderLink> {
    this.etag = await this.store.write(link, this.etag);
    this.current = link;
    return link;
  }

  /** Changes the current link (or a fresh one for `ids`) and records it. */
  async update(ids: OrderIds, change: Partial<OrderLink>): Promise<OrderLink> {
    return this.record({ ...(this.current ?? linkOf(ids, 'creating', '', '', [])), ...change });
  }
}

export function linkOf(ids: OrderIds, status: OrderLink['status'], temporary: string, orderNumber: string, lines: LinkLine[], customerNumber = ''): OrderLink {
  return {
    sellerId: ids.sellerId, amazonOrderId: ids.amazonOrderId, marketplaceId: ids.marketplaceId, fulfilledBy: ids.fulfilledBy ?? 'MERCHANT', programs: ids.programs ?? [],
    status, tempOrderNumber: temporary, batchPhase: '',
    pendingCharges: [], customerNumber, customFieldsPending: false, m3OrderNumber: orderNumber, lines, updatedAt: '',
  };
}

/**
 * Reads the order's link and writes `change(current)` over exactly that version; a writer that came in between makes
 * this a LINK_CONFLICT (retried), never a silent overwrite. `change` returning undefined writes nothing.
 */
export async function changeLink(
  store: Pick<OrderLinkStore, 'read' | 'write'>,
  ids: { sellerId: string; amazonOrderId: string },
  change: (current: OrderLink | undefined) => OrderLink | undefined,
): Promise<OrderLink | undefined> {
  const writer = await LinkWriter.open(store, ids);
  const next = change(writer.current);
  return next === undefined ? writer.current : writer.record(next);
}
