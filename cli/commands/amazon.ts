/**
 * `m3sync amazon subscribe` and `m3sync amazon subscriptions`: the SP-API Notifications set-up (docs/amazon-facts.md, Notifications,
 * docs/amazon-setup.md §3). The SQS destination is created with a grantless token and each seller's subscriptions with
 * the seller's token (docs/amazon-facts.md, Authorization), idempotently: the destination is looked up by queue ARN before it is created, each
 * subscription with getSubscription before createSubscription, and a 409 from a concurrent run counts as "exists".
 * Credentials come from the same app settings as the app (environment, else local.settings.json Values).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CreateSubscriptionRequest, Destination, SpApiClient, Subscription } from '../../connectors/amazon';
import { PermanentError } from '../../core/errors';
import { readAppSettings, sellersOf, type AppSettings, type SellerSetting } from '../../functions/app-settings';
import { createAmazonClients } from '../../functions/runtime/amazon-clients';
import { InputError } from '../input-error';
import { printTable } from '../output-table';
import { printJson } from '../read-input';

/** The types the app processes; all three are delivered to SQS only (docs/amazon-facts.md, Deprecations to know first). Payload versions per Amazon's schemas. */
export const SQS_NOTIFICATION_TYPES = {
  ORDER_CHANGE: '1.0',
  FEED_PROCESSING_FINISHED: '2020-09-04',
  REPORT_PROCESSING_FINISHED: '2020-09-04',
} as const;
export type SqsNotificationType = keyof typeof SQS_NOTIFICATION_TYPES;
const ALL_TYPES: readonly SqsNotificationType[] = ['ORDER_CHANGE', 'FEED_PROCESSING_FINISHED', 'REPORT_PROCESSING_FINISHED'];

/**
 * ORDER_CHANGE needs an eventFilter ("Processing Directive eventFilter must not be empty") and fails validation with
 * marketplaceIds in it (docs/amazon-facts.md, Notifications, docs/amazon-facts.md): send eventFilterType and orderChangeTypes only.
 */
export function subscriptionRequest(type: SqsNotificationType, destinationId: string): CreateSubscriptionRequest {
  const base = { payloadVersion: SQS_NOTIFICATION_TYPES[type], destinationId };
  if (type !== 'ORDER_CHANGE') return base;
  return { ...base, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] } } };
}

export interface DestinationOutcome { region: string; destinationId: string; name: string; status: 'created' | 'exists' }
export interface SubscriptionOutcome {
  sellerId: string;
  region: string;
  type: SqsNotificationType;
  payloadVersion: string;
  subscriptionId: string;
  destinationId: string;
  /** `other-destination`: an existing subscription sends this type elsewhere; left alone unless --replace. */
  status: 'created' | 'exists' | 'replaced' | 'other-destination';
}
export interface SubscribeResult { queueArn: string; destinations: DestinationOutcome[]; subscriptions: SubscriptionOutcome[] }

/** One client per seller × region; destinations belong to the application in a region, so one seller's client per region creates them. */
export interface SubscribeTarget { seller: SellerSetting; client: SpApiClient }

const ResourceSchema = z.object({ sqs: z.object({ arn: z.string() }).passthrough().optional() }).passthrough();

function sqsArnOf(destination: Destination): string | undefined {
  const parsed = ResourceSchema.safeParse(destination.resource);
  return parsed.success ? parsed.data.sqs?.arn : undefined;
}

function hasStatus(error: unknown, status: number): boolean {
  return error instanceof PermanentError && error.details.status === status;
}

async function findDestination(client: SpApiClient, queueArn: string): Promise<Destination | undefined> {
  return (await client.getDestinations()).find((d) => sqsArnOf(d) === queueArn);
}

