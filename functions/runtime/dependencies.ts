/**
 * The app's ports, built once per process from app settings (composition root). Entry points and activities take
 * what they need from here; tests and the sandbox configure it through the same environment as Azure.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import { readAppSettings, sellersOf, storageTargetOf, type AppSettings, type SellerSetting } from '../app-settings';
import {
  ClaimCheckStore, CursorStore, FlowCounterStore, IdempotencyStore, OrderLeaseStore, OrderLinkStore, ParkedStore, VariationStore, WaitingOrderStore, createTableAccess, type StorageAccount, type TableAccess,
} from '../../connectors/storage';
import { createQueueTransport, type QueueTransport } from '../../connectors/messaging';
import { loadMappingsDir } from '../../core/mapping/load-mappings';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { M3Client } from '../../connectors/m3';
import { createAmazonClients, type AmazonClients } from './amazon-clients';
import { createM3Connection } from './m3-connection';
import { FlowSwitchBoard } from './flow-switches';

export interface Dependencies {
  settings: AppSettings;
  sellers: SellerSetting[];
  tables: TableAccess;
  idempotency: IdempotencyStore;
  cursors: CursorStore;
  links: OrderLinkStore;
  /** Single-writer leases of M3 order creation (one per Amazon order). */
  leases: OrderLeaseStore;
  parked: ParkedStore;
  counters: FlowCounterStore;
  variations: VariationStore;
  claimChecks: ClaimCheckStore;
  /** Orders handed over from searchOrders pages (personal data: deleted after use). */
  orderClaimChecks: ClaimCheckStore;
  /** Announced orders the fetch planner has yet to hand over. */
  waitingOrders: WaitingOrderStore;
  queues: QueueTransport;
  amazon: AmazonClients;
  /** The M3 client, built on first use (an unconfigured M3 is an AuthError for the flows that need it, not a crash). */
  m3(): M3Client;
  switches: FlowSwitchBoard;
  mappings(): Promise<Mappings>;
  /** Forgets cached mappings so the next read sees an operator's fix (re-drive after a mapping change). */
  reloadMappings(): void;
}

let current: Dependencies | undefined;

export function dependencies(): Dependencies {
  if (!current) current = buildDependencies(readAppSettings());
  return current;
}

/** For tests that load the app more than once in one process. */
export function resetDependencies(): void {
  current = undefined;
}

function buildDependencies(settings: AppSettings): Dependencies {
  const target = storageTargetOf(settings);
  const account: StorageAccount = target.kind === 'connection-string' ? target.connectionString : { accountName: target.accountName, credential: new DefaultAzureCredential() };
  const tables = createTableAccess(account);
  let mappings: Promise<Mappings> | undefined;
  let m3: M3Client | undefined;
  const sellers = sellersOf(settings);
  return {
    settings,
    sellers,
    amazon: createAmazonClients(settings, sellers, tables),
    m3: () => (m3 ??= createM3Connection(settings)),
    switches: new FlowSwitchBoard(tables, { paused: settings.PAUSED_FLOWS, dryRun: settings.DRY_RUN_FLOWS }),
    tables,
    idempotency: new IdempotencyStore(tables),
    cursors: new CursorStore(tables),
    links: new OrderLinkStore(tables),
    leases: new OrderLeaseStore(tables),
    parked: new ParkedStore(tables),
    counters: new FlowCounterStore(tables),
    variations: new VariationStore(tables),
    claimChecks: new ClaimCheckStore(account),
    orderClaimChecks: new ClaimCheckStore(account, 'order-claim-checks'),
    waitingOrders: new WaitingOrderStore(tables),
    queues: createQueueTransport({
      MESSAGING_TRANSPORT: settings.MESSAGING_TRANSPORT,
      AzureWebJobsStorage: settings.AzureWebJobsStorage,
      ServiceBusConnection: settings.ServiceBusConnection,
      ServiceBusConnection__fullyQualifiedNamespace: settings.ServiceBusConnection__fullyQualifiedNamespace,
    }),
    mappings: () => {
      if (!mappings) {
        mappings = readMappingsDir(settings.MAPPINGS_PATH);
        mappings.catch(() => { mappings = undefined; });
      }
      return mappings;
    },
    reloadMappings: () => { mappings = undefined; },
  };
}

async function readMappingsDir(dir: string): Promise<Mappings> {
  const base = path.isAbsolute(dir) ? dir : await firstExisting([path.resolve(process.cwd(), dir), path.resolve(repoRoot(), dir)]);
  const names = (await readdir(base)).filter((n) => n.endsWith('.json'));
  const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(base, name), 'utf8') })));
  return loadMappingsDir(files, dir);
}

/** The package root (where package.json is), from either the TypeScript sources or dist/. */
function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (path.basename(dir) === 'functions' && path.basename(path.dirname(dir)) === 'dist') return path.dirname(path.dirname(dir));
    if (path.basename(dir) === 'functions') return path.dirname(dir);
    dir = path.dirname(dir);
  }
  return process.cwd();
}

async function firstExisting(candidates: string[]): Promise<string> {
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  return candidates[0]!;
}

async function exists(dir: string): Promise<boolean> {
  try {
    await readdir(dir);
    return true;
  } catch {
    return false;
  }
}
