/**
 * The ops page's numbers: today's outcomes per flow (flow counters), processed per hour for the chart, sweep cursors,
 * switches, open parked items and failed instances. All counts, ids and times — nothing from a payload.
 */
import type { FlowCount } from '../../connectors/storage';
import type { FlowState } from './flow-control';

/** Outcomes that mean the work was done (order created or found, shipment confirmed, feed accepted, journal posted …). */
const SUCCESS = new Set(['created', 'exists', 'canceled', 'nothing-to-cancel', 'lines-canceled', 'buyer-canceled', 'confirmed', 'sent', 'posted', 'accepted', 'updated', 'done', 'complete', 'submitted', 'edited', 'booked']);
const FAILURE = new Set(['failed', 'auth-failed', 'rejected', 'error', 'refused-seller', 'missing']);

export interface FlowSummary {
  flow: string;
  successes: number;
  failures: number;
  parked: number;
  outcomes: Record<string, number>;
  paused: boolean;
  dryRun: boolean;
}

/** After the order is in M3: cancellations both ways, and shipments Amazon's own flow reports (counted today). */
export interface LifecycleSummary {
  /** Buyer cancellation requests honored: M3 order stopped, Amazon told (BuyerCanceled). */
  buyerCanceled: number;
  /** Buyer cancellation requests that came too late for M3 (parked CANCEL_REQUEST_TOO_LATE). */
  cancelTooLate: number;
  /** M3 lines closed because Amazon canceled their items. */
  amazonCanceledLines: number;
  /** Orders canceled in M3 and canceled on Amazon (NoInventory). */
  m3Canceled: number;
  /** Lines canceled in M3 while the rest ships (parked PARTIAL_CANCEL_NEEDS_ADJUSTMENT). */
  partialCancelParked: number;
  /** Ship+, Easy Ship, in-store pickup and Amazon-fulfilled shipments: not sent, reported by Amazon's own flow. */
  reportedByAmazon: number;
}

const LIFECYCLE_COUNTERS: Record<keyof LifecycleSummary, [flow: string, outcome: string]> = {
  buyerCanceled: ['order-to-cash', 'buyer-canceled'],
  cancelTooLate: ['order-to-cash', 'cancel-too-late'],
  amazonCanceledLines: ['order-to-cash', 'lines-canceled'],
  m3Canceled: ['order-to-cash', 'm3-canceled'],
  partialCancelParked: ['order-to-cash', 'partial-cancel-parked'],
  reportedByAmazon: ['shipment-confirmation', 'reported-by-amazon'],
};

export interface OpsSummary {
  day: string;
  flows: FlowSummary[];
  lifecycle: LifecycleSummary;
  /** 24 entries: successes per UTC hour today. */
  hourly: number[];
  cursors: Array<{ name: string; value: string; updatedAt: string }>;
  openParked: number;
  failedInstances: number;
  /** Running instances waiting out an outage (custom status `retrying`). */
  retryingInstances: number;
}

export function summarize(day: string, counts: readonly FlowCount[], switches: readonly FlowState[], extra: Pick<OpsSummary, 'cursors' | 'openParked' | 'failedInstances' | 'retryingInstances'>): OpsSummary {
  const flows = new Map<string, FlowSummary>();
  const flowOf = (name: string): FlowSummary => {
    let summary = flows.get(name);
    if (!summary) {
      const sw = switches.find((s) => s.flow === name);
      summary = { flow: name, successes: 0, failures: 0, parked: 0, outcomes: {}, paused: sw?.paused ?? false, dryRun: sw?.dryRun ?? false };
      flows.set(name, summary);
    }
    return summary;
  };
  for (const s of switches) flowOf(s.flow);
  const hourly = Array.from({ length: 24 }, () => 0);
  for (const c of counts) {
    const summary = flowOf(c.flow);
    summary.outcomes[c.outcome] = (summary.outcomes[c.outcome] ?? 0) + c.count;
    if (SUCCESS.has(c.outcome)) {
      summary.successes += c.count;
      if (c.hour >= 0 && c.hour < 24) hourly[c.hour] = (hourly[c.hour] ?? 0) + c.count;
    } else if (FAILURE.has(c.outcome)) summary.failures += c.count;
    else if (c.outcome === 'parked') summary.parked += c.count;
  }
  const lifecycle = Object.fromEntries(Object.entries(LIFECYCLE_COUNTERS).map(([key, [flow, outcome]]) => [key, counts.filter((c) => c.flow === flow && c.outcome === outcome).reduce((n, c) => n + c.count, 0)])) as unknown as LifecycleSummary;
  return { day, flows: [...flows.values()].sort((a, b) => a.flow.localeCompare(b.flow)), lifecycle, hourly, ...extra };
}
