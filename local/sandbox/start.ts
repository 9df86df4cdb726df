/**
 * `npm start`: the app in sandbox mode — Azurite on disk under .sandbox/, the SP-API and M3 simulators (state on disk
 * too, so a restarted sandbox still knows its orders), and the function app on http://127.0.0.1:7071. Runs in the
 * foreground until SIGINT/SIGTERM, then stops everything it started.
 */
import path from 'node:path';
import { startSandbox, REPO_ROOT, streamSink, m3SeedFromMappings } from './sandbox';
import { SAMPLE_ORDER_ID, sampleNotification, seedSampleOrder } from './sample-order';
import { stopOnSignals } from '../host/stop-on-signals';
import { surviveUncaughtErrors } from '../host/survive-uncaught';

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const sink = streamSink(process.stdout);
  surviveUncaughtErrors(sink);
  const dataDir = path.join(REPO_ROOT, '.sandbox');
  const sandbox = await startSandbox({
    dataDir,
    ports: { app: port('M3SYNC_PORT', 7071), amazon: port('SPAPI_SIM_PORT', 7081), m3: port('M3_SIM_PORT', 7082) },
    sellerId: process.env.SANDBOX_SELLER_ID,
    intakeKey: process.env.INTAKE_API_KEY || undefined,
    opsKey: process.env.OPS_API_KEY || undefined,
    runTimersOnSchedule: true,
    sink,
  });
  // The order the sample notification names, and the M3 items it needs, so that the request below ends as an M3 order.
  await seedSampleOrder({ amazon: sandbox.amazon.url, m3: sandbox.m3.url }, m3SeedFromMappings(sandbox.mappings).warehouses);
  const sample = JSON.stringify(sampleNotification(sandbox.sellerId, new Date().toISOString()));
  process.stdout.write([
    '',
    'M3 ⇄ Amazon Sync sandbox is running',
    `  function app     ${sandbox.url}   (GET /api/health, POST /api/amazon/notifications, POST /api/ion/bods, /api/ops/ui)`,
    `  SP-API simulator ${sandbox.amazon.url}   (/_sim/orders, /_sim/confirmations, /_sim/listings, /_sim/feeds, /_sim/violations, /_sim/faults)`,
    `  M3 simulator     ${sandbox.m3.url}   (/_sim/items, /_sim/balances, /_sim/customers, /_sim/orders, /_sim/journals, /_sim/violations, /_sim/faults; docs/m3-simulator.md)`,
    `  storage          Azurite, data in ${path.relative(process.cwd(), dataDir) || dataDir}`,
    `  seller           ${sandbox.sellerId}`,
    `  intake key       ${sandbox.intakeKey}   (x-api-key on POST /api/amazon/notifications and POST /api/ion/bods only)`,
    `  ops key          ${sandbox.opsKey}   (x-api-key on /api/ops/*, the ops page, health details, POST /admin/functions/<name>)`,
    '',
    'Try:',
    `  curl ${sandbox.url}/api/health`,
    `  curl ${sandbox.url}/api/health -H 'x-api-key: ${sandbox.opsKey}'`,
    `  npx m3sync failed --url ${sandbox.url} --key ${sandbox.opsKey}`,
    `  curl -X POST ${sandbox.url}/api/amazon/notifications -H 'x-api-key: ${sandbox.intakeKey}' -H 'content-type: application/json' -d '${sample}'`,
    `  curl ${sandbox.m3.url}/_sim/orders          (the sample order ${SAMPLE_ORDER_ID} in M3)`,
    `  npx m3sync sandbox orders --count 5       (new Amazon orders, announced to the app)`,
    '',
    'Ctrl+C stops everything.',
    '',
  ].join('\n'));
  stopOnSignals('the sandbox', () => sandbox.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
