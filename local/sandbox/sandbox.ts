/**
 * The sandbox: Azurite, the SP-API and M3 simulators and the unchanged function app on the local host, wired together
 * through the same app settings Azure uses (docs/contracts.md, Sandbox control). Used by `npm start`, `npm run demo`, end-to-end tests,
 * benchmarks and the chaos suite.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startAzurite, freePort, type RunningAzurite } from '../azurite/azurite-process';
import { startAmazonSimulator, type AmazonSimulator, type AmazonSimulatorOptions } from '../sim/amazon/amazon-simulator';
import { startM3Simulator, type M3Simulator } from '../sim/m3/m3-simulator';
import { startLocalHost, memorySink, streamSink, resolveAppFiles, installCoreShim, type LocalHost, type LogSink } from '../host';
import type { Clock } from '../host/durable';
import { AMAZON_MARKETPLACES as MARKETPLACES, type AmazonRegion as SpApiRegion } from '../../core/marketplaces';
import { loadMappingsDir } from '../../core/mapping/load-mappings';
import type { Mappings } from '../../core/mapping/mappings-schema';

export interface SandboxOptions {
  /** Use this storage (e.g. the test Azurite) instead of starting one. */
  connectionString?: string;
  /** Persist Azurite and simulator state here (npm start); in memory when absent. */
  dataDir?: string;
  ports?: { app?: number; amazon?: number; m3?: number };
  sellerId?: string;
  /** Keys of the two roles; random 43-character keys when absent (the app refuses keys under 32 characters). */
  intakeKey?: string;
  opsKey?: string;
  taskHub?: string;
  /** Simulated Amazon rate limits (and the app's governor) run this many times faster. */
  timeScale?: number;
  /** Modules of the app; default: package.json "main" (dist) — tests pass the TypeScript sources. */
  appFiles?: string[];
  clock?: Clock;
  /** Log sink of the host: quiet in memory by default, stdout for npm start. */
  sink?: LogSink;
  runTimersOnSchedule?: boolean;
  amazon?: Partial<AmazonSimulatorOptions>;
  /** Extra app settings (PAUSED_FLOWS, DRY_RUN_FLOWS, BOD_MAX_BYTES …). */
  env?: Record<string, string>;
}

export interface Sandbox {
  url: string;
  intakeKey: string;
  /** The operations key: /api/ops/*, health details, the admin run endpoint. */
  opsKey: string;
  sellerId: string;
  connectionString: string;
  host: LocalHost;
  amazon: AmazonSimulator;
  m3: M3Simulator;
  mappings: Mappings;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const REPO_ROOT = findRepoRoot();

function findRepoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'm3-amazon-sync') return dir;
    } catch {
      // keep looking upward
    }
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function loadShippedMappings(dir = path.join(REPO_ROOT, 'mappings')): Mappings {
  const files = readdirSync(dir).filter((n) => n.endsWith('.json')).map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
  return loadMappingsDir(files, dir);
}

/** What the default mappings name, so the M3 simulator starts with those customers, order types, facilities and warehouses. */
export function m3SeedFromMappings(mappings: Mappings): { customers: string[]; orderTypes: string[]; facilities: string[]; warehouses: string[]; items: Array<{ ITNO: string; ITDS: string; STAT: string }>; creditOrderTypes: string[] } {
  const markets = Object.values(mappings.marketplaces);
  const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((v): v is string => !!v))];
  return {
    customers: unique(markets.map((m) => m.customer)),
    orderTypes: unique([...markets.map((m) => m.orderType), mappings.fulfillment.amazonOrderType]),
    facilities: unique(markets.map((m) => m.facility)),
    warehouses: unique([...markets.map((m) => m.warehouse), mappings.fulfillment.amazonWarehouse, ...Object.values(mappings.returns.physical.warehouses), mappings.returns.physical.defaultWarehouse]),
    creditOrderTypes: unique(mappings.returns.refunds.rules.map((r) => r.orderType)),
    // Charges booked as item lines (shipping, gift wrap) need their service items in M3.
    items: [mappings.charges.shipping, mappings.charges.giftWrap]
      .flatMap((c) => (c.mode === 'item-line' ? [{ ITNO: c.item, ITDS: c.description ?? c.item, STAT: '20' }] : [])),
  };
}

/** The TypeScript sources of the app (for tests running under jest's transform). */
export function sourceAppFiles(): string[] {
  return resolveAppFiles(REPO_ROOT, 'functions/**/*.ts');
}

