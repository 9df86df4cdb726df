/**
 * `m3sync failed | show | rewind | restart | terminate | purge | parked | redrive | resolve | dlq | pause | resume |
 * dry-run | completeness | health` — the operations API (functions/operations) from a terminal: tables for people,
 * `--json` for scripts, a progress bar when re-driving a whole reason.
 */
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { InputError } from '../input-error';
import { printJson } from '../read-input';
import { OpsClient, segment, withConnection, type ConnectionOptions } from '../ops-client';
import { printTable } from '../output-table';

const InstanceSchema = z.object({
  instanceId: z.string(), process: z.string(), runtimeStatus: z.string(), createdTime: z.string(), lastUpdatedTime: z.string(),
  customStatus: z.record(z.union([z.string(), z.number(), z.boolean()])).nullable(), lastError: z.string(), sourceRef: z.string(), ids: z.record(z.string()),
}).passthrough();
type Instance = z.infer<typeof InstanceSchema>;
const InstanceListSchema = z.object({ instances: z.array(InstanceSchema), total: z.number() }).passthrough();
const OneInstanceSchema = z.object({ instance: InstanceSchema }).passthrough();
const RestartSchema = z.object({ instanceId: z.string(), restartedFrom: z.string() }).passthrough();
const PurgeSchema = z.object({ instancesDeleted: z.number() }).passthrough();

const ParkedSchema = z.object({
  flow: z.string(), id: z.string(), reason: z.string(), message: z.string(), sourceRef: z.string(), status: z.string(),
  firstSeen: z.string(), lastSeen: z.string(), attempts: z.number(), instanceId: z.string().default(''), note: z.string().default(''),
}).passthrough();
type Parked = z.infer<typeof ParkedSchema>;
const ParkedListSchema = z.object({ items: z.array(ParkedSchema), total: z.number() }).passthrough();
const RedriveSchema = z.object({ redriven: z.object({ flow: z.string(), id: z.string(), how: z.string(), instanceId: z.string() }).passthrough() }).passthrough();
const ResolveSchema = z.object({ item: ParkedSchema }).passthrough();

const DeadLetterSchema = z.object({
  queue: z.string(), messageId: z.string(), deliveryCount: z.number(), enqueuedTimeUtc: z.string(), reason: z.string(), description: z.string(), summary: z.record(z.string()),
}).passthrough();
const DeadLetterListSchema = z.object({ messages: z.array(DeadLetterSchema), total: z.number() }).passthrough();
const ResubmitSchema = z.object({ resubmitted: z.boolean() }).passthrough();

const FlowSchema = z.object({ flow: z.string(), paused: z.boolean(), dryRun: z.boolean() });
const SwitchSchema = z.object({ flow: FlowSchema, drained: z.number() }).passthrough();

const CompletenessSchema = z.object({
  report: z.object({
    checkedAt: z.string(), since: z.string(), until: z.string(), ok: z.boolean(), missingTotal: z.number(),
    missing: z.array(z.object({ sellerId: z.string(), marketplaceId: z.string(), amazonOrderId: z.string(), amazonStatus: z.string(), lastUpdatedTime: z.string(), knownAs: z.string() })),
  }).passthrough().nullable(),
});
/** Without the operations key the app answers the overall status only; with it, every check. */
const HealthSchema = z.object({ status: z.string(), checks: z.array(z.object({ name: z.string(), status: z.string(), latencyMs: z.number(), detail: z.string() })).optional() }).passthrough();

type Opts = ConnectionOptions;

const instanceColumns = [
  { header: 'status', value: (i: Instance) => i.runtimeStatus, max: 12 },
  { header: 'process', value: (i: Instance) => i.process, max: 22 },
  { header: 'instance', value: (i: Instance) => i.instanceId, max: 48 },
  { header: 'updated', value: (i: Instance) => i.lastUpdatedTime, max: 24 },
  { header: 'outcome / error', value: (i: Instance) => i.lastError || [i.customStatus?.outcome, i.customStatus?.reason].filter(Boolean).join(' '), max: 60 },
];

const parkedColumns = [
  { header: 'flow', value: (p: Parked) => p.flow, max: 22 },
  { header: 'id', value: (p: Parked) => p.id, max: 24 },
  { header: 'reason', value: (p: Parked) => p.reason, max: 22 },
  { header: 'message', value: (p: Parked) => p.message, max: 60 },
  { header: 'status', value: (p: Parked) => p.status, max: 10 },
  { header: 'first seen', value: (p: Parked) => p.firstSeen, max: 24 },
  { header: 'last seen', value: (p: Parked) => p.lastSeen, max: 24 },
  { header: 'tries', value: (p: Parked) => p.attempts, max: 6 },
];

function isoOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new InputError(`${name} ${value} is not an ISO-8601 date-time`);
  return new Date(Date.parse(value)).toISOString();
}

function showInstanceLine(i: Instance): void {
  process.stdout.write(`${i.instanceId}  ${i.process}  ${i.runtimeStatus}\n`);
  process.stdout.write(`  created ${i.createdTime}, updated ${i.lastUpdatedTime}\n`);
  if (i.sourceRef) process.stdout.write(`  source ${i.sourceRef}\n`);
  if (i.customStatus) process.stdout.write(`  status ${Object.entries(i.customStatus).map(([k, v]) => `${k}=${String(v)}`).join(' ')}\n`);
  if (i.lastError) process.stdout.write(`  last error: ${i.lastError}\n`);
  for (const [k, v] of Object.entries(i.ids)) process.stdout.write(`  ${k}: ${v}\n`);
}

export function registerOperations(program: Command): void {
  withConnection(program.command('failed').description('failed orchestration instances (failed first, then other statuses with --status)'))
    .option('--process <name>', 'only this process (e.g. order-to-cash)')
    .option('--status <list>', 'runtime statuses, comma-separated (default Failed)', 'Failed')
    .option('--since <iso>', 'created at or after')
    .option('--top <n>', 'at most this many', '100')
    .option('--retrying', 'instead: running instances waiting out an outage between retry rounds')
    .action(async (opts: Opts & { process?: string; status: string; since?: string; top: string; retrying?: boolean }) => {
      const filter = opts.retrying ? { status: 'Running', outcome: 'retrying' } : { status: opts.status };
      const list = await new OpsClient(opts).get('ops/instances', InstanceListSchema, { process: opts.process, ...filter, from: isoOption(opts.since, '--since'), top: opts.top });
      if (opts.json) return printJson(list);
      printTable(list.instances, instanceColumns, 'no instances');
      if (list.total > list.instances.length) process.stdout.write(`(${list.total - list.instances.length} more; use --top)\n`);
    });

  withConnection(program.command('show <instanceId>').description('one orchestration instance: status, source reference, last error'))
    .action(async (id: string, opts: Opts) => {
      const { instance } = await new OpsClient(opts).get(`ops/instances/${segment(id)}`, OneInstanceSchema);
      if (opts.json) printJson(instance);
      else showInstanceLine(instance);
    });

  withConnection(program.command('rewind <instanceId>').description('replay a failed instance from its failed step'))
    .option('--reason <text>', 'why (kept in the history)', 'rewound with m3sync')
    .action(async (id: string, opts: Opts & { reason: string }) => {
      const { instance } = await new OpsClient(opts).post(`ops/instances/${segment(id)}/rewind`, OneInstanceSchema, { reason: opts.reason });
      if (opts.json) printJson(instance);
      else process.stdout.write(`rewound ${instance.instanceId}\n`);
    });

  withConnection(program.command('restart <instanceId>').description('start a new instance from the original input (the new id links back)'))
    .action(async (id: string, opts: Opts) => {
      const result = await new OpsClient(opts).post(`ops/instances/${segment(id)}/restart`, RestartSchema);
      if (opts.json) printJson(result);
      else process.stdout.write(`restarted ${result.restartedFrom} as ${result.instanceId}\n`);
    });

  withConnection(program.command('terminate <instanceId>').description('stop a running instance'))
    .option('--reason <text>', 'why (kept in the history)', 'terminated with m3sync')
    .action(async (id: string, opts: Opts & { reason: string }) => {
      const { instance } = await new OpsClient(opts).post(`ops/instances/${segment(id)}/terminate`, OneInstanceSchema, { reason: opts.reason });
      if (opts.json) printJson(instance);
      else process.stdout.write(`terminated ${instance.instanceId}\n`);
    });

  withConnection(program.command('purge [instanceId]').description('delete the history of one finished instance, or of finished instances older than N days'))
    .option('--older-than-days <n>', 'finished instances created more than N days ago', '30')
    .option('--before <iso>', 'instead: created before this time')
    .option('--status <list>', 'statuses to purge (default Completed,Failed,Terminated)')
    .action(async (id: string | undefined, opts: Opts & { olderThanDays: string; before?: string; status?: string }) => {
      const client = new OpsClient(opts);
      let result: z.infer<typeof PurgeSchema>;
      if (id) result = await client.delete(`ops/instances/${segment(id)}`, PurgeSchema);
      else {
        const days = Number(opts.olderThanDays);
        if (!Number.isFinite(days) || days < 0) throw new InputError(`--older-than-days ${opts.olderThanDays} is not a number of days`);
        const statuses = opts.status?.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
        result = await client.post('ops/purge', PurgeSchema, { olderThanDays: days, before: isoOption(opts.before, '--before'), statuses });
      }
      if (opts.json) printJson(result);
      else process.stdout.write(`purged ${result.instancesDeleted} instance(s)\n`);
    });

  withConnection(program.command('parked').description('parked work: reason, message, source, first/last seen, attempts'))
    .option('--reason <code>', 'only this reason (e.g. SKU_NOT_FOUND)')
    .option('--flow <name>', 'only this flow')
    .option('--status <status>', 'parked | redriven | resolved | open (default: open)', 'open')
    .action(async (opts: Opts & { reason?: string; flow?: string; status: string }) => {
      const list = await new OpsClient(opts).get('ops/parked', ParkedListSchema, { reason: opts.reason, flow: opts.flow, status: opts.status });
      if (opts.json) printJson(list);
      else printTable(list.items, parkedColumns, 'nothing parked');
    });

  withConnection(program.command('redrive [id]').description('re-drive one parked item, or every parked item of a reason (after fixing its cause)'))
    .option('--reason <code>', 'every parked item with this reason')
    .option('--flow <name>', 'the flow of the item (default order-to-cash; with --reason: only this flow)')
    .action(async (id: string | undefined, opts: Opts & { reason?: string; flow?: string }) => {
      const client = new OpsClient(opts);
      if (id && opts.reason) throw new InputError('give an id or --reason, not both');
      if (id) {
        const { redriven } = await client.post(`ops/parked/${segment(opts.flow ?? 'order-to-cash')}/${segment(id)}/redrive`, RedriveSchema);
        if (opts.json) return printJson(redriven);
        process.stdout.write(`re-driven ${redriven.flow}/${redriven.id} (${redriven.how} ${redriven.instanceId})\n`);
        return;
      }
      if (!opts.reason) throw new InputError('give the id of a parked item, or --reason CODE');
      const { items } = await client.get('ops/parked', ParkedListSchema, { reason: opts.reason, flow: opts.flow, status: 'parked' });
      const bar = opts.json || !process.stderr.isTTY ? undefined : new SingleBar({ format: 're-drive [{bar}] {value}/{total} {id}', stream: process.stderr });
      bar?.start(items.length, 0, { id: '' });
      const results: Array<{ flow: string; id: string; ok: boolean; message: string }> = [];
      for (const item of items) {
        try {
          const { redriven } = await client.post(`ops/parked/${segment(item.flow)}/${segment(item.id)}/redrive`, RedriveSchema);
          results.push({ flow: item.flow, id: item.id, ok: true, message: `${redriven.how} ${redriven.instanceId}` });
        } catch (error) {
          results.push({ flow: item.flow, id: item.id, ok: false, message: error instanceof Error ? error.message : String(error) });
        }
        bar?.increment(1, { id: item.id });
      }
      bar?.stop();
      if (opts.json) printJson({ reason: opts.reason, redriven: results.filter((r) => r.ok).length, results });
      else {
        printTable(results, [
          { header: 'flow', value: (r) => r.flow, max: 22 }, { header: 'id', value: (r) => r.id, max: 24 },
          { header: 'ok', value: (r) => (r.ok ? 'yes' : 'NO'), max: 3 }, { header: 'result', value: (r) => r.message, max: 70 },
        ], `nothing parked with reason ${opts.reason}`);
      }
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });

  withConnection(program.command('resolve <id>').description('dismiss a parked item with a note (nothing is retried)'))
    .requiredOption('--note <text>', 'why it is resolved (kept with the item)')
    .option('--flow <name>', 'the flow of the item', 'order-to-cash')
    .action(async (id: string, opts: Opts & { note: string; flow: string }) => {
      if (!opts.note.trim()) throw new InputError('--note must say why');
      const { item } = await new OpsClient(opts).post(`ops/parked/${segment(opts.flow)}/${segment(id)}/resolve`, ResolveSchema, { note: opts.note });
      if (opts.json) printJson(item);
      else process.stdout.write(`resolved ${item.flow}/${item.id}: ${item.note}\n`);
    });

  const dlq = withConnection(program.command('dlq').description('dead-lettered queue messages (poison messages) — `dlq resubmit` puts one back'))
    .option('--queue <name>', 'only this queue (amazon-events, order-sweep, ion-bods)')
    .action(async (opts: Opts & { queue?: string }) => {
      const list = await new OpsClient(opts).get('ops/dlq', DeadLetterListSchema, { queue: opts.queue });
      if (opts.json) return printJson(list);
      printTable(list.messages, [
        { header: 'queue', value: (m) => m.queue, max: 14 }, { header: 'message id', value: (m) => m.messageId, max: 40 },
        { header: 'deliveries', value: (m) => m.deliveryCount, max: 10 }, { header: 'enqueued', value: (m) => m.enqueuedTimeUtc, max: 24 },
        { header: 'reason', value: (m) => `${m.reason}${m.description ? `: ${m.description}` : ''}`, max: 60 },
        { header: 'ids', value: (m) => Object.entries(m.summary).map(([k, v]) => `${k}=${v}`).join(' '), max: 50 },
      ], 'no dead letters');
    });
  withConnection(dlq.command('resubmit <queue> <messageId>').description('move a dead letter back onto its queue (after fixing its cause)'))
    .action(async (queue: string, messageId: string, _opts: Opts, command: Command) => {
      // `dlq` has the same options, and commander hands them to the parent: read both.
      const opts: Opts = command.optsWithGlobals();
      const result = await new OpsClient(opts).post(`ops/dlq/${segment(queue)}/${segment(messageId)}/resubmit`, ResubmitSchema);
      if (opts.json) printJson(result);
      else process.stdout.write(`re-submitted ${messageId} to ${queue}\n`);
    });

  const printSwitch = (result: z.infer<typeof SwitchSchema>, opts: Opts): void => {
    if (opts.json) return printJson(result);
    const f = result.flow;
    process.stdout.write(`${f.flow}: ${f.paused ? 'paused' : 'running'}${f.dryRun ? ', dry run' : ''}${result.drained ? ` (${result.drained} waiting item(s) resumed)` : ''}\n`);
  };
  withConnection(program.command('pause <flow>').description('kill switch: intake continues, the flow writes nothing until resumed'))
    .action(async (flow: string, opts: Opts) => printSwitch(await new OpsClient(opts).post(`ops/flows/${segment(flow)}`, SwitchSchema, { paused: true }), opts));
  withConnection(program.command('resume <flow>').description('resume a paused flow; its waiting backlog drains'))
    .action(async (flow: string, opts: Opts) => printSwitch(await new OpsClient(opts).post(`ops/flows/${segment(flow)}`, SwitchSchema, { paused: false }), opts));
  withConnection(program.command('dry-run <flow> <onOff>').description('dry run on|off: plans are recorded, nothing is written'))
    .action(async (flow: string, onOff: string, opts: Opts) => {
      if (onOff !== 'on' && onOff !== 'off') throw new InputError(`dry-run takes on or off, not "${onOff}"`);
      printSwitch(await new OpsClient(opts).post(`ops/flows/${segment(flow)}`, SwitchSchema, { dryRun: onOff === 'on' }), opts);
    });

  withConnection(program.command('completeness').description('orders Amazon has that M3 should have but does not (latest daily report, or --run now)'))
    .option('--run', 'check now instead of showing the latest report')
    .option('--since <iso>', 'with --run: orders updated at or after')
    .option('--until <iso>', 'with --run: orders updated before')
    .action(async (opts: Opts & { run?: boolean; since?: string; until?: string }) => {
      const since = isoOption(opts.since, '--since');
      const until = isoOption(opts.until, '--until');
      const { report } = await new OpsClient(opts).get('ops/completeness', CompletenessSchema, { run: opts.run || since ? 'true' : undefined, since, until });
      if (opts.json) return printJson({ report });
      if (!report) return void process.stdout.write('no report yet (run with --run)\n');
      process.stdout.write(`${report.ok ? 'complete' : `${report.missingTotal} order(s) missing in M3`} — orders updated ${report.since} … ${report.until} (checked ${report.checkedAt})\n`);
      if (!report.ok) printTable(report.missing, [
        { header: 'order', value: (m) => m.amazonOrderId, max: 22 }, { header: 'marketplace', value: (m) => m.marketplaceId, max: 16 },
        { header: 'status', value: (m) => m.amazonStatus, max: 18 }, { header: 'updated', value: (m) => m.lastUpdatedTime, max: 24 }, { header: 'known as', value: (m) => m.knownAs, max: 40 },
      ], '');
      if (!report.ok) process.exitCode = 1;
    });

  withConnection(program.command('health').description('deep health of the app: storage, queues, durable, M3, SP-API (details with the operations key)'))
    .option('--fresh', 'run a new deep check instead of the cached one (operations key)')
    .action(async (opts: Opts & { fresh?: boolean }) => {
      const client = new OpsClient(opts);
      // 503 means degraded and carries the same report.
      const report = await client.request('GET', 'health', HealthSchema, undefined, { fresh: opts.fresh ? 'true' : undefined }, [503]);
      if (opts.json) printJson(report);
      else if (!report.checks) process.stdout.write(`${report.status} (pass the operations key with --key or M3SYNC_KEY for each check's status)\n`);
      else printTable(report.checks, [
        { header: 'check', value: (c) => c.name }, { header: 'status', value: (c) => c.status }, { header: 'ms', value: (c) => c.latencyMs }, { header: 'detail', value: (c) => c.detail, max: 70 },
      ], '');
      if (report.status !== 'ok') process.exitCode = 1;
    });
}
