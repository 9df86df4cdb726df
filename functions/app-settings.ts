/**
 * Every app setting the function app reads, parsed once with zod. The infra consistency test compares
 * APP_SETTING_NAMES with infra/ and local.settings.sample.json, so a setting is added here or nowhere.
 */
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => v === 'true' || v === '1');
const csv = z.string().optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));

/** One seller this deployment serves (refresh token per seller; a JSON array in SPAPI_SELLERS). */
export const SellerSettingSchema = z.object({
  sellerId: z.string().min(1),
  region: z.enum(['NA', 'EU', 'FE']),
  marketplaceIds: z.array(z.string().min(1)).min(1),
  refreshToken: z.string().min(1),
});
export type SellerSetting = z.infer<typeof SellerSettingSchema>;

export const AppSettingsSchema = z.object({
  /** A connection string (Azurite locally); in Azure the identity-based form below is used instead. */
  AzureWebJobsStorage: z.string().optional(),
  /** Identity-based storage (managed identity, no keys): the storage account name. */
  AzureWebJobsStorage__accountName: z.string().optional(),
  TASKHUB_NAME: z.string().default('m3sync'),
  /** `servicebus` in Azure (required there: see assertStatedInAzure); `storage` locally, where Azurite queues stand in for Service Bus. */
  MESSAGING_TRANSPORT: z.enum(['servicebus', 'storage']).default('storage'),
  ServiceBusConnection: z.string().optional(),
  ServiceBusConnection__fullyQualifiedNamespace: z.string().optional(),
  /**
   * Keys the intake endpoints (POST /api/amazon/notifications, POST /api/ion/bods) accept in `x-api-key`
   * (comma-separated, so keys can be rotated without downtime); at least 32 characters each. They open nothing else.
   */
  INTAKE_API_KEY: csv,
  /** Keys the operations API, the ops page's calls, reconcile and settlement operations accept in `x-api-key` only; ≥ 32 characters, never an intake key. */
  OPS_API_KEY: csv,
  SPAPI_LWA_CLIENT_ID: z.string().default(''),
  SPAPI_LWA_CLIENT_SECRET: z.string().default(''),
  SPAPI_LWA_TOKEN_URL: z.string().default('https://api.amazon.com/auth/o2/token'),
  /** JSON array of sellers: [{sellerId, region, marketplaceIds, refreshToken}]. */
  SPAPI_SELLERS: z.string().default('[]'),
  /** Overrides the regional SP-API endpoint (the sandbox points it at the simulator); `{region}` in it becomes na, eu or fe. */
  SPAPI_ENDPOINT: z.string().optional(),
  /** Rate limits run this many times faster than Amazon documents: only for a time-scaled simulator (sandbox, benchmarks). */
  SPAPI_RATE_TIME_SCALE: z.coerce.number().positive().default(1),
  /** The `.ionapi` file content (a Key Vault reference in Azure) or, for development, a path to it. */
  M3_IONAPI: z.string().optional(),
  M3_IONAPI_PATH: z.string().optional(),
  /** On-premises M3: MI REST base URL with basic auth or a bearer token instead of an `.ionapi`. */
  M3_BASE_URL: z.string().optional(),
  M3_USER: z.string().optional(),
  M3_PASSWORD: z.string().optional(),
  M3_BEARER_TOKEN: z.string().optional(),
  M3_CONO: z.string().default('100'),
  M3_DIVI: z.string().default(''),
  MAPPINGS_PATH: z.string().default('mappings'),
  /** Largest BOD the intake accepts, in bytes (docs/contracts.md, HTTP endpoints: 413 above it). */
  BOD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Most elements one BOD may hold; checked while parsing, so a flood of empty elements stops before it costs memory. */
  BOD_MAX_ELEMENTS: z.coerce.number().int().positive().default(200_000),
  /** Deepest element nesting a BOD may have (real BODs nest about 10 levels). */
  BOD_MAX_DEPTH: z.coerce.number().int().positive().max(1000).default(100),
  /** Most noun documents (Shipment, ItemMaster, inventory lines' parents) one BOD may carry; each becomes work downstream. */
  BOD_MAX_DOCUMENTS: z.coerce.number().int().positive().default(500),
  /** Largest notification body, in bytes. */
  NOTIFICATION_MAX_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Above this many waiting shipment confirmations per seller × region, one POST_ORDER_FULFILLMENT_DATA feed is sent instead. */
  SHIPMENT_BULK_THRESHOLD: z.coerce.number().int().nonnegative().default(50),
  /**
   * Retry-policy rounds an orchestration runs through an outage before it fails (functions/runtime/patient-activity.ts):
   * 10 ≈ a day of 15 min → 4 h pauses. Lowering it also shortens instances already waiting.
   */
  OUTAGE_RETRY_ROUNDS: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * Days finished orchestration history (inputs, outputs, errors) and claim-check blobs are kept before the daily
   * `history-purge` timer deletes them.
   */
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Flows paused by configuration (kill switch): intake queues, nothing is written to M3 or Amazon. */
  PAUSED_FLOWS: csv,
  /** Flows in dry run: plans are computed and recorded, nothing is written. */
  DRY_RUN_FLOWS: csv,
  /** Sandbox mode: the app talks to the local simulators. */
  M3SYNC_SANDBOX: flag,
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
  /** The SQS queue Amazon sends ORDER_CHANGE/FEED/REPORT notifications to; set = the `amazon-sqs-poller` timer pulls it, empty = disabled (use the EventBridge pipe instead). */
  AMAZON_SQS_QUEUE_URL: z.string().default(''),
  /** AWS region of that queue (default: read from the queue URL). */
  AWS_REGION: z.string().default(''),
  /** AWS access key allowed sqs:ReceiveMessage/DeleteMessage on the queue; empty = the AWS SDK's default credential chain. */
  AWS_ACCESS_KEY_ID: z.string().default(''),
  AWS_SECRET_ACCESS_KEY: z.string().default(''),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const APP_SETTING_NAMES: readonly string[] = Object.keys(AppSettingsSchema.shape);

/** Where the app's tables, blobs and (locally) queues live: a connection string, or an account reached by managed identity. */
export type StorageTarget = { kind: 'connection-string'; connectionString: string } | { kind: 'identity'; accountName: string };

export function storageTargetOf(settings: AppSettings): StorageTarget {
  if (settings.AzureWebJobsStorage) return { kind: 'connection-string', connectionString: settings.AzureWebJobsStorage };
  if (settings.AzureWebJobsStorage__accountName) return { kind: 'identity', accountName: settings.AzureWebJobsStorage__accountName };
  throw new Error('app setting AzureWebJobsStorage (or AzureWebJobsStorage__accountName) is required');
}

/**
 * Whether the process runs on Azure's platform: App Service (which hosts Functions) sets WEBSITE_INSTANCE_ID and
 * WEBSITE_SITE_NAME on every instance; the local host does not. (Whether Core Tools sets WEBSITE_SITE_NAME is
 * unconfirmed; local.settings.sample.json states MESSAGING_TRANSPORT anyway.)
 */
export function runsInAzure(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.WEBSITE_INSTANCE_ID || env.WEBSITE_SITE_NAME);
}

/**
 * Settings whose default is right only locally must be stated in Azure. MESSAGING_TRANSPORT defaults to `storage`
 * (Azurite queues locally); an Azure app left on that default would send its work to Storage queues that no trigger
 * reads, because the queue triggers listen on Service Bus. So the app refuses to start instead.
 */
export function assertStatedInAzure(env: NodeJS.ProcessEnv = process.env): void {
  if (runsInAzure(env) && !env.MESSAGING_TRANSPORT) {
    throw new Error(
      'app setting MESSAGING_TRANSPORT is required in Azure: set it to "servicebus" (the queue triggers read Service Bus; ' +
        'the local default "storage" would send messages to Storage queues that no trigger reads)',
    );
  }
}

/** Reads the settings from an environment; a bad value names the setting (never its value: it may be a secret). */
export function readAppSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  assertStatedInAzure(env);
  const picked: Record<string, string | undefined> = {};
  for (const name of APP_SETTING_NAMES) picked[name] = env[name];
  const parsed = AppSettingsSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`app setting ${issue?.path.join('.') ?? '?'} is invalid: ${issue?.message ?? 'unknown problem'}`);
  }
  return parsed.data;
}

export function sellersOf(settings: AppSettings): SellerSetting[] {
  let raw: unknown;
  try {
    raw = JSON.parse(settings.SPAPI_SELLERS);
  } catch {
    throw new Error('app setting SPAPI_SELLERS is not valid JSON');
  }
  const parsed = z.array(SellerSettingSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`app setting SPAPI_SELLERS[${issue?.path.join('.') ?? '?'}] is invalid: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
