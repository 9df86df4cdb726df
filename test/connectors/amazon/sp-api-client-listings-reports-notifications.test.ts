/** Listings patch/put/get (incl. VALIDATION_PREVIEW), reports with gzip documents, and the Notifications API (grantless destinations, ORDER_CHANGE subscription rules) against the strict simulator. */
import axios from 'axios';
import { PermanentError } from '../../../core/errors';
import { describeWithModels, startHarness, type Harness } from './sim-harness';

const http = axios.create({ validateStatus: () => true });
const US = ['ATVPDKIKX0DER'];

describeWithModels('listings, reports and notifications against the strict simulator', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.sim.close(); });

  it('creates a listing with put, patches its quantity with merge and reads it back with fulfillmentAvailability', async () => {
    const sku = 'M3/ITEM 001-ü';
    const put = await h.client.putListingsItem(sku, { productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', attributes: { condition_type: [{ value: 'new_new' }], fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 2 }] } }, { marketplaceIds: US });
    expect(put.status).toBe('ACCEPTED');
    const patch = await h.client.patchListingsItem(sku, { productType: 'PRODUCT', patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }] }] }, { marketplaceIds: US });
    expect(patch.status).toBe('ACCEPTED');
    const item = await h.client.getListingsItem(sku, { marketplaceIds: US, includedData: ['summaries', 'attributes', 'issues', 'fulfillmentAvailability'] });
    expect(item.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 9 }]);
    expect(item.summaries?.[0].productType).toBe('PRODUCT');
    const state = await http.get(`${h.sim.url}/_sim/listings`);
    expect(state.data).toEqual([expect.objectContaining({ sku, quantity: 9, productType: 'PRODUCT' })]);
    expect(h.sim.violations).toEqual([]);
  });

  it('validates without saving in VALIDATION_PREVIEW mode, and reports issues for invalid attributes', async () => {
    await http.post(`${h.sim.url}/_sim/listings`, [{ sku: 'A', quantity: 1 }]);
    const preview = await h.client.patchListingsItem('A', { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 50 }] }] }, { marketplaceIds: US, mode: 'VALIDATION_PREVIEW' });
    expect(preview.status).toBe('VALID');
    expect((await h.client.getListingsItem('A', { marketplaceIds: US, includedData: ['fulfillmentAvailability'] })).fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 1 }]);
    const invalid = await h.client.patchListingsItem('A', { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ quantity: 3 }] }] }, { marketplaceIds: US });
    expect(invalid.status).toBe('INVALID');
    expect(invalid.issues?.[0].severity).toBe('ERROR');
    const nested = await h.client.patchListingsItem('A', { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability/0/quantity', value: [{ value: 3 }] }] }, { marketplaceIds: US });
    expect(nested.status).toBe('INVALID');
  });

  it('raises PermanentError for a listing that does not exist', async () => {
    await expect(h.client.getListingsItem('NOPE', { marketplaceIds: US })).rejects.toBeInstanceOf(PermanentError);
  });

  it('finds a stored settlement report and downloads its gzip document', async () => {
    const content = 'settlement-id\tsettlement-start-date\ttotal-amount\tcurrency\n12345\t2026-03-01\t1.234,56\tEUR\n';
    await http.post(`${h.sim.url}/_sim/reports`, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', content, marketplaceIds: ['A1PA6795UKMFR9'] });
    await http.post(`${h.sim.url}/_sim/reports`, { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', content: 'x' });
    const list = await h.client.getReports({ reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], processingStatuses: ['DONE'] });
    expect(list.reports).toHaveLength(1);
    const report = await h.client.getReport(list.reports[0].reportId);
    const doc = await h.client.getReportDocument(String(report.reportDocumentId));
    expect(doc.compressionAlgorithm).toBe('GZIP');
    expect(doc.content.toString('utf8')).toBe(content);
    expect(h.sim.violations).toEqual([]);
  });

  it('pages getReports with nextToken sent alone', async () => {
    for (let i = 0; i < 3; i += 1) await http.post(`${h.sim.url}/_sim/reports`, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', content: `r${i}`, notify: false });
    const first = await h.client.getReports({ reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], pageSize: 2 });
    expect(first.reports).toHaveLength(2);
    const second = await h.client.getReports({ nextToken: String(first.nextToken) });
    expect(second.reports).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
  });

  it('creates an SQS destination with a grantless token and answers a duplicate with 409', async () => {
    const body = { name: 'm3-orders', resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } } };
    const destination = await h.client.createDestination(body);
    expect((await h.client.getDestinations()).map((d) => d.destinationId)).toEqual([destination.destinationId]);
    const dup = await h.client.createDestination(body).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(PermanentError);
    expect((dup as PermanentError).details.status).toBe(409);
  });

  it('subscribes to ORDER_CHANGE only with an eventFilter and without marketplaceIds, and reads it back', async () => {
    const destination = await h.client.createDestination({ name: 'q', resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:1:q' } } });
    await expect(h.client.createSubscription('ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destination.destinationId })).rejects.toBeInstanceOf(PermanentError);
    const sub = await h.client.createSubscription('ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destination.destinationId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] } } });
    expect((await h.client.getSubscription('ORDER_CHANGE')).subscriptionId).toBe(sub.subscriptionId);
    const dup = await h.client.createSubscription('ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destination.destinationId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE' } } }).catch((e: unknown) => e);
    expect((dup as PermanentError).details.status).toBe(409);
    await h.client.deleteSubscriptionById('ORDER_CHANGE', sub.subscriptionId);
    await expect(h.client.getSubscription('ORDER_CHANGE')).rejects.toBeInstanceOf(PermanentError);
    expect(h.sim.violations).toEqual([]);
  });
});
