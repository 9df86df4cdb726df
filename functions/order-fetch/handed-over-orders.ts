/**
 * What this process has already handed to orchestrations, per order: the Amazon time (lastUpdatedTime of the data
 * handed over, or the announced change time for a getOrder hand-over) up to which the order's changes are covered.
 * A notification or a page order at or before that time brings nothing new, so it costs no second fetch. This is an
 * optimisation only: after a restart, or on another instance, the order is simply handed over again and start-or-signal
 * plus the M3 lookup keep it exactly once.
 */

/**
 * Amazon's notification carries the time of the change; the order's lastUpdatedTime is the same change seen by the
 * Orders API. Whether the two are always equal is not documented, so times this close count as the same change. A
 * second change inside this window whose notification is dropped is still found by the order sweep.
 */
export const SAME_CHANGE_TOLERANCE_MS = 2000;
const KEEP_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 100_000;

export class HandedOverOrders {
  private readonly upTo = new Map<string, { at: number; noted: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes that `orderId`'s state as of `at` (ISO, Amazon's clock) has been handed over. */
  note(key: string, at: string): void {
    const t = Date.parse(at);
    if (Number.isNaN(t)) return;
    const current = this.upTo.get(key);
    if (current && current.at >= t) return;
    this.upTo.delete(key);
    this.upTo.set(key, { at: t, noted: this.now() });
    if (this.upTo.size > MAX_ENTRIES) this.prune();
  }

  /** Whether a change of `orderId` at `at` has been handed over already. */
  covers(key: string, at: string): boolean {
    const entry = this.upTo.get(key);
    if (!entry || this.now() - entry.noted > KEEP_MS) return false;
    const t = Date.parse(at);
    return !Number.isNaN(t) && t <= entry.at + SAME_CHANGE_TOLERANCE_MS;
  }

  private prune(): void {
    const cutoff = this.now() - KEEP_MS;
    for (const [key, entry] of this.upTo) {
      if (entry.noted >= cutoff && this.upTo.size <= MAX_ENTRIES / 2) break;
      this.upTo.delete(key);
    }
  }
}

/** Two times (ISO) describe the same change of an order (see SAME_CHANGE_TOLERANCE_MS). */
export function atOrAfter(pageTime: string, changedAt: string): boolean {
  const page = Date.parse(pageTime);
  const change = Date.parse(changedAt);
  if (Number.isNaN(page) || Number.isNaN(change)) return false;
  return page >= change - SAME_CHANGE_TOLERANCE_MS;
}
