/**
 * `m3sync sandbox orders --count N [--marketplace ID]`: feeds the running sandbox (`npm start`) with realistic new
 * Amazon orders. The SP-API simulator builds them and announces each with ORDER_CHANGE, so the app takes them in as it
 * would real ones. The simulator listens on 127.0.0.1:$SPAPI_SIM_PORT (default 7081).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../input-error';
import { printJson } from '../read-input';

const DEFAULT_SIM_PORT = 7081;
const GeneratedSchema = z.object({ orderIds: z.array(z.string()) });
const RefusalSchema = z.object({ error: z.string(), reasons: z.array(z.string()).optional() }).passthrough();

interface OrdersOptions {
  count: string;
  marketplace?: string;
  fulfilledBy?: string;
  program?: string[];
  business?: boolean;
  replacement?: boolean;
  simUrl?: string;
  json?: boolean;
}

export function simulatorUrl(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit.replace(/\/+$/, '');
  const raw = env.SPAPI_SIM_PORT ?? String(DEFAULT_SIM_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InputError('SPAPI_SIM_PORT is not a port number');
  return `http://127.0.0.1:${port}`;
}

async function generate(url: string, body: Record<string, unknown>): Promise<string[]> {
  let response: Response;
  try {
    response = await fetch(`${url}/_sim/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new InputError(`the SP-API simulator is not reachable at ${url} (is \`npm start\` running? set SPAPI_SIM_PORT if it listens elsewhere)`);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return GeneratedSchema.parse(payload).orderIds;
  const refusal = RefusalSchema.safeParse(payload);
  throw new InputError(`the SP-API simulator refused the request (${response.status}): ${refusal.success ? (refusal.data.reasons ?? [refusal.data.error]).join('; ') : 'no reason given'}`);
}

export function registerSandbox(program: Command): void {
  const sandbox = program.command('sandbox').description('feed the running sandbox (npm start)');
  sandbox.command('orders')
    .description('create realistic new Amazon orders in the SP-API simulator; each is announced to the app by ORDER_CHANGE')
    .requiredOption('--count <n>', 'how many orders (1 to 1000)')
    .option('--marketplace <id>', 'Amazon marketplace id or code (US, DE, JP …); default the seller\'s first marketplace')
    .option('--fulfilled-by <party>', 'MERCHANT (default) or AMAZON (FBA)')
    .option('--program <name...>', 'order programs: PRIME, AMAZON_EASY_SHIP, FBM_SHIP_PLUS, IN_STORE_PICK_UP, AMAZON_BUSINESS, PREMIUM …')
    .option('--business', 'business orders with the buyer\'s VAT number')
    .option('--replacement', 'replacement orders (no charge, linked to an original order)')
    .option('--sim-url <url>', 'the SP-API simulator (default http://127.0.0.1:$SPAPI_SIM_PORT)')
    .option('--json', 'machine-readable output')
    .action(async (opts: OrdersOptions) => {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new InputError('--count must be a whole number from 1 to 1000');
      const fulfilledBy = opts.fulfilledBy?.toUpperCase();
      if (fulfilledBy !== undefined && fulfilledBy !== 'MERCHANT' && fulfilledBy !== 'AMAZON') throw new InputError('--fulfilled-by must be MERCHANT or AMAZON');
      const orderIds = await generate(simulatorUrl(opts.simUrl), {
        generate: count,
        ...(opts.marketplace ? { marketplaceId: opts.marketplace } : {}),
        ...(fulfilledBy ? { fulfilledBy } : {}),
        ...(opts.program ? { programs: opts.program.map((p) => p.toUpperCase()) } : {}),
        ...(opts.business ? { business: true } : {}),
        ...(opts.replacement ? { replacement: true } : {}),
      });
      if (opts.json) printJson({ orderIds });
      else process.stdout.write(`${orderIds.length} order(s) created and announced to the app:\n${orderIds.map((id) => `  ${id}`).join('\n')}\n`);
    });
}
