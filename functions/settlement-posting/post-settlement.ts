/**
 * One attempt at one settlement report (docs/design.md, Item → listing and settlement): read it from the claim check, parse it in its marketplace's
 * locale, aggregate by mapping, then park (with the difference) or post one balanced GLS840 batch, once per settlement id.
 * Unknown combinations go to the suspense account with an alert. Transient failures propagate (the orchestrator retries).
 */
import { AuthError, PermanentError } from '../../core/errors';
import {
  aggregateSettlement, ordersToLookUp, parseSettlementReport, planCashApplication, planGlPosting, planPaymentBatch, refundOrdersToLookUp,
  type CashApplication, type RefundCredit, type GlPostingPlan, type PaymentBatchPlan, type SettlementAggregate, type SettlementReport,
} from '../../core/settlement';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { SETTLEMENT_FLOW, SETTLEMENT_IDEMPOTENCY_SCOPE } from './names';
import type { PostInput, SettlementOutcome } from './settlement-outcome';
import type { SettlementPorts } from './settlement-ports';
import type { SettlementPosting } from './settlement-posting-store';
import { settlementLocale } from './settlement-locale';
import { writeGlBatch } from './write-gl-batch';
import { writePaymentBatch } from './write-payment-batch';
import { lookUpOrderInvoices } from './order-invoices';
import { lookUpRefundCredits } from './refund-credits';
import { parkRefusedCredentials } from '../runtime/park-and-alert';

/** Core reasons → the park reasons operators filter on. */
const PARK_REASONS: Record<string, string> = {
  SETTLEMENT_TOTAL_MISMATCH: 'UNBALANCED',
  FOREIGN_CURRENCY_LINES: 'FOREIGN_CURRENCY',
  ORDERS_NOT_INVOICED: 'ORDERS_NOT_INVOICED',
};

