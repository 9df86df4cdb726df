/**
 * Direct call or feed (docs/design.md, Shipment confirmation "backlog above a threshold → one POST_ORDER_FULFILLMENT_DATA feed"): the state
 * and decisions of the per seller × region batch entity, kept pure so they are tested without a durable engine.
 * Waiting = confirmations being sent one by one right now + those collected for the open feed.
 */
import { z } from 'zod';
import { PackageConfirmationSchema, type PackageConfirmation } from './shipment-model';

/**
 * Above this many waiting confirmations a feed is cheaper than confirmShipment calls (rate 2/s, burst 10, docs/amazon-facts.md, Shipment confirmation).
 * App setting SHIPMENT_BULK_THRESHOLD seeds a new batch entity; operators change one seller × region with the entity
 * operation `configure` ({"threshold": n}).
 */
export const DEFAULT_BULK_THRESHOLD = 50;
/** How long the first confirmation of a feed waits for others to join before the feed is sent. */
export const DEFAULT_COLLECT_SECONDS = 60;
/** An in-flight entry older than this is ignored (its instance failed before it reported done). */
const IN_FLIGHT_TTL_MS = 15 * 60 * 1000;
/**
 * An open feed its leader has not closed this long after its collecting time is orphaned (the leader was terminated,
 * purged or failed): the next offer takes it over, or its members — and every later offer that joins — would never be sent.
 */
const ORPHANED_AFTER_MS = 15 * 60 * 1000;

export const FeedBatchStateSchema = z.object({
  threshold: z.number().int().nonnegative().default(DEFAULT_BULK_THRESHOLD),
  collectSeconds: z.number().nonnegative().default(DEFAULT_COLLECT_SECONDS),
  inFlight: z.record(z.object({ count: z.number().int(), at: z.number() })).default({}),
  /** `openedAt` (epoch ms) is absent on batches opened before it was recorded: those are never taken over. */
  open: z.object({ id: z.string(), leader: z.string(), members: z.array(PackageConfirmationSchema), openedAt: z.number().optional() }).nullable().default(null),
  sequence: z.number().int().default(0),
});
export type FeedBatchState = z.infer<typeof FeedBatchStateSchema>;

export const OfferSchema = z.object({ instanceId: z.string(), now: z.string(), confirmations: z.array(PackageConfirmationSchema) });
export type Offer = z.infer<typeof OfferSchema>;

export const RouteSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('direct') }),
  z.object({ mode: z.literal('bulk'), batchId: z.string(), leader: z.boolean(), collectSeconds: z.number() }),
]);
export type Route = z.infer<typeof RouteSchema>;

export const ConfigureSchema = z.object({ threshold: z.number().int().nonnegative().optional(), collectSeconds: z.number().nonnegative().optional() });

export function emptyBatchState(threshold = DEFAULT_BULK_THRESHOLD): FeedBatchState {
  return FeedBatchStateSchema.parse({ threshold });
}

export function waitingCount(state: FeedBatchState, now: number): number {
  const inFlight = Object.values(state.inFlight).filter((e) => now - e.at < IN_FLIGHT_TTL_MS).reduce((sum, e) => sum + e.count, 0);
  return inFlight + (state.open?.members.length ?? 0);
}

/** Routes an offer: join the open feed, open a new one (as its leader) when the backlog is too big, or send directly. */
export function offer(state: FeedBatchState, o: Offer, batchKey: string): { state: FeedBatchState; route: Route } {
  const now = Date.parse(o.now);
  const live = Object.fromEntries(Object.entries(state.inFlight).filter(([, e]) => now - e.at < IN_FLIGHT_TTL_MS));
  const next: FeedBatchState = { ...state, inFlight: live };
  const orphaned = state.open?.openedAt !== undefined && now - state.open.openedAt > state.collectSeconds * 1000 + ORPHANED_AFTER_MS;
  if (state.open && orphaned) {
    const sequence = state.sequence + 1;
    const id = `${batchKey}:${sequence}`;
    return {
      state: { ...next, sequence, open: { id, leader: o.instanceId, members: [...state.open.members, ...o.confirmations], openedAt: now } },
      route: { mode: 'bulk', batchId: id, leader: true, collectSeconds: state.collectSeconds },
    };
  }
  if (state.open) {
    const open = { ...state.open, members: [...state.open.members, ...o.confirmations] };
    return { state: { ...next, open }, route: { mode: 'bulk', batchId: open.id, leader: open.leader === o.instanceId, collectSeconds: state.collectSeconds } };
  }
  if (waitingCount(next, now) + o.confirmations.length > state.threshold) {
    const sequence = state.sequence + 1;
    const id = `${batchKey}:${sequence}`;
    return {
      state: { ...next, sequence, open: { id, leader: o.instanceId, members: [...o.confirmations], openedAt: now } },
      route: { mode: 'bulk', batchId: id, leader: true, collectSeconds: state.collectSeconds },
    };
  }
  return { state: { ...next, inFlight: { ...live, [o.instanceId]: { count: o.confirmations.length, at: now } } }, route: { mode: 'direct' } };
}

export function done(state: FeedBatchState, instanceId: string): FeedBatchState {
  const { [instanceId]: _finished, ...rest } = state.inFlight;
  return { ...state, inFlight: rest };
}

/** Closes the open feed (only its own id: a late duplicate close gets nothing) and hands its members to the sender. */
export function close(state: FeedBatchState, batchId: string): { state: FeedBatchState; members: PackageConfirmation[] } {
  if (!state.open || state.open.id !== batchId) return { state, members: [] };
  return { state: { ...state, open: null }, members: state.open.members };
}