async function ensureDestination(client: SpApiClient, region: string, queueArn: string, name: string): Promise<DestinationOutcome> {
  const found = await findDestination(client, queueArn);
  if (found) return { region, destinationId: found.destinationId, name: found.name, status: 'exists' };
  try {
    const created = await client.createDestination({ name, resourceSpecification: { sqs: { arn: queueArn } } });
    return { region, destinationId: created.destinationId, name: created.name, status: 'created' };
  } catch (error) {
    // 409: another run created it between our look-up and our create.
    if (!hasStatus(error, 409)) throw error;
    const raced = await findDestination(client, queueArn);
    if (!raced) throw error;
    return { region, destinationId: raced.destinationId, name: raced.name, status: 'exists' };
  }
}

async function currentSubscription(client: SpApiClient, type: SqsNotificationType): Promise<Subscription | undefined> {
  try {
    return await client.getSubscription(type, SQS_NOTIFICATION_TYPES[type]);
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

async function ensureSubscription(target: SubscribeTarget, type: SqsNotificationType, destinationId: string, replace: boolean): Promise<SubscriptionOutcome> {
  const { client, seller } = target;
  const outcome = (sub: Subscription, status: SubscriptionOutcome['status']): SubscriptionOutcome => ({
    sellerId: seller.sellerId, region: seller.region, type, payloadVersion: sub.payloadVersion, subscriptionId: sub.subscriptionId, destinationId: sub.destinationId, status,
  });
  let replaced = false;
  const existing = await currentSubscription(client, type);
  if (existing && existing.destinationId === destinationId) return outcome(existing, 'exists');
  if (existing) {
    if (!replace) return outcome(existing, 'other-destination');
    await client.deleteSubscriptionById(type, existing.subscriptionId);
    replaced = true;
  }
  try {
    return outcome(await client.createSubscription(type, subscriptionRequest(type, destinationId)), replaced ? 'replaced' : 'created');
  } catch (error) {
    if (!hasStatus(error, 409)) throw error;
    const raced = await currentSubscription(client, type);
    if (!raced) throw error;
    return outcome(raced, raced.destinationId === destinationId ? 'exists' : 'other-destination');
  }
}

/** Creates what is missing and reports what exists; running it again changes nothing. */
export async function subscribe(targets: SubscribeTarget[], queueArn: string, options: { types: SqsNotificationType[]; name: string; replace: boolean }): Promise<SubscribeResult> {
  const destinations = new Map<string, DestinationOutcome>();
  const subscriptions: SubscriptionOutcome[] = [];
  for (const target of targets) {
    const region = target.seller.region;
    let destination = destinations.get(region);
    if (!destination) {
      destination = await ensureDestination(target.client, region, queueArn, options.name);
      destinations.set(region, destination);
    }
    // Sequential on purpose: the Notifications API allows 1 request/s (burst 5) per operation (docs/amazon-facts.md, Notifications).
    for (const type of options.types) subscriptions.push(await ensureSubscription(target, type, destination.destinationId, options.replace));
  }
  return { queueArn, destinations: [...destinations.values()], subscriptions };
}

export interface ListedSubscription { sellerId: string; region: string; type: string; payloadVersion: string; subscriptionId: string; destinationId: string; destination: string }

export async function listSubscriptions(targets: SubscribeTarget[], types: SqsNotificationType[]): Promise<{ destinations: Array<DestinationOutcome & { resource: string }>; subscriptions: ListedSubscription[] }> {
  const byRegion = new Map<string, Destination[]>();
  const subscriptions: ListedSubscription[] = [];
  for (const { seller, client } of targets) {
    let destinations = byRegion.get(seller.region);
    if (!destinations) {
      destinations = await client.getDestinations();
      byRegion.set(seller.region, destinations);
    }
    for (const type of types) {
      const sub = await currentSubscription(client, type);
      if (!sub) continue;
      const destination = destinations.find((d) => d.destinationId === sub.destinationId);
      subscriptions.push({
        sellerId: seller.sellerId, region: seller.region, type, payloadVersion: sub.payloadVersion, subscriptionId: sub.subscriptionId, destinationId: sub.destinationId,
        destination: destination ? describeResource(destination) : '(not found)',
      });
    }
  }
  const destinations = [...byRegion.entries()].flatMap(([region, list]) => list.map((d) => ({ region, destinationId: d.destinationId, name: d.name, status: 'exists' as const, resource: describeResource(d) })));
  return { destinations, subscriptions };
}

function describeResource(destination: Destination): string {
  const arn = sqsArnOf(destination);
  if (arn) return arn;
  const bridge = z.object({ eventBridge: z.object({ name: z.string().optional(), accountId: z.string().optional(), region: z.string().optional() }).passthrough() }).passthrough().safeParse(destination.resource);
  return bridge.success ? `eventBridge ${bridge.data.eventBridge.name ?? `${bridge.data.eventBridge.accountId ?? ''} ${bridge.data.eventBridge.region ?? ''}`}`.trim() : JSON.stringify(destination.resource);
}

// ---- command line

const LocalSettingsSchema = z.object({ Values: z.record(z.union([z.string(), z.number(), z.boolean()])).optional() }).passthrough();

/** App settings as the app would see them: the environment wins over local.settings.json Values (as with `func start`). */
export async function loadCliSettings(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<AppSettings> {
  const candidate = file ?? path.resolve(process.cwd(), 'local.settings.json');
  let values: Record<string, string> = {};
  if (file !== undefined || existsSync(candidate)) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch (error) {
      throw new InputError(`${candidate}: cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InputError(`${candidate}: not valid JSON`);
    }
    const settings = LocalSettingsSchema.safeParse(parsed);
    if (!settings.success) throw new InputError(`${candidate}: "Values" must map setting names to strings`);
    values = Object.fromEntries(Object.entries(settings.data.Values ?? {}).map(([k, v]) => [k, String(v)]));
  }
  const merged: Record<string, string | undefined> = { ...values };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  try {
    return readAppSettings(merged);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}

function targetsFrom(settings: AppSettings, sellerId: string | undefined): SubscribeTarget[] {
  let sellers: SellerSetting[];
  try {
    sellers = sellersOf(settings);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
  if (sellers.length === 0) throw new InputError('no sellers configured: set SPAPI_SELLERS (environment or local.settings.json Values)');
  if (!settings.SPAPI_LWA_CLIENT_ID || !settings.SPAPI_LWA_CLIENT_SECRET) throw new InputError('SPAPI_LWA_CLIENT_ID and SPAPI_LWA_CLIENT_SECRET are required (environment or local.settings.json Values)');
  const chosen = sellerId === undefined ? sellers : sellers.filter((s) => s.sellerId === sellerId);
  if (chosen.length === 0) throw new InputError(`--seller ${sellerId ?? ''} is not in SPAPI_SELLERS (configured: ${sellers.map((s) => s.sellerId).join(', ')})`);
  const clients = createAmazonClients(settings, sellers);
  return chosen.map((seller) => ({ seller, client: clients.forSeller(seller.sellerId, seller.marketplaceIds[0]) }));
}

export function parseTypes(value: string | undefined): SqsNotificationType[] {
  if (value === undefined) return [...ALL_TYPES];
  const names = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (names.length === 0) throw new InputError('--types names no notification type');
  const unknown = names.filter((n) => !ALL_TYPES.some((t) => t === n));
  if (unknown.length > 0) throw new InputError(`--types ${unknown.join(',')}: the app subscribes only ${ALL_TYPES.join(', ')} (SQS-delivered types it processes)`);
  return ALL_TYPES.filter((t) => names.includes(t));
}

/** A standard SQS queue ARN; Amazon does not deliver to FIFO queues (docs/amazon-facts.md, Notifications). */
export function checkQueueArn(arn: string): string {
  const value = arn.trim();
  if (value.endsWith('.fifo')) throw new InputError(`--queue-arn ${value}: a FIFO queue; Amazon delivers notifications only to standard queues`);
  if (!/^arn:aws(-[a-z]+)*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}$/.test(value)) {
    throw new InputError(`--queue-arn ${value} is not an SQS queue ARN (arn:aws:sqs:<region>:<12-digit account>:<queue name>)`);
  }
  return value;
}

interface CommonOptions { seller?: string; types?: string; settings?: string; json?: boolean }

export function registerAmazon(program: Command): void {
  const amazon = program.command('amazon').description('Amazon set-up: the notifications destination and subscriptions (docs/amazon-setup.md)');

  amazon.command('subscribe')
    .description('create the SQS destination (grantless) and the subscriptions of every seller; safe to run again')
    .requiredOption('--queue-arn <arn>', 'ARN of the standard SQS queue Amazon sends to (arn:aws:sqs:<region>:<account>:<name>)')
    .option('--types <list>', `comma-separated notification types (default ${ALL_TYPES.join(',')})`)
    .option('--seller <id>', 'only this seller of SPAPI_SELLERS (default: every seller)')
    .option('--name <name>', 'name of the destination, if it has to be created', 'm3sync-notifications')
    .option('--replace', 'move a subscription that sends a type to another destination over to this queue')
    .option('--settings <file>', 'app settings file (default ./local.settings.json when present; environment variables win)')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { queueArn: string; name: string; replace?: boolean }) => {
      const queueArn = checkQueueArn(opts.queueArn);
      const types = parseTypes(opts.types);
      const targets = targetsFrom(await loadCliSettings(opts.settings), opts.seller);
      const result = await subscribe(targets, queueArn, { types, name: opts.name, replace: opts.replace === true });
      const elsewhere = result.subscriptions.filter((s) => s.status === 'other-destination');
      if (opts.json) {
        printJson(result);
      } else {
        printTable(result.destinations, [
          { header: 'region', value: (d) => d.region }, { header: 'destination', value: (d) => d.destinationId }, { header: 'name', value: (d) => d.name }, { header: 'status', value: (d) => d.status },
        ], 'no destination');
        printTable(result.subscriptions, [
          { header: 'seller', value: (s) => s.sellerId }, { header: 'region', value: (s) => s.region }, { header: 'type', value: (s) => s.type },
          { header: 'subscription', value: (s) => s.subscriptionId }, { header: 'destination', value: (s) => s.destinationId }, { header: 'status', value: (s) => s.status },
        ], 'no subscription');
      }
      if (elsewhere.length > 0) {
        process.stderr.write(`warning: ${elsewhere.map((s) => `${s.sellerId} ${s.type}`).join(', ')} already sent to another destination; run again with --replace to move them to ${queueArn}\n`);
        process.exitCode = 1;
      }
    });

  amazon.command('subscriptions')
    .description("list the sellers' notification subscriptions and the application's destinations")
    .option('--types <list>', `comma-separated notification types (default ${ALL_TYPES.join(',')})`)
    .option('--seller <id>', 'only this seller of SPAPI_SELLERS')
    .option('--settings <file>', 'app settings file (default ./local.settings.json when present; environment variables win)')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions) => {
      const types = parseTypes(opts.types);
      const listed = await listSubscriptions(targetsFrom(await loadCliSettings(opts.settings), opts.seller), types);
      if (opts.json) {
        printJson(listed);
        return;
      }
      printTable(listed.destinations, [
        { header: 'region', value: (d) => d.region }, { header: 'destination', value: (d) => d.destinationId }, { header: 'name', value: (d) => d.name }, { header: 'resource', value: (d) => d.resource, max: 80 },
      ], 'no destinations');
      printTable(listed.subscriptions, [
        { header: 'seller', value: (s) => s.sellerId }, { header: 'region', value: (s) => s.region }, { header: 'type', value: (s) => s.type }, { header: 'version', value: (s) => s.payloadVersion },
        { header: 'subscription', value: (s) => s.subscriptionId }, { header: 'destination', value: (s) => s.destination, max: 80 },
      ], 'no subscriptions');
    });
}
