/** Reads what the local host needs from host.json: route prefix, concurrency, lock renewal, dequeue count, task hub name. */
import fs from 'node:fs';
import { z } from 'zod';

const HostJsonSchema = z.object({
  extensions: z.object({
    http: z.object({ routePrefix: z.string().optional() }).passthrough().optional(),
    durableTask: z.object({
      hubName: z.string().optional(),
      maxConcurrentActivityFunctions: z.number().int().positive().optional(),
      maxConcurrentOrchestratorFunctions: z.number().int().positive().optional(),
    }).passthrough().optional(),
    serviceBus: z.object({
      maxConcurrentCalls: z.number().int().positive().optional(),
      autoCompleteMessages: z.boolean().optional(),
      maxAutoLockRenewalDuration: z.string().optional(),
    }).passthrough().optional(),
    queues: z.object({
      maxDequeueCount: z.number().int().positive().optional(),
      batchSize: z.number().int().positive().optional(),
    }).passthrough().optional(),
  }).passthrough().optional(),
}).passthrough();

export interface HostConfig {
  routePrefix: string;
  /** `%NAME%` already resolved from the environment; undefined when host.json names none. */
  hubName?: string;
  maxConcurrentActivityFunctions?: number;
  maxConcurrentOrchestratorFunctions?: number;
  /** Per queue-triggered function, as the Service Bus extension applies it per instance. */
  maxConcurrentCalls: number;
  autoCompleteMessages: boolean;
  maxAutoLockRenewalMs: number;
  /** Storage-queue triggers: poison after this many dequeues (Functions default 5). */
  maxDequeueCount: number;
}

export const DEFAULT_HOST_CONFIG: HostConfig = {
  routePrefix: 'api',
  maxConcurrentCalls: 16,
  autoCompleteMessages: true,
  maxAutoLockRenewalMs: 5 * 60_000,
  maxDequeueCount: 5,
};

/** host.json from `file`; the defaults when it does not exist. A malformed file is an error naming it. */
export function readHostConfig(file: string, env: Record<string, string | undefined> = process.env): HostConfig {
  if (!fs.existsSync(file)) return { ...DEFAULT_HOST_CONFIG };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = HostJsonSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const ext = parsed.data.extensions ?? {};
  const hub = ext.durableTask?.hubName;
  return {
    // Azure treats an empty prefix as "no prefix"; undefined means the default "api".
    routePrefix: (ext.http?.routePrefix ?? DEFAULT_HOST_CONFIG.routePrefix).replace(/^\/+|\/+$/g, ''),
    hubName: hub === undefined ? undefined : resolveAppSettingRefs(hub, env),
    maxConcurrentActivityFunctions: ext.durableTask?.maxConcurrentActivityFunctions,
    maxConcurrentOrchestratorFunctions: ext.durableTask?.maxConcurrentOrchestratorFunctions,
    maxConcurrentCalls: ext.serviceBus?.maxConcurrentCalls ?? DEFAULT_HOST_CONFIG.maxConcurrentCalls,
    autoCompleteMessages: ext.serviceBus?.autoCompleteMessages ?? true,
    maxAutoLockRenewalMs: ext.serviceBus?.maxAutoLockRenewalDuration ? timeSpanMs(ext.serviceBus.maxAutoLockRenewalDuration) : DEFAULT_HOST_CONFIG.maxAutoLockRenewalMs,
    maxDequeueCount: ext.queues?.maxDequeueCount ?? DEFAULT_HOST_CONFIG.maxDequeueCount,
  };
}

/** `%NAME%` → the app setting's value, as the Functions host resolves binding expressions in host.json. */
export function resolveAppSettingRefs(value: string, env: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const resolved = value.replace(/%([^%]+)%/g, (_m, name: string) => {
    const setting = env[name];
    if (setting === undefined || setting === '') missing = true;
    return setting ?? '';
  });
  return missing ? undefined : resolved;
}

/** .NET TimeSpan text `[d.]hh:mm:ss[.fff]` → milliseconds. */
export function timeSpanMs(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a TimeSpan (d.hh:mm:ss)`);
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return (((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + ms;
}
