/**
 * `m3sync amazon subscribe` / `subscriptions` against the strict SP-API simulator (every request checked against Amazon's
 * notifications model, grantless vs seller tokens enforced): one destination and one subscription per type however
 * often it runs, concurrent runs included; subscriptions elsewhere are reported and moved only with --replace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { runCliInProcess, type CliRun } from '../support/run-cli';
import os from 'node:os';
import path from 'node:path';
import { subscribe, subscriptionRequest, type SubscribeTarget } from '../../cli/commands/amazon';
import { InMemoryRateGovernor, LwaTokenProvider, SpApiClient } from '../../connectors/amazon';
import { startAmazonSimulator, type AmazonSimulator } from '../../local/sim/amazon/amazon-simulator';
import { describeWithModels } from '../connectors/amazon/sim-harness';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:m3sync-notifications';
const OTHER_ARN = 'arn:aws:sqs:us-east-1:123456789012:someone-elses-queue';
const SETTING_NAMES = ['SPAPI_LWA_CLIENT_ID', 'SPAPI_LWA_CLIENT_SECRET', 'SPAPI_LWA_TOKEN_URL', 'SPAPI_SELLERS', 'SPAPI_ENDPOINT', 'SPAPI_RATE_TIME_SCALE'];

describeWithModels('m3sync amazon subscribe and subscriptions (strict simulator)', () => {
  let sim: AmazonSimulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startAmazonSimulator({ strict: true, timeScale: 1000 });
    env = {
      SPAPI_LWA_CLIENT_ID: sim.clientId, SPAPI_LWA_CLIENT_SECRET: sim.clientSecret, SPAPI_LWA_TOKEN_URL: `${sim.url}/auth/o2/token`,
      SPAPI_SELLERS: JSON.stringify([{ sellerId: sim.sellerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], refreshToken: sim.refreshToken }]),
      SPAPI_ENDPOINT: sim.url, SPAPI_RATE_TIME_SCALE: '1000',
    };
  });
  afterAll(async () => { await sim.close(); });
  beforeEach(() => {
    sim.state.destinations = [];
    sim.state.subscriptions = [];
    sim.violations.length = 0;
  });

  it('creates exactly one destination and one subscription per type however often it runs', async () => {
    const first = await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--json'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const created = JSON.parse(first.stdout);
    expect(created.destinations).toEqual([expect.objectContaining({ region: 'NA', status: 'created', name: 'm3sync-notifications' })]);
    expect(created.subscriptions.map((s: { type: string; status: string }) => `${s.type} ${s.status}`)).toEqual([
      'ORDER_CHANGE created', 'FEED_PROCESSING_FINISHED created', 'REPORT_PROCESSING_FINISHED created',
    ]);

    for (let i = 0; i < 2; i++) {
      const again = await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--json'], env);
      expect(again.code).toBe(0);
      const result = JSON.parse(again.stdout);
      expect(result.destinations[0]).toMatchObject({ status: 'exists', destinationId: created.destinations[0].destinationId });
      expect(result.subscriptions.map((s: { status: string }) => s.status)).toEqual(['exists', 'exists', 'exists']);
    }

    expect(sim.state.destinations).toEqual([expect.objectContaining({ resource: { sqs: { arn: QUEUE_ARN } } })]);
    expect(sim.state.subscriptions.map((s) => `${s.notificationType} ${s.payloadVersion}`).sort()).toEqual([
      'FEED_PROCESSING_FINISHED 2020-09-04', 'ORDER_CHANGE 1.0', 'REPORT_PROCESSING_FINISHED 2020-09-04',
    ]);
    expect(sim.state.subscriptions.find((s) => s.notificationType === 'ORDER_CHANGE')?.processingDirective).toEqual({
      eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] },
    });
    expect(sim.violations).toEqual([]);
  });

  it('stays at one destination and one subscription per type when two runs race', async () => {
    const targets = (): SubscribeTarget[] => {
      const lwa = new LwaTokenProvider({ clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken, tokenUrl: `${sim.url}/auth/o2/token` });
      const client = new SpApiClient({ sellerId: sim.sellerId, region: 'NA', endpoint: sim.url, lwa, governor: new InMemoryRateGovernor({ timeScale: 1000 }), userAgent: 'test', backoffBaseMs: 1, backoffMaxMs: 5 });
      return [{ seller: { sellerId: sim.sellerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], refreshToken: sim.refreshToken }, client }];
    };
    const options = { types: ['ORDER_CHANGE', 'FEED_PROCESSING_FINISHED', 'REPORT_PROCESSING_FINISHED'] as const, name: 'm3sync-notifications', replace: false };
    const [a, b] = await Promise.all([subscribe(targets(), QUEUE_ARN, { ...options, types: [...options.types] }), subscribe(targets(), QUEUE_ARN, { ...options, types: [...options.types] })]);
    expect(sim.state.destinations).toHaveLength(1);
    expect(sim.state.subscriptions).toHaveLength(3);
    expect(a.destinations[0]?.destinationId).toBe(b.destinations[0]?.destinationId);
    expect([...a.subscriptions, ...b.subscriptions].every((s) => s.status === 'created' || s.status === 'exists')).toBe(true);
  });

  it('lists the subscriptions with the queue they deliver to', async () => {
    await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--types', 'order_change'], env);
    const listed = await run(['amazon', 'subscriptions', '--json'], env);
    expect(listed.code).toBe(0);
    const body = JSON.parse(listed.stdout);
    expect(body.subscriptions).toEqual([expect.objectContaining({ sellerId: sim.sellerId, region: 'NA', type: 'ORDER_CHANGE', payloadVersion: '1.0', destination: QUEUE_ARN })]);
    expect(body.destinations).toEqual([expect.objectContaining({ region: 'NA', resource: QUEUE_ARN })]);
    const table = await run(['amazon', 'subscriptions'], env);
    expect(table.stdout).toContain('ORDER_CHANGE');
    expect(table.stdout).toContain(QUEUE_ARN);
  });

  it('reports a subscription that sends to another destination and moves it only with --replace', async () => {
    await run(['amazon', 'subscribe', '--queue-arn', OTHER_ARN, '--types', 'ORDER_CHANGE'], env);
    const refused = await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--types', 'ORDER_CHANGE', '--json'], env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).subscriptions[0]).toMatchObject({ type: 'ORDER_CHANGE', status: 'other-destination' });
    expect(refused.stderr).toMatch(/^warning: .*ORDER_CHANGE already sent to another destination; run again with --replace/);

    const moved = await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--types', 'ORDER_CHANGE', '--replace', '--json'], env);
    expect(moved.code).toBe(0);
    const result = JSON.parse(moved.stdout);
    expect(result.subscriptions[0]).toMatchObject({ status: 'replaced', destinationId: result.destinations[0].destinationId });
    expect(sim.state.subscriptions).toHaveLength(1);
    expect(sim.state.subscriptions[0]?.destinationId).toBe(result.destinations[0].destinationId);
  });

  it('reads the credentials from a local.settings.json file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'm3sync-amazon-'));
    try {
      const file = path.join(dir, 'local.settings.json');
      writeFileSync(file, JSON.stringify({ IsEncrypted: false, Values: env }));
      const out = await run(['amazon', 'subscribe', '--queue-arn', QUEUE_ARN, '--settings', file, '--seller', sim.sellerId], {});
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('created');
      expect(sim.state.subscriptions).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the ORDER_CHANGE request with the event filter and no marketplaceIds', () => {
    expect(subscriptionRequest('ORDER_CHANGE', 'd1')).toEqual({ payloadVersion: '1.0', destinationId: 'd1', processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] } } });
    expect(subscriptionRequest('REPORT_PROCESSING_FINISHED', 'd1')).toEqual({ payloadVersion: '2020-09-04', destinationId: 'd1' });
  });

  it.each([
    [['--queue-arn', 'arn:aws:sqs:us-east-1:123456789012:orders.fifo'], /^error: --queue-arn .*orders\.fifo: a FIFO queue/],
    [['--queue-arn', 'https://sqs.us-east-1.amazonaws.com/123456789012/q'], /^error: --queue-arn .* is not an SQS queue ARN/],
    [['--queue-arn', QUEUE_ARN, '--types', 'ORDER_CHANGE,LISTINGS_ITEM_STATUS_CHANGE'], /^error: --types LISTINGS_ITEM_STATUS_CHANGE: the app subscribes only/],
    [['--queue-arn', QUEUE_ARN, '--seller', 'A1NOBODY'], /^error: --seller A1NOBODY is not in SPAPI_SELLERS/],
  ])('subscribe %j exits 2 with one error line', async (args, message) => {
    const out = await run(['amazon', 'subscribe', ...args], env);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits 2 naming the setting when no sellers are configured', async () => {
    const out = await run(['amazon', 'subscriptions'], { ...env, SPAPI_SELLERS: '[]' });
    expect(out).toMatchObject({ code: 2, stderr: 'error: no sellers configured: set SPAPI_SELLERS (environment or local.settings.json Values)\n' });
  });
});

/** Runs the CLI with exactly `vars` among the app settings (every other setting unset). */
function run(argv: string[], vars: Record<string, string>): Promise<CliRun> {
  const env: Record<string, string | undefined> = Object.fromEntries(SETTING_NAMES.map((name) => [name, undefined]));
  return runCliInProcess(argv, { ...env, ...vars });
}
