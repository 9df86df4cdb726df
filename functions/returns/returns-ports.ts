/** What the refund and return bookings need from the outside world (fakes in specs, stores and clients in the app). */
import type { LedgerEntry, LedgerVersion, OrderLink, ParkInput, ParkedItem } from '../../connectors/storage';
import type { Mappings } from '../../core/mapping';
import type { MiRecord } from '../settlement-posting/settlement-ports';

export interface BookingPorts {
  m3: { execute(program: string, transaction: string, params: Record<string, string>): Promise<MiRecord[]> };
  links: { get(sellerId: string, amazonOrderId: string): Promise<OrderLink | undefined> };
  ledger: {
    read(kind: LedgerEntry['kind'], id: string): Promise<LedgerVersion | undefined>;
    claim(entry: LedgerEntry): Promise<string | undefined>;
    update(entry: LedgerEntry, etag: string): Promise<string | undefined>;
    markReturned(amazonOrderId: string, skus: readonly string[]): Promise<void>;
    returnedSkus(amazonOrderId: string): Promise<Set<string>>;
    /** First come, first served: which refund or return (`refund:<id>`, `return:<id>`) credits this SKU of the order. */
    claimCredit(amazonOrderId: string, sku: string, owner: string): Promise<string>;
    markCredited(amazonOrderId: string, credit: { refundId: string; creditOrder: string; amount: string; currency: string }): Promise<void>;
  };
  parked: { park(input: ParkInput): Promise<ParkedItem>; setStatus(flow: string, id: string, status: ParkedItem['status'], note?: string): Promise<ParkedItem | undefined> };
  mappings: Mappings;
}

export type BookingOutcome =
  | { kind: 'booked'; m3Number: string }
  | { kind: 'duplicate' }
  | { kind: 'skipped'; why: string }
  | { kind: 'waiting'; why: string }
  | { kind: 'parked'; reason: string };
