/**
 * Confirm and what follows it, and an attempt that finds the batch order of an earlier one. Unknown outcome means
 * look, never delete: after a lost reply, a timeout or an unclear Confirm, the order is first looked for by its exact
 * CUOR (every hit verified on its head) and the batch order by its number (OIS275MI.GetTmpOrderStat), before
 * anything else. A batch order whose Confirm may have been sent is never deleted and never replaced while it may still
 * confirm: it is adopted (status 90), confirmed again (it never got an answer), or — once M3 has answered that it stays
 * unconfirmed — kept linked and parked; a Confirm M3 answered but is still transferring (no error status, no error
 * message) is looked at again later, never parked, confirmed again or removed; a re-drive confirms it once more, and only if M3 still refuses removes it
 * explicitly before a new one is opened. So one Amazon order never has two batch orders that could both confirm.
 */
import { PermanentError, TransientError } from '../../core/errors';
import { cusextmi, ois100mi, type BulkCall, type BulkOutcome } from '../../connectors/m3';
import type { LinkLine, OrderLink } from '../../connectors/storage';
import type { WriteContext, WriteResult } from './write-context';

/**
 * The status a batch order has before M3 checked it (head added, no Confirm run yet), and keeps while the batch job
 * that transfers it after a Confirm has not run yet. The statuses below 90 that are a Confirm's verdict on their own:
 * 15 head error, 25 line error, 30 credit stop, 55 interrupted during transfer (docs/m3-facts.md, Batch and order
 * statuses). Unconfirmed: whether a real M3 reports a Confirm still in progress differently; this app never removes a
 * batch order on this status.
 */
const BATCH_UNCHECKED = '20';
const BATCH_REFUSED_STATUSES: ReadonlySet<string> = new Set(['15', '25', '30', '55']);

/**
 * A batch order below 90 is refused only when M3 says so: an error status, or error texts in LstErrMsgOrder. Anything
 * else (the unchecked status without a message) is a Confirm M3 is still working on: look again later.
 */
export function isBatchRefused(status: string, messages: readonly string[]): boolean {
  return BATCH_REFUSED_STATUSES.has(status.trim()) || messages.length > 0;
}

/** The batch order is still being transferred: a transient outcome, retried with backoff (then on durable timers). */
function stillTransferring(temporary: string, status: string): TransientError {
  return new TransientError(`M3 is still transferring batch order ${temporary} (status ${status || '?'}, no error message): looking again later`, { code: 'M3_BATCH_IN_PROGRESS', system: 'm3' });
}

export type Confirmed = { kind: 'confirmed'; orderNumber: string; chargeOutcomes: BulkOutcome[] };
export type Refused = { kind: 'refused'; status: string; messages: string[] };

/**
 * An earlier attempt left a batch order on the link. Returns the outcome, or undefined when that batch order is gone
 * (or was removed here because no Confirm can run on it) and a new one may be opened.
 */
