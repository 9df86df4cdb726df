/**
 * `m3sync reconcile prices`: asks the running app (GET /api/ops/prices/reconcile, paged) for M3's offer price next to
 * the one Amazon holds per marketplace and SKU, prints the differences (csv, json or a table) and with --fix posts
 * them back: M3's price is queued for the next feed as an approved price (a zero price is never sent); a business offer
 * M3 no longer prices (M3 empty on a B2B row) is removed.
 */
import Table from 'cli-table3';
import { z } from 'zod';
import { call, csvField, readReconcilePages, reconcileRequest, type ReconcileOptions } from './reconcile-call';

const RowSchema = z.object({
  audience: z.enum(['ALL', 'B2B']).default('ALL'), sellerId: z.string(), region: z.string(), marketplaceId: z.string(), sku: z.string(), itemNumber: z.string(), currency: z.string(),
  m3: z.string(), amazon: z.string().nullable(), same: z.boolean(), lastSent: z.string().nullable(), lastAccepted: z.string().nullable(),
});
type Row = z.infer<typeof RowSchema>;

export type ReconcilePricesOptions = ReconcileOptions;

function render(rows: Row[], format: string): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cells = (r: Row): string[] => [r.sku, r.marketplaceId, r.audience, r.currency, r.m3, r.amazon ?? '', r.lastSent ?? '', r.lastAccepted ?? ''];
  if (format === 'csv') {
    return `sku,marketplace,audience,currency,m3,amazon,last_sent,last_accepted\n${rows.map((r) => cells(r).map(csvField).join(',')).join('\n')}${rows.length ? '\n' : ''}`;
  }
  const table = new Table({ head: ['SKU', 'Marketplace', 'Audience', 'Currency', 'M3', 'Amazon', 'Last sent', 'Last accepted'] });
  // M3 '' on a business row: M3 gives no business price (--fix removes Amazon's business offer).
  for (const r of rows) table.push(cells(r).map((c, i) => (i === 5 && c === '' ? '(no price)' : i === 4 && c === '' ? '(no business offer)' : c)));
  return `${table.toString()}\n`;
}

export async function reconcilePricesCommand(opts: ReconcilePricesOptions): Promise<void> {
  const { format, pageSize, base } = reconcileRequest(opts, '/api/ops/prices/reconcile');
  const rows = await readReconcilePages(RowSchema, base, { ...opts, pageSize });
  const differences = rows.filter((r) => !r.same);
  process.stdout.write(render(opts.all ? rows : differences, format));
  if (format !== 'json') process.stderr.write(`${rows.length} prices compared, ${differences.length} differ\n`);
  if (opts.fix && differences.length > 0) {
    const corrections = differences.map((r) => ({ sellerId: r.sellerId, marketplaceId: r.marketplaceId, sku: r.sku, itemNumber: r.itemNumber, currency: r.currency, m3: r.m3, audience: r.audience }));
    const result = z.object({ queued: z.number(), skipped: z.number() }).parse(await call(base.toString(), opts.key, { method: 'POST', body: { corrections } }));
    process.stderr.write(`${result.queued} prices queued${result.skipped ? `, ${result.skipped} zero prices not sent` : ''}\n`);
  }
}
