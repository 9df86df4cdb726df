/**
 * The simulator refuses what Amazon refuses although the JSON schema allows it: the relations between parameters that
 * the official models state in their descriptions. Each refusal is Amazon's 400 InvalidInput and is recorded at
 * /_sim/violations.
 */
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { createSimClock } from '../../../../local/sim/amazon/sim-clock';
import { call, http, invalidInputMessage, ViolationsSchema } from './sim-client';
import { describeWithModels } from '../../../connectors/amazon/sim-harness';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const iso = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString();
const HOUR = 3_600_000;
const SEARCH = '/orders/2026-01-01/orders';
const REPORTS = '/reports/2021-06-30/reports';

describeWithModels('cross-field rules of the SP-API models', () => {
  let sim: AmazonSimulator;
  beforeEach(async () => {
    const clock = { ...createSimClock(1), now: () => NOW, timeScale: 1 };
    sim = await startAmazonSimulator({ clock });
  });
  afterEach(async () => { await sim.close(); });

  async function refused(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<string> {
    const res = await call(sim, method, path, body);
    expect(res.status).toBe(400);
    return invalidInputMessage(res.data);
  }

  describe('searchOrders', () => {
    it('needs exactly one of createdAfter and lastUpdatedAfter', async () => {
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&lastUpdatedAfter=${iso(HOUR)}`)).toMatch(/exactly one of createdAfter and lastUpdatedAfter/);
      expect(await refused(`${SEARCH}?maxResultsPerPage=10`)).toMatch(/exactly one of createdAfter and lastUpdatedAfter/);
      expect((await call(sim, 'GET', `${SEARCH}?createdAfter=${iso(HOUR)}`)).status).toBe(200);
    });

    it('does not mix created and lastUpdated filters', async () => {
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&lastUpdatedBefore=${iso(5 * 60_000)}`)).toMatch(/cannot be combined/);
      expect(await refused(`${SEARCH}?lastUpdatedAfter=${iso(HOUR)}&createdBefore=${iso(5 * 60_000)}`)).toMatch(/cannot be combined/);
    });

    it('needs lastUpdatedBefore (and createdBefore) at least two minutes in the past', async () => {
      expect(await refused(`${SEARCH}?lastUpdatedAfter=${iso(HOUR)}&lastUpdatedBefore=${iso(60_000)}`)).toMatch(/lastUpdatedBefore must be at least two minutes before/);
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&createdBefore=${iso(0)}`)).toMatch(/createdBefore must be at least two minutes before/);
      expect((await call(sim, 'GET', `${SEARCH}?lastUpdatedAfter=${iso(HOUR)}&lastUpdatedBefore=${iso(3 * 60_000)}`)).status).toBe(200);
    });

    it('needs the upper bound at or after the lower one', async () => {
      expect(await refused(`${SEARCH}?lastUpdatedAfter=${iso(HOUR)}&lastUpdatedBefore=${iso(2 * HOUR)}`)).toMatch(/lastUpdatedBefore must be equal to or after lastUpdatedAfter/);
    });

    it('pages at most 100 orders', async () => {
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&maxResultsPerPage=500`)).toMatch(/maxResultsPerPage must be between 1 and 100/);
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&maxResultsPerPage=0`)).toMatch(/maxResultsPerPage/);
      expect((await call(sim, 'GET', `${SEARCH}?createdAfter=${iso(HOUR)}&maxResultsPerPage=100`)).status).toBe(200);
    });

    it('knows only Amazon\'s marketplace ids', async () => {
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&marketplaceIds=ATVPDKIKX0DER,NOTAMARKETPLACE`)).toMatch(/marketplace id that Amazon does not have/);
    });

    it('refuses an includedData value the model does not list', async () => {
      expect(await refused(`${SEARCH}?createdAfter=${iso(HOUR)}&includedData=BUYER,EVERYTHING`)).toMatch(/includedData/);
    });
  });

  describe('getReports', () => {
    it('needs reportTypes or nextToken', async () => {
      expect(await refused(`${REPORTS}?processingStatuses=DONE`)).toMatch(/either reportTypes or nextToken is required/);
    });

    it('takes nextToken only as the only parameter', async () => {
      expect(await refused(`${REPORTS}?nextToken=abc&reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2`)).toMatch(/nextToken must be the only parameter/);
      expect(await refused(`${REPORTS}?nextToken=abc&pageSize=10`)).toMatch(/nextToken must be the only parameter/);
    });

    it('pages at most 100 reports (the model\'s maximum)', async () => {
      expect(await refused(`${REPORTS}?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&pageSize=101`)).toMatch(/pageSize/);
    });
  });

  describe('confirmShipment', () => {
    const body = (packageDetail: Record<string, unknown>) => ({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: { packageReferenceId: '1', trackingNumber: '1Z999', shipDate: '2026-03-01T10:00:00Z', orderItems: [{ orderItemId: '1', quantity: 1 }], ...packageDetail },
    });
    const path = '/orders/v0/orders/113-0000000-0000001/shipmentConfirmation';

    it('needs carrierName when carrierCode is Other', async () => {
      expect(await refused(path, 'POST', body({ carrierCode: 'Other' }))).toMatch(/carrierName is required when carrierCode is Other/);
      expect(await refused(path, 'POST', body({ carrierCode: 'Other', carrierName: '  ' }))).toMatch(/carrierName is required/);
    });

    it('refuses a body the model does not allow (missing trackingNumber)', async () => {
      const { trackingNumber: _dropped, ...withoutTracking } = body({ carrierCode: 'UPS' }).packageDetail;
      expect(await refused(path, 'POST', { marketplaceId: 'ATVPDKIKX0DER', packageDetail: withoutTracking })).toMatch(/trackingNumber/);
    });
  });

  describe('Listings Items', () => {
    it('allows includedData identifiers only in VALIDATION_PREVIEW mode', async () => {
      const put = `/listings/2021-08-01/items/${sim.sellerId}/SKU-1?marketplaceIds=ATVPDKIKX0DER&includedData=identifiers`;
      const res = await call(sim, 'PUT', put, { productType: 'PRODUCT', attributes: {} });
      expect(res.status).toBe(400);
      expect(invalidInputMessage(res.data)).toMatch(/identifiers can only be requested when mode is VALIDATION_PREVIEW/);
    });

    it('writes one marketplace per put (the model\'s maxItems 1)', async () => {
      const res = await call(sim, 'PUT', `/listings/2021-08-01/items/${sim.sellerId}/SKU-1?marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2`, { productType: 'PRODUCT', attributes: {} });
      expect(res.status).toBe(400);
      expect(invalidInputMessage(res.data)).toMatch(/marketplaceIds has more than 1/);
    });
  });

  it('records every refused request at /_sim/violations, naming the operation, method, path and problems', async () => {
    await call(sim, 'GET', `${SEARCH}?createdAfter=${iso(HOUR)}&maxResultsPerPage=500`);
    const violations = ViolationsSchema.parse((await http.get(`${sim.url}/_sim/violations`)).data);
    expect(violations).toEqual([{ operation: 'searchOrders', method: 'GET', path: SEARCH, problems: ['maxResultsPerPage must be between 1 and 100'] }]);
    await http.post(`${sim.url}/_sim/reset`);
    expect((await http.get(`${sim.url}/_sim/violations`)).data).toEqual([]);
  });

  it('lets a spec that tests the app\'s reaction to Amazon\'s 400 switch the checks off (strict: false)', async () => {
    const lenient = await startAmazonSimulator({ strict: false });
    try {
      const res = await call(lenient, 'GET', `${SEARCH}?createdAfter=2026-01-01T00:00:00Z&maxResultsPerPage=500`);
      expect(res.status).toBe(200);
      expect(lenient.violations).toEqual([]);
    } finally {
      await lenient.close();
    }
  });
});
