/** The order ports the write, cancel and recovery specs use: the real M3 client against the M3 simulator, tables in Azurite. */
import type { M3Client } from '../../../connectors/m3/m3-client';
import { FlowCounterStore, OrderLeaseStore, OrderLinkStore, ParkedStore, type TableAccess } from '../../../connectors/storage';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import { m3ItemLookup, m3OrderPort } from '../../../functions/order-to-cash/m3-order-adapter';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { uniqueName } from '../../support/storage';

type Bulk = M3Client['executeBulk'];

export interface SimOrderPortsOptions {
  /** The lease owner this writer is (an orchestration instance id). */
  owner?: string;
  /** Table names, to share links or leases between writers; fresh tables otherwise. */
  links?: string;
  leases?: string;
  /** Wraps the bulk endpoint (to lose a reply, fail a call, count requests). */
  wrapBulk?: (bulk: Bulk) => Bulk;
}

export function simOrderPorts(client: M3Client, tables: TableAccess, mappings: Mappings, options: SimOrderPortsOptions = {}): OrderPorts {
  const bulk = client.executeBulk.bind(client);
  const executor = { execute: client.execute.bind(client), executeBulk: options.wrapBulk ? options.wrapBulk(bulk) : bulk };
  return {
    getAmazonOrder: async () => { throw new Error('not used'); },
    feeds: () => { throw new Error('not used'); },
    m3: m3OrderPort(executor),
    items: m3ItemLookup(executor),
    links: new OrderLinkStore(tables, options.links ?? uniqueName('links')),
    leases: new OrderLeaseStore(tables, options.leases ?? uniqueName('leases')).forOwner(options.owner ?? 'o2c:S1:test'),
    parked: new ParkedStore(tables, uniqueName('parked')),
    counters: new FlowCounterStore(tables, uniqueName('counters')),
    mappings: async () => mappings,
    switches: { isPaused: () => false, isDryRun: () => false },
  };
}
