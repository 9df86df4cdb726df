/** Table and blob storage stores: idempotency keys, cursors, order links, order leases, parked items, claim checks, counters. */
export { createTableAccess, tableKey, isStatus, storageError, type TableAccess, type StorageAccount } from './table-access';
export { bodyProperties, bodyText } from './table-json-body';
export { IdempotencyStore, type ClaimResult } from './idempotency-store';
export { CursorStore, type Cursor } from './cursor-store';
export { OrderLinkStore, OrderLinkSchema, linkConflict, type OrderLink, type LinkLine, type LinkVersion } from './order-link-store';
export { OrderLeaseStore, ORDER_LEASE_MS, leaseHeldError, type OrderLease, type OrderLeasePort, type LeaseHolder } from './order-lease-store';
export { ParkedStore, ParkedItemSchema, type ParkedItem, type ParkInput } from './parked-store';
export { ClaimCheckStore } from './claim-check-store';
export { FlowCounterStore, type FlowCount } from './flow-counter-store';
export { VariationStore, type VariationVerdict } from './variation-store';
export { WaitingOrderStore, type WaitingOrder, type StoredWaitingOrder } from './waiting-order-store';
export { ReturnsLedgerStore, LedgerEntrySchema, type LedgerEntry, type LedgerVersion } from './returns-ledger-store';
