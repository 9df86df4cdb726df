/** The app's wiring of the booking ports: M3 connection, order links, the returns ledger, parked items and mappings. */
import { ReturnsLedgerStore } from '../../connectors/storage';
import type { Dependencies } from '../runtime/dependencies';
import type { BookingPorts } from './returns-ports';

export function returnsLedger(deps: Dependencies): ReturnsLedgerStore {
  return new ReturnsLedgerStore(deps.tables);
}

export async function bookingPorts(deps: Dependencies): Promise<BookingPorts> {
  return {
    m3: { execute: (program, transaction, params) => deps.m3().execute(program, transaction, params) },
    links: deps.links,
    ledger: returnsLedger(deps),
    parked: deps.parked,
    mappings: await deps.mappings(),
  };
}
