/**
 * `m3sync settlement show <settlementId>` (what the app posted or parked, from the ops endpoint) and
 * `m3sync settlement plan <file>` (what a settlement flat file would post with the mappings, offline): lines,
 * accounts, totals and the difference to the deposit; a table, or JSON with --json.
 */
import type { Command } from 'commander';
import Table from 'cli-table3';
import { z } from 'zod';
import { InputError } from '../input-error';
import { opsKeyFrom } from '../ops-client';
import { printJson, readInput } from '../read-input';
import { defaultMappingsDir, readMappingsDir } from './mappings';
import { aggregateSettlement, parseSettlementReport, planGlPosting } from '../../core/settlement';
import { PermanentError } from '../../core/errors';

/** What GET /api/ops/settlements/{id} answers (functions/settlement-posting/settlement-posting-store.ts). */
const SettlementViewSchema = z.object({
  settlementId: z.string(),
  status: z.string(),
  key1: z.string().default(''),
  reportId: z.string().default(''),
  currency: z.string().default(''),
  totalAmount: z.string().default(''),
  difference: z.string().default(''),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  depositDate: z.string().optional(),
  lines: z.array(z.object({
    account: z.string(), dimensions: z.record(z.string()).default({}), currency: z.string(), amount: z.string(), text: z.string(), source: z.string(), marketplace: z.string().optional(),
  })).default([]),
  totalsByAccount: z.record(z.string()).default({}),
  unmapped: z.array(z.object({ transactionType: z.string(), amountType: z.string(), amountDescription: z.string(), currency: z.string(), amount: z.string() }).passthrough()).default([]),
  reason: z.string().default(''),
  message: z.string().default(''),
  updatedAt: z.string().default(''),
  mode: z.string().default('gl-only'),
  pbid: z.string().default(''),
  payments: z.array(z.object({ orderId: z.string(), ORNO: z.string(), CUNO: z.string(), CINO: z.string(), INYR: z.string(), amount: z.string() }).passthrough()).default([]),
  unapplied: z.array(z.object({
    orderId: z.string(), ORNO: z.string(), CUNO: z.string(), amount: z.string(), kind: z.string().default('order'), adjustmentId: z.string().optional(), why: z.string().optional(),
  }).passthrough()).default([]),
}).passthrough();
export type SettlementView = z.infer<typeof SettlementViewSchema>;

const ErrorBodySchema = z.object({ message: z.string() }).passthrough();

interface ShowOptions { url?: string; key?: string; json?: boolean }
interface PlanOptions { mappings?: string; locale?: string; json?: boolean }

function defaultUrl(): string {
  return process.env.M3SYNC_URL ?? `http://127.0.0.1:${process.env.M3SYNC_PORT ?? '7071'}`;
}