export interface SandboxServices {
  appPort: number;
  intakeKey: string;
  opsKey: string;
  sellerId: string;
  connectionString: string;
  amazon: AmazonSimulator;
  m3: M3Simulator;
  mappings: Mappings;
  /** The app settings the function app runs with (what Azure's app settings hold in production). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Storage and both simulators, and the app settings that point the app at them — everything but the host. */
export async function startSandboxServices(options: SandboxOptions = {}): Promise<SandboxServices> {
  const sellerId = options.sellerId ?? process.env.SANDBOX_SELLER_ID ?? 'A3SANDBOXSELLER';
  const intakeKey = options.intakeKey ?? randomBytes(32).toString('base64url');
  const opsKey = options.opsKey ?? randomBytes(32).toString('base64url');
  const timeScale = options.timeScale ?? 1;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const appPort = options.ports?.app ?? (await freePort());
  let azurite: RunningAzurite | undefined;
  const connectionString = options.connectionString ?? (azurite = await startAzurite({ location: options.dataDir ? path.join(options.dataDir, 'azurite') : undefined })).connectionString;

  const mappings = loadShippedMappings();
  const amazon = await startAmazonSimulator({
    port: options.ports?.amazon ?? 0, timeScale, sellerId,
    stateFile: options.dataDir ? path.join(options.dataDir, 'amazon-sim.json') : undefined,
    notifyUrl: `http://127.0.0.1:${appPort}/api/amazon/notifications`, notifyApiKey: intakeKey,
    ...options.amazon,
  });
  const m3 = await startM3Simulator({
    port: options.ports?.m3 ?? 0,
    stateFile: options.dataDir ? path.join(options.dataDir, 'm3-sim.json') : undefined,
    seed: m3SeedFromMappings(mappings),
  });

  const regions = [...new Set(MARKETPLACES.map((m) => m.region))] as SpApiRegion[];
  const sellers = regions.map((region) => ({
    sellerId, region, refreshToken: amazon.refreshToken,
    marketplaceIds: MARKETPLACES.filter((m) => m.region === region).map((m) => m.id),
  }));
  const env: Record<string, string> = {
    AzureWebJobsStorage: connectionString,
    TASKHUB_NAME: options.taskHub ?? 'm3sync',
    MESSAGING_TRANSPORT: 'storage',
    INTAKE_API_KEY: intakeKey,
    OPS_API_KEY: opsKey,
    SPAPI_LWA_CLIENT_ID: amazon.clientId,
    SPAPI_LWA_CLIENT_SECRET: amazon.clientSecret,
    SPAPI_LWA_TOKEN_URL: `${amazon.url}/auth/o2/token`,
    // One simulator, three regional endpoints: `{region}` becomes na, eu or fe, so each call goes to its region's host.
    SPAPI_ENDPOINT: `${amazon.url}/{region}`,
    SPAPI_SELLERS: JSON.stringify(sellers),
    SPAPI_RATE_TIME_SCALE: String(timeScale),
    M3_IONAPI: JSON.stringify(m3.ionapiFile()),
    M3_CONO: '100',
    M3_DIVI: 'AAA',
    MAPPINGS_PATH: path.join(REPO_ROOT, 'mappings'),
    M3SYNC_SANDBOX: 'true',
    SANDBOX_SELLER_ID: sellerId,
    M3SYNC_PORT: String(appPort),
    ...options.env,
  };
  return {
    appPort, intakeKey, opsKey, sellerId, connectionString, amazon, m3, mappings, env,
    async stop() {
      await Promise.allSettled([amazon.close(), m3.close()]);
      if (azurite) await azurite.stop();
    },
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // In a plain node process the app's @azure/functions needs the worker's core module; jest maps it already.
  installCoreShim();
  const services = await startSandboxServices(options);
  const { env } = services;
  // Without a fixed port the host listens on one the OS picks as it binds: choosing one ahead (freePort) races with
  // every other process starting servers. The simulator then learns where to deliver notifications.
  const host = await startLocalHost({
    appFiles: options.appFiles ?? resolveAppFiles(REPO_ROOT),
    appRoot: REPO_ROOT,
    port: options.ports?.app ?? 0,
    connectionString: services.connectionString,
    taskHub: env.TASKHUB_NAME,
    clock: options.clock,
    opsKeys: (env.OPS_API_KEY ?? services.opsKey).split(',').map((k) => k.trim()).filter(Boolean),
    runTimersOnSchedule: options.runTimersOnSchedule ?? false,
    env,
    sink: options.sink ?? memorySink(),
  });
  const notifyUrlOverridden = options.amazon !== undefined && 'notifyUrl' in options.amazon;
  if (!notifyUrlOverridden) services.amazon.notifications.setNotifyUrl(`${host.url}/api/amazon/notifications`);
  return {
    ...services,
    url: host.url,
    host,
    async stop() {
      await host.stop();
      await services.stop();
    },
  };
}

/**
 * Throws when the SP-API simulator refused (or would have refused) requests of the app as off the official models:
 * the demo, the benchmarks and the chaos suite end with this check.
 */
export function assertNoModelViolations(amazon: Pick<AmazonSimulator, 'violations' | 'url'>): void {
  const { violations } = amazon;
  if (violations.length === 0) return;
  const first = violations.slice(0, 3).map((v) => `${v.operation}: ${v.problems.join('; ')}`).join(' | ');
  throw new Error(`the app made ${violations.length} SP-API request(s) the official models refuse (${first}); see GET ${amazon.url}/_sim/violations`);
}

export { streamSink };
