/**
 * What the engine knows about messages waiting for each instance or entity. Activity results and fired timers are
 * handed over in memory, never written: if the process dies before the episode that consumes them commits, resume
 * re-runs the activity (scheduled without a result) and re-arms the timer (created without TimerFired), which is the
 * at-least-once contract the Durable extension gives too. Every other message goes through the stored inbox; a target
 * is marked when one was written, so an episode reads the stored inbox only when it may hold something.
 */
import { nextOrder, type InboxEntry } from './durable-store';
import type { InboxMessage } from './inbox-message';

export class PendingMessages {
  private readonly local = new Map<string, Map<string, InboxEntry>>();
  /** Targets whose stored inbox may hold messages → a generation bumped by every write. */
  private readonly marks = new Map<string, number>();
  private generation = 0;

  /** An in-memory message; the same id delivered twice is kept once (the first, like an upsert of equal content). */
  deliver(targetId: string, id: string, message: InboxMessage): void {
    let entries = this.local.get(targetId);
    if (!entries) {
      entries = new Map();
      this.local.set(targetId, entries);
    }
    if (!entries.has(id)) entries.set(id, { id, order: nextOrder(), message });
  }

  localEntries(targetId: string): InboxEntry[] {
    return [...(this.local.get(targetId)?.values() ?? [])];
  }

  /** Drops consumed (or discarded) in-memory messages. */
  remove(targetId: string, ids: Iterable<string>): void {
    const entries = this.local.get(targetId);
    if (!entries) return;
    for (const id of ids) entries.delete(id);
    if (entries.size === 0) this.local.delete(targetId);
  }

  /** Called after a message to `targetId` was written to the stored inbox (before the target is woken). */
  markStored(targetId: string): void {
    this.marks.set(targetId, ++this.generation);
  }

  /** The mark to pass to clearStored, or undefined when the stored inbox holds nothing for the target. */
  storedMark(targetId: string): number | undefined {
    return this.marks.get(targetId);
  }

  /** The stored inbox was read under `mark` and everything in it handled: unmark, unless something was written since. */
  clearStored(targetId: string, mark: number | undefined): void {
    if (mark !== undefined && this.marks.get(targetId) === mark) this.marks.delete(targetId);
  }
}