export async function processSettlement(input: PostInput, ports: SettlementPorts, log: LogSink): Promise<SettlementOutcome> {
  const instanceId = input.instanceId ?? '';
  if (ports.switches.isPaused(SETTLEMENT_FLOW)) {
    return outcome('paused', { reason: 'FLOW_PAUSED', message: 'settlement-posting is paused: nothing is posted until it is resumed and re-driven' });
  }
  let report: SettlementReport;
  try {
    report = parseSettlementReport(await ports.readReport(input.reference), { locale: settlementLocale(input.marketplaceId) });
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    return park(ports, input, log, { id: `report:${input.reportId}`, reason: 'INVALID_SETTLEMENT_REPORT', message: error.message });
  }
  const ids = { settlementId: report.settlementId, sellerId: input.sellerId, reportId: input.reportId, instanceId };

  const previous = await ports.postings.get(report.settlementId);
  if (previous?.status === 'posted') {
    await ports.counters.increment(SETTLEMENT_FLOW, 'duplicate');
    logEvent(log, 'info', 'settlement.duplicate', { flow: SETTLEMENT_FLOW, ...ids, key1: previous.key1, postedBy: previous.reportId });
    return outcome('exists', { settlementId: report.settlementId, key1: previous.key1, lines: previous.lines.length, currency: previous.currency, totalAmount: previous.totalAmount, difference: previous.difference, message: `already posted as GLS840 batch ${previous.key1} (report ${previous.reportId})` });
  }

  const mapping = await ports.settlementMapping();
  let cash: CashApplication | undefined;
  let aggregate: SettlementAggregate;
  if (mapping.mode === 'cash-application') {
    let invoices;
    let credits: Map<string, RefundCredit[]> | undefined;
    try {
      invoices = await lookUpOrderInvoices(ordersToLookUp(report, mapping), ports.gl, ports.orderLinks, input.sellerId, mapping);
      // While refunds are credited in M3, each refund is applied against its credit note instead of netting its order's payment.
      if (ports.refundCredits !== undefined && await ports.refundCredits.enabled()) {
        credits = await lookUpRefundCredits(refundOrdersToLookUp(report, mapping), ports.gl, ports.refundCredits, input.sellerId, mapping);
      }
    } catch (error) {
      if (error instanceof AuthError) return pauseForAuth(error, ports, input, report.settlementId, log);
      if (!(error instanceof PermanentError)) throw error;
      return park(ports, input, log, { id: report.settlementId, reason: 'INVOICE_LOOKUP_FAILED', message: `finding the M3 invoices of the settlement's orders failed: ${error.message}`, details: { settlementId: report.settlementId } });
    }
    cash = planCashApplication(report, mapping, invoices, credits);
    aggregate = cash.journal;
  } else {
    aggregate = aggregateSettlement(report, mapping);
  }
  let plan: GlPostingPlan;
  let payment: PaymentBatchPlan | undefined;
  try {
    plan = planGlPosting(aggregate, mapping);
    if (cash !== undefined && (cash.payments.length > 0 || cash.charges.length > 0)) payment = planPaymentBatch(cash, mapping);
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    return parkAggregate(ports, input, log, aggregate, '', error.code, error.message, true, cash);
  }
  if (aggregate.unmapped.length > 0) await alertUnmapped(ports, aggregate, mapping.suspenseAccount, ids, log);
  if (plan.action === 'park' || cash?.status === 'park') {
    const core = plan.action === 'park' ? plan.reason : cash?.reason;
    const reason = PARK_REASONS[core ?? ''] ?? core ?? 'SETTLEMENT_NOT_POSTABLE';
    const message = plan.action === 'park'
      ? plan.issues.filter((i) => i.code !== 'UNMAPPED_SETTLEMENT_LINES').map((i) => i.message).join('; ') || reason
      : cash?.message ?? reason;
    return parkAggregate(ports, input, log, aggregate, plan.key1, reason, message, true, cash);
  }
  const record = (status: SettlementPosting['status'], reason: string, message: string): SettlementPosting =>
    postingOf(aggregate, plan.key1, input, status, reason, message, cash, payment?.pbid);

  if (ports.switches.isDryRun(SETTLEMENT_FLOW)) {
    await ports.postings.save(record('dry-run', 'DRY_RUN', `would make ${plan.calls.length} GLS840MI calls${payment ? ` and load ARS040 payment batch ${payment.pbid} with ${payment.lines.length} lines` : ''}`));
    await ports.parked.park({
      flow: `${SETTLEMENT_FLOW}-dry-run`, id: report.settlementId, reason: 'DRY_RUN', message: `would post GLS840 batch ${plan.key1} with ${aggregate.lines.length} lines`,
      sourceRef: `settlement:${report.settlementId}`, source: { calls: plan.calls.map((c) => `${c.program}.${c.transaction}`), totalsByAccount: aggregate.totalsByAccount }, instanceId,
    });
    return outcome('dry-run', { ...summaryOf(aggregate, plan.key1), reason: 'DRY_RUN', message: `plan of ${plan.calls.length} GLS840MI calls recorded` });
  }

  try {
    const claim = await ports.idempotency.claim(SETTLEMENT_IDEMPOTENCY_SCOPE, report.settlementId, instanceId);
    // A duplicate claim means an earlier attempt (this instance before a crash, or another report of the same
    // settlement) got at least as far as claiming: replay the same batch; M3's KEY1/LINE refusals make it idempotent.
    const resume = claim === 'duplicate';
    await ports.postings.save(record('posting', '', resume ? 'resuming an earlier attempt' : ''));
    // The payment batch first, then the journal: each is read back from M3 before it is written.
    const paid = payment === undefined ? undefined : await writePaymentBatch(payment, ports.gl, mapping, { resume });
    const written = paid?.kind === 'rejected' ? paid : await writeGlBatch(plan, ports.gl, mapping, { resume });
    if (written.kind === 'rejected') {
      // A batch under our key that we never claimed before is not ours: give the claim back, so a re-drive after the
      // operator deleted it starts afresh instead of resuming (and adopting) someone else's batch.
      if (written.reason.endsWith('_BATCH_EXISTS') && !resume) await ports.idempotency.release(SETTLEMENT_IDEMPOTENCY_SCOPE, report.settlementId);
      await ports.postings.save(record('failed', written.reason, written.message));
      return parkAggregate(ports, input, log, aggregate, plan.key1, written.reason, written.message, false, cash);
    }
    const journalMessage = written.kind === 'checked' ? `batch ${plan.key1} checked and left in GLS840 for review (autoUpdate off)` : `GLS840 batch ${plan.key1} updated`;
    const message = payment === undefined ? journalMessage
      : `ARS040 payment batch ${payment.pbid} loaded and controlled (${payment.lines.length} receipt orders; finance updates it to AR in ARS040); ${journalMessage}`;
    await ports.postings.save(record('posted', '', message));
    await ports.parked.setStatus(SETTLEMENT_FLOW, report.settlementId, 'resolved', message);
    const kind = written.kind === 'exists' && (paid === undefined || paid.kind === 'exists') ? 'exists' : 'posted';
    await ports.counters.increment(SETTLEMENT_FLOW, kind);
    logEvent(log, 'info', `settlement.${kind}`, { flow: SETTLEMENT_FLOW, ...ids, key1: plan.key1, lines: aggregate.lines.length, currency: aggregate.currency, totalAmount: aggregate.totalAmount });
    return outcome(kind, { ...summaryOf(aggregate, plan.key1), message, ...(payment ? { pbid: payment.pbid, payments: payment.lines.length } : {}) });
  } catch (error) {
    if (error instanceof AuthError) return pauseForAuth(error, ports, input, report.settlementId, log);
    if (error instanceof PermanentError && error.code.startsWith('READ_BACK_')) {
      // The batch could not be read back (the readBack query does not fit this M3): post nothing rather than guess.
      await ports.postings.save(record('failed', 'M3_READ_BACK_FAILED', error.message));
      return parkAggregate(ports, input, log, aggregate, plan.key1, 'M3_READ_BACK_FAILED', `${error.message}. Nothing more was posted`, false, cash);
    }
    throw error;
  }
}