export async function resumeBatch(ctx: WriteContext, prior: OrderLink): Promise<WriteResult | undefined> {
  const { ids, ports, lease, link } = ctx;
  const temporary = prior.tempOrderNumber;
  await lease.renew();
  const found = await ports.m3.findOrderByCuor(ids.amazonOrderId, ctx.customer);
  // A Confirm M3 finished after answering it (phase `released`) created the order in this attempt's flow: it counts as created.
  const kind = prior.batchPhase === 'released' ? 'created' : 'exists';
  if (found) return adopt(ctx, temporary, found.orderNumber, prior.lines, kind);
  const batch = await batchStatus(ctx, temporary);
  if (!batch) {
    // M3 has no such batch order and no order carries our CUOR: nothing of the earlier attempt exists any more.
    await link.update(ids, { status: 'creating', tempOrderNumber: '', batchPhase: '', pendingCharges: [], lines: [] });
    return undefined;
  }
  if (batch.status === ois100mi.BATCH_ORDER_CREATED) {
    if (!batch.orderNumber) throw new TransientError(`batch order ${temporary} is transferred but M3 names no order yet; looking again later`, { code: 'M3_ORDER_PENDING', system: 'm3' });
    return adopt(ctx, temporary, batch.orderNumber, prior.lines, kind);
  }
  if (prior.batchPhase === 'released') {
    // M3 answered the Confirm and is transferring the batch order: wait for its verdict; never confirm it again, never remove it.
    const messages = await batchMessages(ctx, temporary);
    if (!isBatchRefused(batch.status, messages)) throw stillTransferring(temporary, batch.status);
    return recordRefused(ctx, temporary, prior.lines, { kind: 'refused', status: batch.status, messages });
  }
  if (prior.batchPhase === 'lines') {
    // Stopped while adding lines: Confirm was never sent for it, so removing it cannot race a Confirm.
    await removeBatch(ctx, temporary);
    return undefined;
  }
  if (prior.status === 'creating' && batch.status === BATCH_UNCHECKED) {
    // Confirm was sent but M3 never checked the batch order (the request did not arrive): send the same calls again.
    const sent = await sendConfirm(ctx, temporary, prior.lines, prior.pendingCharges);
    return sent.kind === 'confirmed' ? finishCreated(ctx, temporary, sent.orderNumber, prior.lines, undefined) : recordRefused(ctx, temporary, prior.lines, sent);
  }
  if (prior.status === 'creating') {
    // M3 ran the Confirm and kept the batch order (the reply was lost): that is its answer, when it says so; keep it linked.
    const messages = await batchMessages(ctx, temporary);
    if (!isBatchRefused(batch.status, messages)) throw stillTransferring(temporary, batch.status);
    return recordRefused(ctx, temporary, prior.lines, { kind: 'refused', status: batch.status, messages });
  }
  // A re-drive of a batch order M3 refused: continue it (the operator may have fixed M3), and only if M3 still refuses
  // remove it explicitly — its Confirm has answered, none runs — so a new one is built from the current mapping.
  const again = await sendConfirm(ctx, temporary, prior.lines, []);
  if (again.kind === 'confirmed') return finishCreated(ctx, temporary, again.orderNumber, prior.lines, undefined);
  await removeBatch(ctx, temporary);
  return undefined;
}

/**
 * Round trip 3: line charges and Confirm. The link says `confirm` (with the charges) before the request is sent, so
 * any later attempt knows this batch order may confirm. A refusal is believed only after looking at the batch order.
 */
