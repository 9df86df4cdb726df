/**
 * `GET /api/health`: storage (a table read), queues (the transport answers), durable (a cheap status query), M3 (token +
 * CRS610MI LstByNumber maxrecs 1) and SP-API (an LWA token per seller × region). 200 when every check passed, else 503,
 * so Azure's health check and load balancers can act on it.
 *
 * Anonymous callers get the overall status only, from a cached deep check: at most one deep check runs per
 * HEALTH_CACHE_MS whatever the request rate (concurrent callers share the one in flight), so the open endpoint cannot
 * be used to hammer M3 or LWA. The operations key (x-api-key) adds the per-dependency details, and may ask for a fresh
 * check with `?fresh=true` (still one at a time).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { LwaTokenProvider } from '../../connectors/amazon';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { hasOpsKey } from '../runtime/api-key';
import { QUEUES } from '../queue-names';
import { runHealthChecks, type HealthCheck, type HealthReport } from './health-checks';
import { checkVatBasis } from '../runtime/vat-basis-read';

/** One LWA provider per seller × region for the process, so repeated probes reuse a valid token (LWA tokens last an hour). */
const lwaProviders = new Map<string, LwaTokenProvider>();

export function healthChecks(deps: Dependencies, client: Pick<df.DurableClient, 'getStatusBy'>): HealthCheck[] {
  return [
    {
      name: 'storage',
      run: async () => {
        const table = await deps.tables.table('flowswitches');
        await table.listEntities().byPage({ maxPageSize: 1 }).next();
      },
    },
    {
      name: 'queues',
      run: async () => {
        await deps.queues.deadLetters.list(QUEUES.amazonEvents, 1);
        return deps.queues.kind;
      },
    },
    {
      name: 'durable',
      run: async () => {
        await client.getStatusBy({ createdTimeFrom: new Date(Date.now() - 60_000), runtimeStatus: [df.OrchestrationRuntimeStatus.Pending] });
      },
    },
    {
      name: 'm3',
      run: async () => {
        await deps.m3().execute('CRS610MI', 'LstByNumber', {}, { maxrecs: 1 });
        return vatBasisDetail(deps);
      },
    },
    {
      name: 'amazon',
      run: async () => {
        if (deps.sellers.length === 0) throw new Error('no sellers configured in SPAPI_SELLERS');
        await Promise.all(deps.sellers.map((seller) => lwaProvider(deps, seller.sellerId, seller.region, seller.refreshToken).getAccessToken()));
        return `${deps.sellers.length} seller region(s)`;
      },
    },
  ];
}

/**
 * The VAT-basis read-back (one CRS610MI call per marketplace customer), at most every 10 minutes per process. It only
 * adds detail: it never fails the M3 check, and a slow read answers "still reading" rather than delay the probe.
 */
let vatBasisCache: { at: number; detail: string } | undefined;
let vatBasisReading: Promise<string> | undefined;
const VAT_BASIS_TTL_MS = 10 * 60_000;
const VAT_BASIS_WAIT_MS = 1500;

async function vatBasisDetail(deps: Dependencies): Promise<string> {
  if (vatBasisCache !== undefined && Date.now() - vatBasisCache.at < VAT_BASIS_TTL_MS) return vatBasisCache.detail;
  vatBasisReading ??= (async () => {
    const findings = await checkVatBasis(deps.m3(), await deps.mappings());
    const wrong = findings.filter((f) => !f.ok);
    const detail = wrong.length === 0
      ? `VAT basis ok for ${findings.length} marketplace customer(s)`
      : `VAT basis WRONG: ${wrong.map((f) => f.message).join(' | ')}`;
    vatBasisCache = { at: Date.now(), detail };
    return detail;
  })().catch((error: unknown) => `VAT basis not read (${error instanceof Error ? error.message : String(error)})`).finally(() => { vatBasisReading = undefined; });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => { timer = setTimeout(() => resolve('VAT basis: still reading from M3'), VAT_BASIS_WAIT_MS); timer.unref(); });
  try {
    return await Promise.race([vatBasisReading, late]);
  } finally {
    clearTimeout(timer);
  }
}

function lwaProvider(deps: Dependencies, sellerId: string, region: string, refreshToken: string): LwaTokenProvider {
  const key = `${sellerId}|${region}`;
  let provider = lwaProviders.get(key);
  if (!provider) {
    provider = new LwaTokenProvider({ clientId: deps.settings.SPAPI_LWA_CLIENT_ID, clientSecret: deps.settings.SPAPI_LWA_CLIENT_SECRET, refreshToken, tokenUrl: deps.settings.SPAPI_LWA_TOKEN_URL, timeoutMs: 4000 });
    lwaProviders.set(key, provider);
  }
  return provider;
}

/** How long a deep check's result answers for (and so the most one check per this period costs M3 and LWA). */
export const HEALTH_CACHE_MS = 30_000;

export class CachedHealth {
  private report: HealthReport | undefined;
  private checkedAt = -Infinity;
  private running: Promise<HealthReport> | undefined;

  constructor(private readonly run: () => Promise<HealthReport>, private readonly now: () => number = Date.now, private readonly maxAgeMs = HEALTH_CACHE_MS) {}

  /** The cached report while it is fresh, else the one check in flight, else a new check. */
  async get(options: { fresh?: boolean } = {}): Promise<HealthReport> {
    if (!options.fresh && this.report && this.now() - this.checkedAt < this.maxAgeMs) return this.report;
    this.running ??= this.run().then((report) => {
      this.report = report;
      this.checkedAt = this.now();
      return report;
    }).finally(() => { this.running = undefined; });
    return this.running;
  }
}

let cache: CachedHealth | undefined;
/** The durable client of the latest request: a check started by a later request uses a client bound to a live call. */
let latestClient: Pick<df.DurableClient, 'getStatusBy'> | undefined;

export async function health(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = dependencies();
  latestClient = df.getClient(context);
  // One cache per process (a Functions worker), shared by every request.
  cache ??= new CachedHealth(() => runHealthChecks(healthChecks(deps, latestClient!)));
  const operator = hasOpsKey(request, deps.settings);
  const report = await cache.get({ fresh: operator && request.query.get('fresh') === 'true' });
  const status = report.status === 'ok' ? 200 : 503;
  const body = operator ? report : { status: report.status, checkedAt: report.checkedAt };
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } };
}

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: health });