async function alertUnmapped(ports: SettlementPorts, aggregate: SettlementAggregate, suspenseAccount: string, ids: Record<string, string>, log: LogSink): Promise<void> {
  await ports.counters.increment(SETTLEMENT_FLOW, 'unmapped');
  logEvent(log, 'warn', 'alert.settlement-unmapped', {
    flow: SETTLEMENT_FLOW, ...ids, suspenseAccount, combinations: aggregate.unmapped.length,
    // Amazon's transaction/amount types and descriptions are fee names, never buyer data.
    unmapped: aggregate.unmapped.map((u) => `${u.transactionType}/${u.amountType}/${u.amountDescription} ${u.currency} ${u.amount}`).join('; '),
  });
}

function summaryOf(aggregate: SettlementAggregate, key1: string): Partial<SettlementOutcome> {
  return { settlementId: aggregate.settlementId, key1, lines: aggregate.lines.length, currency: aggregate.currency, totalAmount: aggregate.totalAmount, difference: aggregate.difference };
}

function outcome(kind: SettlementOutcome['outcome'], fields: Partial<SettlementOutcome>): SettlementOutcome {
  return { outcome: kind, reason: '', message: '', settlementId: '', key1: '', lines: 0, currency: '', totalAmount: '', difference: '', pbid: '', payments: 0, ...fields };
}