export async function fetchSettlementView(baseUrl: string, key: string, settlementId: string): Promise<SettlementView> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/ops/settlements/${encodeURIComponent(settlementId)}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'x-api-key': key, accept: 'application/json' } });
  } catch (error) {
    throw new Error(`cannot reach the app at ${baseUrl} (${error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status} with a body that is not JSON`);
  }
  if (response.status === 404) throw new InputError(`settlement ${settlementId} not found (the app has not seen it)`);
  if (response.status === 401) throw new InputError('the app refused the key: pass the operations key with --key or set OPS_API_KEY');
  if (response.status === 403) throw new InputError('the app refused the key: it is the intake key, and operations need the operations key (OPS_API_KEY)');
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(body);
    throw new (response.status === 400 ? InputError : Error)(`${url} answered ${response.status}${error.success ? `: ${error.data.message}` : ''}`);
  }
  const parsed = SettlementViewSchema.safeParse(body);
  if (!parsed.success) throw new Error(`${url} answered an unexpected body (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data;
}

/** The human view: a summary, the GL lines, and the net per account (debit positive). */
export function renderSettlement(view: SettlementView): string {
  const out: string[] = [];
  const period = view.startDate && view.endDate ? `${view.startDate.slice(0, 10)} – ${view.endDate.slice(0, 10)}` : '';
  out.push(`settlement ${view.settlementId}: ${view.status}${view.reason ? ` (${view.reason})` : ''}`);
  if (view.key1) out.push(`GLS840 batch: ${view.key1}`);
  if (view.reportId) out.push(`report: ${view.reportId}`);
  if (period) out.push(`period: ${period}${view.depositDate ? `, deposit ${view.depositDate.slice(0, 10)}` : ''}`);
  out.push(`deposit: ${view.totalAmount} ${view.currency}   difference: ${view.difference} ${view.currency}`);
  if (view.message) out.push(view.message);
  if (view.pbid) {
    out.push(`ARS040 payment batch: ${view.pbid} (${view.payments.length} receipt orders)`);
    const payments = new Table({ head: ['Amazon order', 'M3 order', 'customer', 'invoice', 'year', 'amount'], colAligns: ['left', 'left', 'left', 'left', 'left', 'right'] });
    for (const p of view.payments) payments.push([p.orderId, p.ORNO, p.CUNO, p.CINO, p.INYR, p.amount]);
    out.push(payments.toString());
  }
  if (view.unapplied.length > 0) {
    out.push('unapplied (an M3 order not invoiced yet, or a refund without an M3 credit note yet; allocate once it exists):');
    for (const u of view.unapplied) {
      const what = u.kind === 'refund' ? ` refund${u.adjustmentId ? ` ${u.adjustmentId}` : ''}${u.why ? ` (${u.why})` : ''}` : '';
      out.push(`  ${u.orderId} → ${u.ORNO} (${u.CUNO}): ${u.amount} ${view.currency}${what}`);
    }
  }

  const lines = new Table({ head: ['#', 'account', 'dimensions', 'amount', 'currency', 'source', 'text'], colAligns: ['right', 'left', 'left', 'right', 'left', 'left', 'left'] });
  view.lines.forEach((l, i) => {
    const dims = Object.entries(l.dimensions).map(([k, v]) => `${k}=${v}`).join(' ');
    lines.push([String(i + 1), l.account, dims, l.amount, l.currency, l.source, l.text]);
  });
  out.push(lines.toString());

  const totals = new Table({ head: ['account', 'net (debit +)'], colAligns: ['left', 'right'] });
  for (const [account, amount] of Object.entries(view.totalsByAccount)) totals.push([account, amount]);
  out.push(totals.toString());
  if (view.unmapped.length > 0) {
    out.push(`unmapped (booked on suspense):`);
    for (const u of view.unmapped) out.push(`  ${u.transactionType} / ${u.amountType} / ${u.amountDescription}: ${u.amount} ${u.currency}`);
  }
  return `${out.join('\n')}\n`;
}

export function registerSettlement(program: Command): void {
  const settlement = program.command('settlement').description('settlement postings: what the app posted to the M3 GL, or what a report would post');
  settlement
    .command('show <settlementId>')
    .description('lines, accounts, totals and difference of one settlement as the app recorded it (GET /api/ops/settlements/{id})')
    .option('--url <url>', 'the function app (default: $M3SYNC_URL or http://127.0.0.1:$M3SYNC_PORT, port 7071)')
    .option('--key <key>', 'the operations key (default: $M3SYNC_KEY, else $OPS_API_KEY)')
    .option('--json', 'machine-readable output')
    .action(async (settlementId: string, opts: ShowOptions) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(settlementId)) throw new InputError(`"${settlementId}" is not a settlement id (letters, digits, - and _)`);
      const key = opts.key ?? process.env.M3SYNC_KEY ?? opsKeyFrom(process.env);
      if (!key) throw new InputError('no key: pass the operations key with --key or set OPS_API_KEY');
      const view = await fetchSettlementView(opts.url ?? defaultUrl(), key, settlementId);
      if (opts.json) printJson(view);
      else process.stdout.write(renderSettlement(view));
    });
  settlement
    .command('plan <file>')
    .description('what a GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 file (or -) would post as a journal, with the mappings (offline, no M3: in cash-application mode the amounts of invoiced M3 orders go to the ARS040 payment batch instead)')
    .option('--mappings <dir>', 'mappings directory (default: the shipped mappings/)')
    .option('--locale <locale>', 'the marketplace locale of the file, e.g. de_DE (decides "1.234,56" vs "1,234.56")')
    .option('--json', 'machine-readable output, including the GLS840MI calls')
    .action(async (file: string, opts: PlanOptions) => {
      const { mappings } = readMappingsDir(opts.mappings ?? defaultMappingsDir());
      const input = await readInput(file);
      let view: SettlementView;
      let calls: unknown[];
      try {
        const aggregate = aggregateSettlement(parseSettlementReport(input.bytes.toString('utf8'), opts.locale ? { locale: opts.locale } : {}), mappings.settlement);
        const plan = planGlPosting(aggregate, mappings.settlement);
        calls = plan.calls;
        view = SettlementViewSchema.parse({
          ...aggregate, status: plan.action, key1: plan.key1, reason: plan.reason ?? '',
          message: plan.issues.map((i) => i.message).join('; '),
        });
      } catch (error) {
        if (error instanceof PermanentError) throw new InputError(`${input.name}: ${error.message}`);
        throw error;
      }
      if (opts.json) printJson({ ...view, calls });
      else process.stdout.write(renderSettlement(view));
    });
}
