/** In-memory stand-ins for the shipment ports: links, parked items, counters, idempotency keys and an Amazon that records calls. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMappingsDir } from '../../../core/mapping/load-mappings';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import type { OrderLink } from '../../../connectors/storage';
import type { ParkInput } from '../../../connectors/storage/parked-store';
import type { ConfirmShipmentRequest } from '../../../connectors/amazon/confirm-shipment-schema';
import type { ShipmentDocument, ShipmentLine } from '../../../core/bod/shipment';
import type { ShipmentInstanceInput } from '../../../functions/shipment-confirmation/shipment-model';
import type { FeedClient, ShipmentPorts } from '../../../functions/shipment-confirmation/shipment-ports';

export const SELLER = 'A1SELLER';
export const MARKETPLACE = 'A1PA6795UKMFR9';

let mappings: Mappings | undefined;
export function defaultMappings(): Mappings {
  const dir = path.resolve(__dirname, '../../../mappings');
  mappings ??= loadMappingsDir([{ name: 'default.json', text: readFileSync(path.join(dir, 'default.json'), 'utf8') }], 'mappings');
  return mappings;
}

export interface FakeWorld {
  ports: ShipmentPorts;
  links: OrderLink[];
  parked: Array<ParkInput & { status: string }>;
  counters: Map<string, number>;
  keys: Map<string, string>;
  sent: Array<{ sellerId: string; amazonOrderId: string; body: ConfirmShipmentRequest }>;
  /** Makes Amazon refuse (or fail) the next calls for an order. */
  failFor: Map<string, Error>;
  paused: Set<string>;
  dryRun: Set<string>;
  log: string[];
}

export function fakeWorld(links: OrderLink[] = [], feeds?: FeedClient): FakeWorld {
  const world: FakeWorld = {
    links: [...links], parked: [], counters: new Map(), keys: new Map(), sent: [], failFor: new Map(), paused: new Set(), dryRun: new Set(), log: [],
    ports: undefined as unknown as ShipmentPorts,
  };
  world.ports = {
    sellers: [{ sellerId: SELLER, marketplaceIds: [MARKETPLACE] }],
    links: {
      get: async (sellerId, amazonOrderId) => world.links.find((l) => l.sellerId === sellerId && l.amazonOrderId === amazonOrderId),
      findByM3Order: async (orderNumber) => world.links.find((l) => l.m3OrderNumber === orderNumber),
    },
    mappings: async () => defaultMappings(),
    idempotency: {
      has: async (scope, key) => world.keys.has(`${scope}/${key}`),
      claim: async (scope, key, note = '') => {
        if (world.keys.has(`${scope}/${key}`)) return 'duplicate';
        world.keys.set(`${scope}/${key}`, note);
        return 'claimed';
      },
    },
    parked: {
      park: async (input) => {
        world.parked = world.parked.filter((p) => !(p.flow === input.flow && p.id === input.id));
        world.parked.push({ ...input, status: 'parked' });
        return { ...input, details: input.details ?? {}, instanceId: input.instanceId ?? '', status: 'parked', firstSeen: '', lastSeen: '', attempts: 1, note: '' };
      },
      setStatus: async (flow, id, status) => {
        const item = world.parked.find((p) => p.flow === flow && p.id === id);
        if (item) item.status = status;
        return undefined;
      },
    },
    counters: { increment: async (flow, outcome, by = 1) => { world.counters.set(`${flow}/${outcome}`, (world.counters.get(`${flow}/${outcome}`) ?? 0) + by); } },
    switches: { isPaused: (flow) => world.paused.has(flow), isDryRun: (flow) => world.dryRun.has(flow) },
    confirmShipment: async (sellerId, amazonOrderId, body) => {
      const failure = world.failFor.get(amazonOrderId);
      if (failure) throw failure;
      world.sent.push({ sellerId, amazonOrderId, body });
    },
    feeds: () => {
      if (!feeds) throw new Error('no feeds client in this test');
      return feeds;
    },
  };
  return world;
}

export const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function link(amazonOrderId: string, m3OrderNumber: string, lines: OrderLink['lines']): OrderLink {
  return { sellerId: SELLER, amazonOrderId, marketplaceId: MARKETPLACE, fulfilledBy: 'MERCHANT', programs: [], status: 'created', tempOrderNumber: '', batchPhase: '', pendingCharges: [], customerNumber: '', customFieldsPending: false, m3OrderNumber, lines, updatedAt: '' };
}

export function line(itemNumber: string, quantity: number, ref: { customerOrderRef?: string; orderNumber?: string; orderLine?: string } = {}): ShipmentLine {
  return { itemNumber, quantity, unit: 'EA', orderNumber: ref.orderNumber ?? null, orderLine: ref.orderLine ?? null, customerOrderRef: ref.customerOrderRef ?? null };
}

export function shipment(over: Partial<ShipmentDocument> & { packages: ShipmentDocument['packages'] }, envelope: Partial<ShipmentInstanceInput> = {}): ShipmentInstanceInput {
  const document: ShipmentDocument = {
    id: 'SHIP-1', variationId: 1, shippedAt: '2026-03-02T10:00:00.000Z', warehouse: 'FR1',
    carrier: { code: 'UPS', name: 'United Parcel Service', service: null }, orderRefs: [], lines: over.packages.flatMap((p) => p.lines), ...over,
  };
  return { bodId: 'bod-1', actionCode: 'Replace', createdAt: '2026-03-02T11:00:00.000Z', instanceId: 'ship:SHIP-1', ...envelope, document };
}
