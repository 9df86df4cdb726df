/**
 * Processes queued BODs: drops stale variations (recorded, not silent), then hands each document to its flow —
 * shipments to shipment-confirmation, item masters to item-listing, inventory nouns to inventory-sync, sales orders to
 * the Amazon order's order-to-cash instance (which re-reads the order in M3).
 */
import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { isInventoryBod, isItemMasterBod, isSalesOrderBod, isShipmentBod } from '../../core/bod';
import { signalM3OrderChange } from '../order-to-cash/m3-order-change';
import { dependencies } from '../runtime/dependencies';
import { logEvent } from '../runtime/structured-log';
import { QUEUES } from '../queue-names';
import { openBodMessage } from './bod-message';
import { startShipmentConfirmation } from '../shipment-confirmation/start-shipment';
import { signalInventoryChange } from '../inventory-sync/signal-inventory';
import { startItemListing } from '../item-listing/start-item-listing';

export async function handleBodEvent(message: unknown, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  const bod = await openBodMessage(message, deps.claimChecks);
  const { bodId, noun } = bod.envelope;
  const client = df.getClient(context);

  /** Stale protection per noun + document id: equal or lower variations lose (M3's own inbound rule). */
  const isCurrent = async (documentId: string, variationId: number | null | undefined): Promise<boolean> => {
    if (variationId === undefined || variationId === null) return true;
    const verdict = await deps.variations.offer(noun, documentId, variationId, bodId);
    if (verdict === 'stale') {
      await deps.counters.increment('ion-bods', 'stale-dropped');
      logEvent(context, 'info', 'bod.stale-dropped', { bodId, noun, documentId, variationId });
    }
    return verdict === 'newer';
  };

  if (isShipmentBod(bod)) {
    for (const document of bod.documents ?? [bod.document]) {
      if (!(await isCurrent(document.id, document.variationId))) continue;
      const instanceId = await startShipmentConfirmation(client, { envelope: bod.envelope, document });
      logEvent(context, 'info', 'shipment.started', { bodId, documentId: document.id, instanceId });
    }
  } else if (isItemMasterBod(bod)) {
    for (const document of bod.documents ?? [bod.document]) {
      if (!(await isCurrent(document.itemNumber, document.variationId))) continue;
      await startItemListing(client, bod.envelope, document);
    }
  } else if (isSalesOrderBod(bod)) {
    for (const document of bod.documents ?? [bod.document]) {
      if (!(await isCurrent(document.id, document.variationId))) continue;
      const how = await signalM3OrderChange(client, deps, { bodId, m3OrderNumber: document.id, customerOrderRef: document.customerOrderRef });
      logEvent(context, 'info', 'sales-order.received', { bodId, m3OrderNumber: document.id, outcome: how });
    }
  } else if (isInventoryBod(bod)) {
    const documentId = bod.document.id;
    if (documentId !== undefined && !(await isCurrent(documentId, bod.document.variationId))) return;
    await signalInventoryChange(client, bod.envelope, bod.document);
  }
}

app.serviceBusQueue('ion-bod-events', {
  queueName: QUEUES.ionBods,
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: handleBodEvent,
});