export async function sendConfirm(ctx: WriteContext, temporary: string, lines: LinkLine[], charges: BulkCall[]): Promise<Confirmed | Refused> {
  const { ids, create, bulk, lease, link } = ctx;
  await lease.renew();
  await link.update(ids, { status: 'creating', tempOrderNumber: temporary, batchPhase: 'confirm', pendingCharges: charges, lines, m3OrderNumber: '', customerNumber: ctx.createdCustomer });
  const confirm = create.confirm;
  const calls: BulkCall[] = [...charges, { transaction: 'Confirm', params: { ...confirm.params, ORNO: temporary } }];
  // A timeout or lost reply throws (transient): the retry looks before it does anything (resumeBatch).
  const outcomes = await bulk(ois100mi.PROGRAM, calls);
  const confirmed = outcomes[charges.length];
  if (!confirmed) throw new TransientError(`M3 answered ${outcomes.length} results for ${calls.length} calls`, { code: 'BULK_MISMATCH', system: 'm3' });
  if (!confirmed.ok && confirmed.error.code === 'NOT_PROCESSED') {
    // M3 stopped the request at a refused line charge, so Confirm never ran: the batch stays linked and unconfirmed,
    // and the order is parked with the charge's refusal (retrying would meet the same refusal).
    const refusal = outcomes.slice(0, charges.length).find((o) => !o.ok && o.error instanceof PermanentError);
    if (refusal && !refusal.ok) return { kind: 'refused', status: (await batchStatus(ctx, temporary))?.status ?? '', messages: [refusal.error.message] };
  }
  if (!confirmed.ok && !(confirmed.error instanceof PermanentError)) throw confirmed.error;
  const record = confirmed.ok ? confirmed.records[0] : undefined;
  const status = record?.STAT?.trim() ?? '';
  const orderNumber = record?.ORNO?.trim() ?? '';
  if (status === ois100mi.BATCH_ORDER_CREATED && orderNumber) return { kind: 'confirmed', orderNumber, chargeOutcomes: outcomes.slice(0, charges.length) };
  // Not confirmed by this answer. A NOK may still mean "transferred already" (an earlier Confirm won): look first.
  const batch = await batchStatus(ctx, temporary);
  if (batch?.status === ois100mi.BATCH_ORDER_CREATED && batch.orderNumber) return { kind: 'confirmed', orderNumber: batch.orderNumber, chargeOutcomes: [] };
  if (!batch) throw new TransientError(`batch order ${temporary} is unknown to M3 after its Confirm; looking again`, { code: 'M3_BATCH_GONE', system: 'm3' });
  const messages = confirmed.ok ? await batchMessages(ctx, temporary) : [confirmed.error.message];
  if (confirmed.ok && !isBatchRefused(batch.status, messages)) {
    // M3 accepted the Confirm and has not finished the batch order yet (a batch job transfers it): the charges went in
    // with it, so no later attempt sends them or the Confirm again; it only looks until M3 has decided.
    await link.update(ids, { batchPhase: 'released', pendingCharges: [] });
    throw stillTransferring(temporary, batch.status);
  }
  return { kind: 'refused', status: batch.status || status, messages };
}

/** M3 answered that the batch order stays unconfirmed: it stays linked (never a second one) and the order is parked. */
export async function recordRefused(ctx: WriteContext, temporary: string, lines: LinkLine[], refused: Refused): Promise<WriteResult> {
  await ctx.link.update(ctx.ids, { status: 'failed', tempOrderNumber: temporary, batchPhase: 'confirm', pendingCharges: [], lines });
  return {
    kind: 'rejected', reason: 'M3_BATCH_REJECTED',
    message: `M3 kept batch order ${temporary} at status ${refused.status || '?'}: ${refused.messages.join('; ') || 'no message'}; fix it in M3 or in the mapping and re-drive (the re-drive confirms this batch order again, or removes it before opening another)`,
  };
}

/** Removes a batch order no Confirm can be running on; checked, so a batch order confirmed meanwhile is never lost. */
export async function removeBatch(ctx: WriteContext, temporary: string): Promise<void> {
  const { ids, ports, lease, link } = ctx;
  await lease.renew();
  try {
    await ois100mi.delBatchHead(ports.m3, temporary);
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    const batch = await batchStatus(ctx, temporary);
    if (batch?.status === ois100mi.BATCH_ORDER_CREATED) throw new TransientError(`batch order ${temporary} was confirmed meanwhile; looking again`, { code: 'M3_BATCH_CONFIRMED', system: 'm3' });
    if (batch) throw error; // M3 refuses to remove it: an operator looks (the order is parked with this message)
  }
  await link.update(ids, { status: 'creating', tempOrderNumber: '', batchPhase: '', pendingCharges: [], lines: [] });
}

/** The order exists in M3 already (an earlier attempt confirmed it): link it instead of creating it again. */
export async function adopt(ctx: WriteContext, temporary: string, orderNumber: string, lines: LinkLine[], kind: 'created' | 'exists' = 'exists'): Promise<WriteResult> {
  const custom = ctx.create.customFields.length > 0;
  await ctx.link.update(ctx.ids, { status: 'created', tempOrderNumber: temporary, batchPhase: '', pendingCharges: [], m3OrderNumber: orderNumber, lines, customerNumber: ctx.createdCustomer || ctx.link.current?.customerNumber || '', customFieldsPending: custom });
  // A crash after Confirm may also have cut off the custom fields: write them (add or change) before calling it done.
  if (custom) return finishCustomFields(ctx, kind);
  return { kind, m3OrderNumber: orderNumber, lines: lines.length };
}

