/** `m3sync returns --since <iso>`: the refunds and returns the app booked in M3, parked or skipped since then (from /api/ops/returns). */
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../input-error';
import { OpsClient, withConnection, type ConnectionOptions } from '../ops-client';
import { printTable } from '../output-table';
import { printJson } from '../read-input';

const ReturnsSchema = z.object({
  entries: z.array(z.object({
    kind: z.string(), id: z.string(), amazonOrderId: z.string(), status: z.string(), m3Number: z.string().default(''), m3OrderNumber: z.string().default(''),
    invoice: z.string().default(''), amount: z.string().default(''), currency: z.string().default(''), updatedAt: z.string().default(''), note: z.string().default(''),
  }).passthrough()),
  totals: z.object({ booked: z.number(), parked: z.number(), skipped: z.number(), booking: z.number() }),
});

export function registerReturns(program: Command): void {
  withConnection(program.command('returns').description('refunds credited and returns booked in M3 (or parked) since a date').option('--since <iso>', 'ISO 8601 date-time (default: the last 24 hours)'))
    .action(async (opts: ConnectionOptions & { since?: string; json?: boolean }) => {
      const since = opts.since ?? new Date(Date.now() - 86_400_000).toISOString();
      if (Number.isNaN(Date.parse(since))) throw new InputError('--since must be an ISO 8601 date-time');
      const answer = await new OpsClient(opts).get('ops/returns', ReturnsSchema, { since });
      if (opts.json) return printJson(answer);
      process.stdout.write(`since ${since}: booked ${answer.totals.booked}, parked ${answer.totals.parked}, skipped ${answer.totals.skipped}, in progress ${answer.totals.booking}\n`);
      printTable(answer.entries, [
        { header: 'kind', value: (e) => e.kind }, { header: 'amazon id', value: (e) => e.id, max: 30 }, { header: 'order', value: (e) => e.amazonOrderId },
        { header: 'status', value: (e) => e.status }, { header: 'M3', value: (e) => e.m3Number || e.m3OrderNumber }, { header: 'invoice', value: (e) => e.invoice },
        { header: 'amount', value: (e) => (e.amount ? `${e.amount} ${e.currency}` : '') }, { header: 'note', value: (e) => e.note, max: 60 },
      ], 'nothing since then');
    });
}
