/**
 * `npm start`: the app in sandbox mode — Azurite on disk under .sandbox/, the SP-API and M3 simulators (state on disk
 * too, so a restarted sandbox still knows its orders), and the function app on http://127.0.0.1:7071. Runs in the
 * foreground until SIGINT/SIGTERM, then stops everything it started.
 */
import path from 'node:path';
import { startSandbox, REPO_ROOT, streamSink } from './sandbox';
import { stopOnSignals } from '../host/stop-on-signals';

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const dataDir = path.join(REPO_ROOT, '.sandbox');
  const sandbox = await startSandbox({
    dataDir,
    ports: { app: port('M3SYNC_PORT', 7071), amazon: port('SPAPI_SIM_PORT', 7081), m3: port('M3_SIM_PORT', 7082) },
    sellerId: process.env.SANDBOX_SELLER_ID,
    intakeKey: process.env.INTAKE_API_KEY || undefined,
    runTimersOnSchedule: true,
    sink: streamSink(process.stdout),
  });
  const sample = JSON.stringify({
    NotificationType: 'ORDER_CHANGE', NotificationVersion: '1.0', PayloadVersion: '1.0', EventTime: new Date().toISOString(),
    NotificationMetadata: { ApplicationId: 'amzn1.sellerapps.app.sandbox', SubscriptionId: 'sandbox', PublishTime: new Date().toISOString(), NotificationId: 'sample-0001' },
    Payload: { OrderChangeNotification: { NotificationLevel: 'OrderLevel', SellerId: sandbox.sellerId, AmazonOrderId: '113-0000000-0000001', OrderChangeType: 'OrderStatusChange', OrderChangeTrigger: { TimeOfOrderChange: new Date().toISOString(), ChangeReason: 'NoReason' }, Summary: { MarketplaceId: 'ATVPDKIKX0DER', OrderStatus: 'Unshipped', FulfillmentType: 'MFN' } } },
  });
  process.stdout.write([
    '',
    'M3 ⇄ Amazon Sync sandbox is running',
    `  function app     ${sandbox.url}   (GET /api/health, POST /api/amazon/notifications, POST /api/ion/bods, /api/ops/ui)`,
    `  SP-API simulator ${sandbox.amazon.url}   (/_sim/orders, /_sim/confirmations, /_sim/listings, /_sim/feeds, /_sim/faults)`,
    `  M3 simulator     ${sandbox.m3.url}   (/_sim/items, /_sim/balances, /_sim/customers, /_sim/orders, /_sim/journals, /_sim/violations, /_sim/faults; docs/m3-simulator.md)`,
    `  storage          Azurite, data in ${path.relative(process.cwd(), dataDir) || dataDir}`,
    `  seller           ${sandbox.sellerId}`,
    `  intake key       ${sandbox.intakeKey}   (x-api-key)`,
    '',
    'Try:',
    `  curl ${sandbox.url}/api/health`,
    `  curl -X POST ${sandbox.url}/api/amazon/notifications -H 'x-api-key: ${sandbox.intakeKey}' -H 'content-type: application/json' -d '${sample}'`,
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
