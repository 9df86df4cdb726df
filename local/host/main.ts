/**
 * Process entry of the local host (`node dist/local/host/main.js`): reads the environment, loads the app, prints one
 * "ready" JSON line with the url and stops everything on SIGINT/SIGTERM.
 * Env: AzureWebJobsStorage, M3SYNC_PORT (7071), TASKHUB_NAME, LOCAL_FUNCTION_KEY, LOCAL_MASTER_KEY, LOCAL_DURABLE_KEY, OPS_API_KEY,
 * LOCAL_CLOCK=real|virtual, APP_FILES (comma-separated globs, default package.json "main"), LOCAL_RUN_TIMERS=false,
 * LOCAL_MAX_DELIVERY_COUNT (5), LOCAL_QUEUE_LOCK_MS (60000: how long a message locked by a killed host stays invisible).
 */
import fs from 'node:fs';
import path from 'node:path';
import { installCoreShim } from './install-core-shim';
import { resolveAppFiles } from './app-files';
import { startLocalHost } from './local-host';
import { RealClock, VirtualClock } from './durable';
import { streamSink } from './log-sink';
import { stopOnSignals } from './stop-on-signals';
import { surviveUncaughtErrors } from './survive-uncaught';

function appRoot(): string {
  // The directory holding package.json above this file (dist/local/host → repo root).
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const connectionString = env.AzureWebJobsStorage;
  if (!connectionString) throw new Error('AzureWebJobsStorage is not set (the Azurite connection string)');
  const root = appRoot();
  installCoreShim();
  const appFiles = resolveAppFiles(env.APP_FILES ? process.cwd() : root, env.APP_FILES);
  if (appFiles.length === 0) throw new Error(`no app files found (${env.APP_FILES ?? 'package.json "main"'}); run the build first`);
  const port = env.M3SYNC_PORT ? Number(env.M3SYNC_PORT) : 7071;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`M3SYNC_PORT "${env.M3SYNC_PORT}" is not a port`);
  const clock = env.LOCAL_CLOCK === 'virtual' ? new VirtualClock(new Date()) : new RealClock();
  const sink = streamSink(process.stdout);
  surviveUncaughtErrors(sink);
  const host = await startLocalHost({
    appFiles,
    appRoot: root,
    port,
    connectionString,
    taskHub: env.TASKHUB_NAME || undefined,
    clock,
    keys: { functionKey: env.LOCAL_FUNCTION_KEY, masterKey: env.LOCAL_MASTER_KEY, durableKey: env.LOCAL_DURABLE_KEY },
    opsKeys: (env.OPS_API_KEY ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    runTimersOnSchedule: env.LOCAL_RUN_TIMERS !== 'false',
    maxDeliveryCount: env.LOCAL_MAX_DELIVERY_COUNT ? Number(env.LOCAL_MAX_DELIVERY_COUNT) : undefined,
    queueLockMs: env.LOCAL_QUEUE_LOCK_MS ? Number(env.LOCAL_QUEUE_LOCK_MS) : undefined,
    sink,
  });
  // Keys are printed only when they were generated here; configured keys are the caller's secret already.
  const generated = !env.LOCAL_MASTER_KEY || !env.LOCAL_FUNCTION_KEY || !env.LOCAL_DURABLE_KEY;
  process.stdout.write(`${JSON.stringify({
    ready: true, url: host.url, port: host.port, pid: process.pid, clock: env.LOCAL_CLOCK === 'virtual' ? 'virtual' : 'real',
    functions: host.registrations.map((r) => r.name), ...(generated ? { keys: host.keys } : {}),
  })}\n`);
  stopOnSignals('the host', () => host.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