export function postingOf(
  aggregate: SettlementAggregate, key1: string, input: PostInput, status: SettlementPosting['status'], reason: string, message: string,
  cash?: CashApplication, pbid = '',
): SettlementPosting {
  const posting: SettlementPosting = {
    settlementId: aggregate.settlementId, status, key1, sellerId: input.sellerId, reportId: input.reportId, instanceId: input.instanceId ?? '',
    currency: aggregate.currency, totalAmount: aggregate.totalAmount, difference: aggregate.difference,
    lines: aggregate.lines.map((l) => ({
      account: l.account, dimensions: Object.fromEntries(Object.entries(l.dimensions).filter((e): e is [string, string] => e[1] !== undefined)),
      currency: l.currency, amount: l.amount, text: l.text, source: l.source, ...(l.marketplace === undefined ? {} : { marketplace: l.marketplace }),
    })),
    totalsByAccount: aggregate.totalsByAccount, unmapped: aggregate.unmapped, alerts: aggregate.alerts, reason, message, updatedAt: '',
    mode: cash === undefined ? 'gl-only' : 'cash-application', pbid,
    payments: (cash?.payments ?? []).map((p) => ({
      orderId: p.orderId, ORNO: p.ORNO, CUNO: p.CUNO, CINO: p.CINO, INYR: p.INYR, amount: p.amount, rows: p.rows, ...(p.refund ? { refund: p.refund } : {}),
    })),
    charges: cash?.charges ?? [],
    unapplied: (cash?.unapplied ?? []).map((u) => ({
      orderId: u.orderId, ORNO: u.ORNO, CUNO: u.CUNO, amount: u.amount, rows: u.rows, kind: u.kind,
      ...(u.adjustmentId ? { adjustmentId: u.adjustmentId } : {}), ...(u.creditOrder ? { creditOrder: u.creditOrder } : {}), ...(u.why ? { why: u.why } : {}),
    })),
  };
  if (aggregate.startDate !== undefined) posting.startDate = aggregate.startDate;
  if (aggregate.endDate !== undefined) posting.endDate = aggregate.endDate;
  if (aggregate.depositDate !== undefined) posting.depositDate = aggregate.depositDate;
  return posting;
}

async function parkAggregate(
  ports: SettlementPorts, input: PostInput, log: LogSink, aggregate: SettlementAggregate, key1: string, reason: string, message: string, record = true,
  cash?: CashApplication,
): Promise<SettlementOutcome> {
  if (record) await ports.postings.save(postingOf(aggregate, key1, input, 'parked', reason, message, cash));
  const parked = await park(ports, input, log, {
    id: aggregate.settlementId, reason, message,
    details: { settlementId: aggregate.settlementId, difference: aggregate.difference, currency: aggregate.currency, totalAmount: aggregate.totalAmount, key1 },
    // The aggregate (sums per fee type and the GL lines) is PII-free and enough to judge and fix the mapping.
    source: { groups: aggregate.groups, lines: aggregate.lines, totalsByAccount: aggregate.totalsByAccount },
  });
  return { ...parked, ...summaryOf(aggregate, key1) };
}

async function park(
  ports: SettlementPorts, input: PostInput, log: LogSink,
  item: { id: string; reason: string; message: string; details?: Record<string, string>; source?: unknown },
): Promise<SettlementOutcome> {
  const instanceId = input.instanceId ?? '';
  await ports.parked.park({
    flow: SETTLEMENT_FLOW, id: item.id, reason: item.reason, message: item.message, sourceRef: `settlement-report:${input.sellerId}:${input.reportId}`,
    source: item.source, instanceId, details: { sellerId: input.sellerId, reportId: input.reportId, ...item.details },
  });
  await ports.counters.increment(SETTLEMENT_FLOW, 'parked');
  logEvent(log, 'warn', 'alert.settlement-parked', {
    flow: SETTLEMENT_FLOW, sellerId: input.sellerId, reportId: input.reportId, id: item.id, reason: item.reason, difference: item.details?.difference, instanceId,
  });
  return outcome('parked', { reason: item.reason, message: item.message, settlementId: item.details?.settlementId ?? '' });
}

/** An auth failure stops this flow with an alert instead of burning retries (docs/design.md, Error policy). */
async function pauseForAuth(error: AuthError, ports: SettlementPorts, input: PostInput, settlementId: string, log: LogSink): Promise<SettlementOutcome> {
  const instanceId = input.instanceId ?? '';
  const message = await parkRefusedCredentials(ports, log, error, { flow: SETTLEMENT_FLOW, id: settlementId, sourceRef: `settlement-report:${input.sellerId}:${input.reportId}`, instanceId }, { settlementId, instanceId });
  return outcome('paused', { reason: 'AUTH_FAILED', message, settlementId });
}
