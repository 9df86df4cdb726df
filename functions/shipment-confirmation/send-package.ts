/**
 * Sends one package confirmation (Orders v0 confirmShipment) and records it. Checked before and recorded after the call
 * (not claimed before): a crash in between re-sends, which Amazon treats as an edit of the same packageReferenceId
 * (docs/amazon-facts.md, Shipment confirmation), whereas a claim before the call could lose the confirmation. Amazon's refusals park with its message.
 */
import { AuthError, PermanentError } from '../../core/errors';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { CONFIRMATION_SCOPE, SHIPMENT_FLOW } from './names';
import type { PackageConfirmation } from './shipment-model';
import type { PackageOutcome } from '../../core/shipments';
import type { ShipmentPorts } from './shipment-ports';
import { parkRefusedCredentials } from '../runtime/park-and-alert';

export function rejectionId(c: Pick<PackageConfirmation, 'documentId' | 'packageId' | 'amazonOrderId'>): string {
  return `${c.documentId}:${c.packageId}:${c.amazonOrderId}`;
}

export async function sendPackage(c: PackageConfirmation, ports: ShipmentPorts, log: LogSink, instanceId = ''): Promise<PackageOutcome> {
  const ids = { key: c.key, amazonOrderId: c.amazonOrderId, packageReferenceId: c.body.packageDetail.packageReferenceId };
  if (await ports.idempotency.has(CONFIRMATION_SCOPE, c.key)) return { ...ids, outcome: 'duplicate', message: 'already confirmed' };
  try {
    await ports.confirmShipment(c.sellerId, c.amazonOrderId, c.body);
  } catch (error) {
    if (error instanceof AuthError) return pauseForAuth(error, c, ports, log, instanceId);
    if (error instanceof PermanentError) {
      await recordRejection(c, error.message, ports, log, instanceId);
      return { ...ids, outcome: 'rejected', message: error.message };
    }
    throw error;
  }
  await recordConfirmed(c, 'api', ports, log, instanceId);
  return { ...ids, outcome: 'confirmed', message: '' };
}

/** What Amazon accepted, by API call or feed message: the key (so the same variation is never sent again), a count, a log line. */
export async function recordConfirmed(c: PackageConfirmation, via: string, ports: ShipmentPorts, log: LogSink, instanceId = ''): Promise<void> {
  const d = c.body.packageDetail;
  const note = JSON.stringify({ via, documentId: c.documentId, packageId: c.packageId, carrierCode: d.carrierCode, items: d.orderItems.length });
  await ports.idempotency.claim(CONFIRMATION_SCOPE, c.key, note);
  await ports.counters.increment(SHIPMENT_FLOW, 'confirmed');
  await ports.parked.setStatus(SHIPMENT_FLOW, rejectionId(c), 'resolved', `confirmed via ${via}`);
  logEvent(log, 'info', 'shipment.confirmed', {
    flow: SHIPMENT_FLOW, bodId: c.bodId, documentId: c.documentId, amazonOrderId: c.amazonOrderId, packageReferenceId: d.packageReferenceId, via, instanceId,
  });
}

/** Amazon refused the confirmation (order canceled, quantity beyond ordered, unknown item …): parked with Amazon's message. */
export async function recordRejection(c: PackageConfirmation, message: string, ports: ShipmentPorts, log: LogSink, instanceId = '', reason = 'AMAZON_REJECTED'): Promise<void> {
  await ports.parked.park({
    flow: SHIPMENT_FLOW, id: rejectionId(c), reason, message: `Amazon refused the confirmation of package ${c.packageId} for order ${c.amazonOrderId}: ${message}`,
    sourceRef: `bod:${c.bodId}`, source: c, instanceId, details: { documentId: c.documentId, amazonOrderId: c.amazonOrderId, packageReferenceId: c.body.packageDetail.packageReferenceId },
  });
  await ports.counters.increment(SHIPMENT_FLOW, 'rejected');
  logEvent(log, 'warn', 'shipment.rejected', { flow: SHIPMENT_FLOW, bodId: c.bodId, documentId: c.documentId, amazonOrderId: c.amazonOrderId, instanceId });
}

/** An auth failure stops the flow with an alert instead of burning retries (docs/design.md, Error policy). */
async function pauseForAuth(error: AuthError, c: PackageConfirmation, ports: ShipmentPorts, log: LogSink, instanceId: string): Promise<PackageOutcome> {
  const message = await parkRefusedCredentials(ports, log, error, { flow: SHIPMENT_FLOW, id: c.documentId, sourceRef: `bod:${c.bodId}`, instanceId }, { documentId: c.documentId, instanceId });
  return { key: c.key, amazonOrderId: c.amazonOrderId, packageReferenceId: c.body.packageDetail.packageReferenceId, outcome: 'paused', message };
}
