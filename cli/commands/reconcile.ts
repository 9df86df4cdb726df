/**
 * `m3sync reconcile inventory`: asks the running app (GET /api/ops/inventory/reconcile, paged) for M3 vs Amazon
 * quantities — with M3's item status and allocatable net they come from — prints the discrepancies (csv, json or a
 * table) and with --fix posts them back as corrections (the M3 value is the one the sweep's rule computes).
 */
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { z } from 'zod';
import { reconcilePricesCommand, type ReconcilePricesOptions } from './reconcile-prices';
import { call, csvField, readReconcilePages, reconcileRequest, withReconcileOptions, type ReconcileOptions } from './reconcile-call';

const RowSchema = z.object({
  sellerId: z.string(), region: z.string(), marketplaceId: z.string(), sku: z.string(), itemNumber: z.string(),
  m3Status: z.string().nullable().default(null), m3Allocatable: z.string().default(''),
  m3: z.number(), amazon: z.number().nullable(), difference: z.number().nullable(), lastSent: z.number().nullable(), lastAccepted: z.number().nullable(),
});
type Row = z.infer<typeof RowSchema>;

const show = (v: number | null): string => (v === null ? '' : String(v));

function render(rows: Row[], format: string): string {
  const columns = ['sku', 'marketplaceId', 'm3Status', 'm3Allocatable', 'm3', 'amazon', 'difference', 'lastSent', 'lastAccepted'] as const;
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    return `${['sku', 'marketplace', 'm3_status', 'm3_allocatable', 'm3', 'amazon', 'difference', 'last_sent', 'last_accepted'].join(',')}\n${rows.map((r) => columns.map((c) => csvField(typeof r[c] === 'string' ? String(r[c]) : show(r[c] as number | null))).join(',')).join('\n')}${rows.length ? '\n' : ''}`;
  }
  const table = new Table({ head: ['SKU', 'Marketplace', 'M3 status', 'M3 allocatable', 'M3 to sell', 'Amazon', 'Difference', 'Last sent', 'Last accepted'] });
  for (const r of rows) table.push([r.sku, r.marketplaceId, r.m3Status ?? '(unknown)', r.m3Allocatable, show(r.m3), r.amazon === null ? '(not listed)' : show(r.amazon), show(r.difference), show(r.lastSent), show(r.lastAccepted)]);
  return `${table.toString()}\n`;
}

export async function reconcileInventoryCommand(opts: ReconcileOptions): Promise<void> {
  const { format, pageSize, base } = reconcileRequest(opts, '/api/ops/inventory/reconcile');

  const bar = process.stderr.isTTY ? new SingleBar({ format: 'reconcile |{bar}| {value}/{total} SKUs', stream: process.stderr }, Presets.shades_classic) : undefined;
  const rows = await readReconcilePages(RowSchema, base, { ...opts, pageSize }, (page) => {
    if (bar && page.offset === 0) bar.start(page.total, 0);
    bar?.update(page.offset + page.rows.length);
  });
  bar?.stop();
  // A SKU Amazon has no listing for cannot take a quantity (a feed PATCH would fail): reported with --all, never "fixed".
  const discrepancies = rows.filter((r) => r.amazon !== null && r.difference !== 0);
  process.stdout.write(render(opts.all ? rows : discrepancies, format));
  if (format !== 'json') process.stderr.write(`${rows.length} SKUs compared, ${discrepancies.length} discrepancies\n`);
  if (opts.fix && discrepancies.length > 0) {
    const corrections = discrepancies.map((r) => ({ sellerId: r.sellerId, marketplaceId: r.marketplaceId, sku: r.sku, itemNumber: r.itemNumber, m3: r.m3, amazon: r.amazon }));
    const result = z.object({ queued: z.number() }).parse(await call(base.toString(), opts.key, { method: 'POST', body: { corrections } }));
    process.stderr.write(`${result.queued} corrections queued\n`);
  }
}

export function registerReconcile(program: Command): void {
  const reconcile = program.command('reconcile').description('compare M3 with Amazon and correct the differences');
  withReconcileOptions(
    reconcile.command('inventory').description('list SKUs whose M3 available-to-sell differs from the quantity Amazon holds (--fix queues corrections)'),
    { fix: 'queue the M3 quantity for every discrepancy', all: 'list every SKU, not only discrepancies' },
  ).action(async (opts: ReconcileOptions) => reconcileInventoryCommand(opts));
  withReconcileOptions(
    reconcile.command('prices').description('list SKUs whose M3 price differs from the offer price Amazon holds (--fix queues M3\'s prices)'),
    { fix: 'queue the M3 price for every difference', all: 'list every SKU, not only differences' },
  )
    .action(async (opts: ReconcilePricesOptions) => reconcilePricesCommand(opts));
}
