/**
 * Claims a ledger row for one refund or return before anything is written to M3, so each is booked at most once:
 * a new id is inserted; a booked, skipped or (unless re-driven) parked one is a duplicate; one a crashed run left
 * mid-write (untouched for a while) is parked as an unknown outcome for an operator to look at in M3, never written again.
 */
import type { LedgerEntry, LedgerVersion } from '../../connectors/storage';
import { TransientError } from '../../core/errors';
import type { BookingPorts } from './returns-ports';

/** A row left at `booking` with nothing sent yet is taken over after this long (its holder is presumed dead). */
const STALE_MS = 5 * 60 * 1000;

export type Claim = { kind: 'claimed'; version: LedgerVersion } | { kind: 'duplicate' } | { kind: 'busy' } | { kind: 'unknown-outcome'; version: LedgerVersion };

export async function claimLedger(ports: BookingPorts, fresh: LedgerEntry, redrive: boolean, now = Date.now()): Promise<Claim> {
  const current = await ports.ledger.read(fresh.kind, fresh.id);
  if (!current) {
    const etag = await ports.ledger.claim(fresh);
    return etag === undefined ? { kind: 'busy' } : { kind: 'claimed', version: { entry: fresh, etag } };
  }
  const { entry } = current;
  if (entry.status === 'booked' || entry.status === 'skipped') return { kind: 'duplicate' };
  if (entry.status === 'parked' && !redrive) return { kind: 'duplicate' };
  // Another run may be writing right now: only a row left alone for a while is a crashed run's.
  if (entry.status === 'booking' && now - Date.parse(entry.updatedAt) < STALE_MS) return { kind: 'busy' };
  if (entry.phase !== 'start' && entry.phase !== 'done') return entry.status === 'parked' ? { kind: 'duplicate' } : { kind: 'unknown-outcome', version: current };
  const next: LedgerEntry = { ...fresh, status: 'booking', phase: 'start' };
  const etag = await ports.ledger.update(next, current.etag);
  return etag === undefined ? { kind: 'busy' } : { kind: 'claimed', version: { entry: next, etag } };
}

/** Writes the next state of a claimed row; another writer in between means we stop (it is theirs now). */
export async function advanceLedger(ports: BookingPorts, version: LedgerVersion, change: Partial<LedgerEntry>): Promise<LedgerVersion> {
  const entry = { ...version.entry, ...change };
  const etag = await ports.ledger.update(entry, version.etag);
  if (etag === undefined) throw new TransientError(`the returns ledger row of ${entry.kind} ${entry.id} was changed by another writer`, { code: 'LEDGER_CONFLICT', system: 'storage' });
  return { entry, etag };
}
