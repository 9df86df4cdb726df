/**
 * `m3sync sweep orders --since <iso> [--until <iso>]`: backfill. Pages through Amazon's orders updated in the window,
 * seller × region by seller × region, through the app's `POST /api/ops/sweep/orders` (which starts or signals each
 * order exactly as the timer sweep does, at backfill rate priority), with a progress bar for people.
 */
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { InputError } from '../input-error';
import { printJson } from '../read-input';
import { OpsClient, withConnection, type ConnectionOptions } from '../ops-client';

const PageSchema = z.object({
  done: z.boolean(),
  progress: z.number(),
  orders: z.number(),
  started: z.number(),
  signaled: z.number(),
  sellerId: z.string().optional(),
  region: z.string().optional(),
  continuation: z.string().optional(),
}).passthrough();

/** A runaway guard: 100 orders a page, so this is a million orders. */
const MAX_CALLS = 10_000;

export function registerSweep(program: Command): void {
  const sweep = program.command('sweep').description('search Amazon and hand orders to the app (backfill)');
  withConnection(sweep.command('orders').description('backfill: start or signal every Amazon order updated since --since'))
    .requiredOption('--since <iso>', 'orders updated at or after this time (ISO-8601)')
    .option('--until <iso>', 'orders updated before this time (default: now minus two minutes)')
    .action(async (opts: ConnectionOptions & { since: string; until?: string }) => {
      const since = Date.parse(opts.since);
      if (Number.isNaN(since)) throw new InputError(`--since ${opts.since} is not an ISO-8601 date-time`);
      const until = opts.until === undefined ? undefined : Date.parse(opts.until);
      if (until !== undefined && Number.isNaN(until)) throw new InputError(`--until ${opts.until} is not an ISO-8601 date-time`);
      if (until !== undefined && until <= since) throw new InputError('--until must be after --since');
      if (since > Date.now()) throw new InputError('--since is in the future');

      const client = new OpsClient(opts);
      const bar = opts.json || !process.stderr.isTTY ? undefined : new SingleBar({ format: 'sweep [{bar}] {percentage}% | {orders} orders ({started} started, {signaled} signaled) | {where}', stream: process.stderr, hideCursor: true });
      const totals = { orders: 0, started: 0, signaled: 0, pages: 0 };
      bar?.start(100, 0, { ...totals, where: '' });
      let continuation: string | undefined;
      try {
        for (let call = 0; call < MAX_CALLS; call++) {
          const page = await client.post('ops/sweep/orders', PageSchema, {
            since: new Date(since).toISOString(), until: until === undefined ? undefined : new Date(until).toISOString(), continuation,
          });
          totals.orders += page.orders;
          totals.started += page.started;
          totals.signaled += page.signaled;
          totals.pages++;
          bar?.update(Math.round(page.progress * 100), { ...totals, where: page.sellerId ? `${page.sellerId} ${page.region ?? ''}` : '' });
          if (page.done || !page.continuation) break;
          continuation = page.continuation;
        }
      } finally {
        bar?.stop();
      }
      const summary = { since: new Date(since).toISOString(), until: until === undefined ? undefined : new Date(until).toISOString(), ...totals };
      if (opts.json) printJson(summary);
      else process.stdout.write(`swept ${totals.orders} order(s) in ${totals.pages} page(s): ${totals.started} started, ${totals.signaled} signaled\n`);
    });
}
