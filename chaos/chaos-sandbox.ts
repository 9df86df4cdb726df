/**
 * Storage, both simulators and the app in a host process that a scenario may kill and restart, with the HTTP helpers
 * the scenarios share. Requests to the app retry while it is down, as ION and SQS redeliver to an unreachable endpoint.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createTableAccess } from '../connectors/storage';
import { freePort } from '../local/azurite/azurite-process';
import { startSandboxServices, type SandboxServices } from '../local/sandbox/sandbox';
import { killHost, pause, spawnHost, type HostProcess } from './host-process';

export interface ChaosSandbox {
  services: SandboxServices;
  host(): HostProcess;
  /** SIGKILL the host and start a new one on the same port and storage. */
  crash(): Promise<void>;
  intake(path: string, body: string, contentType: string): Promise<number>;
  stop(): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  masterKey: string;
}

export interface ChaosSandboxOptions {
  timeScale?: number;
  virtualClock?: boolean;
  env?: Record<string, string>;
  sellerId?: string;
  /**
   * Register the seller in these SP-API regions only (default: every region): an inventory run keeps to one region,
   * so every feed it sends is for the marketplaces its expectations are computed for.
   */
  sellerRegions?: string[];
}

const SellersSettingSchema = z.array(z.object({ region: z.string() }).passthrough());

export async function startChaosSandbox(options: ChaosSandboxOptions = {}): Promise<ChaosSandbox> {
  const services = await startSandboxServices({
    taskHub: `chaos${randomBytes(4).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`,
    timeScale: options.timeScale ?? 50,
    sellerId: options.sellerId,
    // Notifications are posted by the scenarios (duplicated, shuffled, retried across crashes), not by the simulator.
    amazon: { notifyUrl: undefined },
    env: options.env,
  });
  const masterKey = randomBytes(12).toString('hex');
  const env: Record<string, string> = {
    ...services.env,
    LOCAL_RUN_TIMERS: 'false',
    LOCAL_MASTER_KEY: masterKey,
    LOCAL_FUNCTION_KEY: randomBytes(12).toString('hex'),
    // A killed host's locked messages come back after 2 s instead of Service Bus's 60 s default lock.
    LOCAL_QUEUE_LOCK_MS: '2000',
    ...(options.virtualClock ? { LOCAL_CLOCK: 'virtual' } : {}),
  };
  if (options.sellerRegions) {
    const regions = options.sellerRegions;
    env.SPAPI_SELLERS = JSON.stringify(SellersSettingSchema.parse(JSON.parse(env.SPAPI_SELLERS ?? '[]')).filter((s) => regions.includes(s.region)));
  }
  let current = await spawnHost(env);
  let stopped = false;
  return {
    services,
    masterKey,
    host: () => current,
    async crash() {
      await killHost(current, 'SIGKILL');
      if (stopped) return;
      try {
        current = await spawnHost(env);
      } catch (error) {
        // The port was free when the sandbox picked it, not reserved: while the host was down another process on this
        // machine (a parallel test) may have bound it. Every request here follows host().url, so a fresh port is as good.
        if (!(error instanceof Error && error.message.includes('EADDRINUSE'))) throw error;
        env.M3SYNC_PORT = String(await freePort());
        current = await spawnHost(env);
      }
    },
    async intake(path, body, contentType) {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await fetch(`${current.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'x-api-key': services.intakeKey }, body });
          await response.text();
          if (response.status < 500) return response.status;
        } catch {
          // The host is down (being restarted): try again, as the sender's retry would.
        }
        if (attempt > 600) throw new Error(`${path}: the app did not accept the request within a minute`);
        await pause(100);
      }
    },
    async advanceClock(ms) {
      try {
        await fetch(`${current.url}/admin/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': masterKey }, body: JSON.stringify({ ms }) });
      } catch {
        // down for a restart: the next tick advances it
      }
    },
    async stop() {
      stopped = true;
      await killHost(current, 'SIGKILL');
      await services.stop();
    },
  };
}

export async function getJson<T>(url: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return (await response.json()) as T;
      if (attempt > 50) throw new Error(`GET ${url} → ${response.status}`);
    } catch (error) {
      if (attempt > 50) throw error;
    }
    await pause(100);
  }
}

export async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`POST ${url} → ${response.status}: ${await response.text()}`);
}

/** Durable instances not yet finished (the host's durable HTTP API on loopback), or undefined while the host is down. */
export async function unfinishedInstances(sandbox: ChaosSandbox): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${sandbox.host().url}/runtime/webhooks/durabletask/instances?runtimeStatus=Pending,Running&top=1000&showInput=false`, { headers: { 'x-functions-key': sandbox.masterKey } });
    if (!response.ok) return undefined;
    const list = (await response.json()) as Array<{ instanceId: string; runtimeStatus: string }>;
    return list.filter((i) => i.runtimeStatus === 'Pending' || i.runtimeStatus === 'Running').map((i) => i.instanceId);
  } catch {
    return undefined;
  }
}

/**
 * How many announced orders still wait in the fetch planner's table for their hand-over (`orderfetchwaiting`). A row a
 * killed host left is handed over by a later planner run, which restarts that order's instance even when the order is
 * in M3 already (it then only finds it there): a run has settled only when no row waits, or a late planner run would
 * start instances after the checks.
 */
export async function waitingHandOvers(sandbox: ChaosSandbox): Promise<number | undefined> {
  try {
    const table = await createTableAccess(sandbox.services.connectionString).table('orderfetchwaiting');
    let rows = 0;
    for await (const _row of table.listEntities()) rows++;
    return rows;
  } catch {
    return undefined;
  }
}

/** Nothing of the order flow in progress: no instance Pending or Running, and no announced order waiting for its hand-over. */
export async function orderFlowIdle(sandbox: ChaosSandbox): Promise<boolean> {
  const running = await unfinishedInstances(sandbox);
  return running !== undefined && running.length === 0 && (await waitingHandOvers(sandbox)) === 0;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  }));
}

/** Polls `done` until it holds or the deadline passes; returns whether it held. */
export async function until(done: () => Promise<boolean>, timeoutMs: number, every = 250, tick?: () => Promise<void>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    if (tick) await tick();
    await pause(every);
  }
  return done();
}

/**
 * SIGKILLs and restarts the host once per threshold: when `progress` reaches the threshold, after its seeded delay.
 * Tying kills to progress (not wall time) makes a seed land its kills at the same points of a run.
 */
export async function killAtProgress(sandbox: ChaosSandbox, thresholds: readonly number[], delays: readonly number[], progress: () => Promise<number>): Promise<number> {
  let kills = 0;
  for (const [i, threshold] of thresholds.entries()) {
    await until(async () => (await progress().catch(() => 0)) >= threshold, 120_000, 100);
    await pause(delays[i] ?? 0);
    await sandbox.crash();
    kills++;
  }
  return kills;
}

/**
 * The chaos host runs no timer on its schedule (runs stay reproducible), so a settling loop calls this as its tick:
 * it runs the `o2c-fetch-planner` timer, as Azure would every minute, at most once per `everyMs`. That timer hands
 * over announced orders whose run a SIGKILL interrupted.
 */
export function fetchPlannerTick(sandbox: ChaosSandbox, everyMs = 10_000): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    try {
      const response = await fetch(`${sandbox.host().url}/admin/functions/o2c-fetch-planner`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': sandbox.masterKey }, body: '{}' });
      await response.text();
    } catch {
      // down for a restart: the next tick runs it
    }
  };
}
