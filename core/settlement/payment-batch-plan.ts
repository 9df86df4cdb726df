/**
 * Turns a cash application into the ARS040MI calls that load it as one customer payment batch: AddBatchHead, one
 * AddBatchLine per invoice (CINO + INYR, PYAM), AddBatchCharge per fee kept in the batch, then ControlBatch. M3 has no
 * MI transaction for ARS040's last step (update accounts receivable): finance runs it in ARS040 after review.
 */
import { PermanentError } from '../errors';
import type { CashApplication } from './cash-application-plan';
import type { SettlementMapping } from './settlement-mapping';

export interface PaymentMiCall {
  program: 'ARS040MI';
  transaction: 'AddBatchHead' | 'AddBatchLine' | 'AddBatchCharge' | 'ControlBatch';
  params: Record<string, string>;
}

export interface PaymentBatchPlan {
  /** PBID (N10): derived from the settlement id, so the same settlement always loads the same batch. */
  pbid: string;
  head: PaymentMiCall;
  lines: PaymentMiCall[];
  charges: PaymentMiCall[];
  control: PaymentMiCall;
}

const PBID_LIMIT = 10_000_000_000n;

/**
 * A numeric settlement id of at most 10 digits is the batch id itself; a longer one (Amazon's are about 11 digits) keeps
 * its last 10 digits, which only repeat for settlements ten billion ids apart. A non-numeric id cannot be a PBID.
 */
export function paymentBatchId(settlementId: string): string {
  if (!/^\d+$/.test(settlementId)) {
    throw new PermanentError(`settlement id ${settlementId} is not numeric, so it cannot name an ARS040 payment batch (PBID N10)`, { code: 'SETTLEMENT_KEY_NOT_NUMERIC', system: 'm3' });
  }
  const id = BigInt(settlementId) % PBID_LIMIT;
  if (id === 0n) throw new PermanentError(`settlement id ${settlementId} gives payment batch 0`, { code: 'SETTLEMENT_KEY_NOT_NUMERIC', system: 'm3' });
  return id.toString();
}

function m3Date(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}

export function planPaymentBatch(app: CashApplication, mapping: SettlementMapping): PaymentBatchPlan {
  const pbid = paymentBatchId(app.settlementId);
  const company: Record<string, string> = { CONO: mapping.gl.company, ...(mapping.gl.division === undefined ? {} : { DIVI: mapping.gl.division }) };
  const ca = mapping.cashApplication;
  const head: Record<string, string> = { ...company, PBID: pbid, BOPE: ca.paymentType };
  if (ca.bankAccount !== undefined) head.BAAN = ca.bankAccount;
  if (app.depositDate !== undefined) head.ACDT = m3Date(app.depositDate);
  const lines = app.payments.map((p, i): PaymentMiCall => ({
    program: 'ARS040MI', transaction: 'AddBatchLine',
    params: {
      ...company, PBID: pbid, TRNO: String(i + 1), CINO: p.CINO, INYR: p.INYR, CUNO: p.CUNO, PYAM: p.amount, CUCD: app.currency,
      ...(p.PYNO ? { PYNO: p.PYNO } : {}),
      ...(app.depositDate === undefined ? {} : { LPDT: m3Date(app.depositDate) }),
      // The Amazon order id as the receipt order's reference, so finance can find it in ARS040.
      IRNO: p.orderId,
    },
  }));
  const charges = app.charges.map((c): PaymentMiCall => ({
    program: 'ARS040MI', transaction: 'AddBatchCharge',
    params: { ...company, PBID: pbid, CHAM: c.amount, CHRI: c.chargeId, CUCD: app.currency, ...(c.vatCode === undefined ? {} : { VTCD: c.vatCode }) },
  }));
  return {
    pbid,
    head: { program: 'ARS040MI', transaction: 'AddBatchHead', params: head },
    lines,
    charges,
    control: { program: 'ARS040MI', transaction: 'ControlBatch', params: { ...company, PBID: pbid } },
  };
}