/** The order exists in M3 from here on: link it before anything else can fail, so no retry creates it again. */
export async function finishCreated(ctx: WriteContext, temporary: string, orderNumber: string, lines: LinkLine[], chargeRefusal: string | undefined): Promise<WriteResult> {
  const { ids, create, bulk, link } = ctx;
  const custom = create.customFields;
  await link.update(ids, { status: 'created', tempOrderNumber: temporary, batchPhase: '', pendingCharges: [], m3OrderNumber: orderNumber, lines, customerNumber: ctx.createdCustomer, customFieldsPending: custom.length > 0 });
  // Round trip 4 (only with custom fields): they are keyed by the real order number, which Confirm just returned.
  if (custom.length > 0) {
    const outcomes = await bulk(cusextmi.PROGRAM, custom.map((c) => ({ transaction: c.transaction, params: customFieldParams(c.params, orderNumber) })));
    const failed = outcomes.find((o) => !o.ok);
    // A failure leaves the link marked: the retry (transient) or a re-drive (refused) completes the fields.
    if (failed && !failed.ok) {
      if (!(failed.error instanceof PermanentError)) throw failed.error;
      return { kind: 'rejected', reason: 'M3_CUSTOM_FIELDS_REFUSED', message: `M3 order ${orderNumber} was created but refused its custom fields: ${failed.error.message}; fix the mapping or M3 and re-drive` };
    }
    await link.update(ids, { customFieldsPending: false });
  }
  if (chargeRefusal) {
    return { kind: 'rejected', reason: 'M3_CHARGE_REFUSED', message: `M3 order ${orderNumber} was created without a line charge: ${chargeRefusal}; add it in M3 (the order is linked, a re-drive will not create it again)` };
  }
  return { kind: 'created', m3OrderNumber: orderNumber, lines: lines.length };
}

/**
 * Completes custom fields after a failure that followed Confirm: add each record, or change it when an earlier attempt
 * added it already (CUSEXTMI.AddFieldValue refuses an existing key).
 */
export async function finishCustomFields(ctx: WriteContext, kind: 'created' | 'exists'): Promise<WriteResult> {
  const { ids, create, ports, lease, link } = ctx;
  const current = link.current;
  if (!current) throw new TransientError('the order link vanished while its custom fields were written', { code: 'LINK_CONFLICT', system: 'storage' });
  await lease.renew();
  for (const call of create.customFields) {
    const { key, values } = cusextmi.splitRecord(customFieldParams(call.params, current.m3OrderNumber));
    try {
      await cusextmi.setFieldValues(ports.m3, key, values);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      return { kind: 'rejected', reason: 'M3_CUSTOM_FIELDS_REFUSED', message: `M3 order ${current.m3OrderNumber} refused its custom fields: ${error.message}; fix the mapping or M3 and re-drive` };
    }
  }
  await link.update(ids, { customFieldsPending: false });
  return { kind, m3OrderNumber: current.m3OrderNumber, lines: current.lines.length };
}

function customFieldParams(params: Record<string, string>, orderNumber: string): Record<string, string> {
  return params.PK01 === undefined ? { ...params, PK01: orderNumber } : params;
}

/** OIS275MI.GetTmpOrderStat; undefined when M3 answers it has no such batch order (NOK). Outages propagate. */
async function batchStatus(ctx: WriteContext, temporary: string): Promise<{ status: string; orderNumber: string } | undefined> {
  try {
    const batch = await ctx.ports.m3.batchStatus(temporary);
    return { status: batch.status.trim(), orderNumber: batch.orderNumber.trim() };
  } catch (error) {
    if (error instanceof PermanentError) return undefined;
    throw error;
  }
}

async function batchMessages(ctx: WriteContext, temporary: string): Promise<string[]> {
  return ctx.ports.m3.batchErrors(temporary).catch(() => []);
}
