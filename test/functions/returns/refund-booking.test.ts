/**
 * Booking a refund in M3, exactly once per Finances transaction id: a second sweep finds it booked; a run that stopped
 * in the middle of the M3 write is parked as an unknown outcome and never written again; a refund of an order not
 * invoiced yet is parked and, re-driven after the invoice exists, credited.
 */
import { createM3ClientFromIonApi, type M3Client } from '../../../connectors/m3/m3-client';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { TransientError } from '../../../core/errors';
import type { LedgerEntry, OrderLink, ParkInput, ParkedItem } from '../../../connectors/storage';
import { OrderLinkSchema } from '../../../connectors/storage';
import type { PhysicalReturn, Refund } from '../../../core/returns';
import { bookRefund } from '../../../functions/returns/refund-booking';
import { bookReturn } from '../../../functions/returns/return-booking';
import type { BookingPorts } from '../../../functions/returns/returns-ports';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';

const mappings = loadShippedMappings();
const DE = 'A1PA6795UKMFR9';

function memoryLedger(): BookingPorts['ledger'] & { rows: Map<string, { entry: LedgerEntry; etag: string }>; credited: Array<{ amazonOrderId: string; creditOrder: string }> } {
  const rows = new Map<string, { entry: LedgerEntry; etag: string }>();
  const claims = new Map<string, string>();
  const credited: Array<{ amazonOrderId: string; creditOrder: string }> = [];
  let n = 0;
  const key = (kind: string, id: string) => `${kind}/${id}`;
  return {
    rows, credited,
    read: async (kind, id) => rows.get(key(kind, id)),
    claim: async (entry) => { if (rows.has(key(entry.kind, entry.id))) return undefined; const etag = `e${++n}`; rows.set(key(entry.kind, entry.id), { entry: { ...entry, updatedAt: new Date().toISOString() }, etag }); return etag; },
    update: async (entry, etag) => { const cur = rows.get(key(entry.kind, entry.id)); if (!cur || cur.etag !== etag) return undefined; const next = `e${++n}`; rows.set(key(entry.kind, entry.id), { entry: { ...entry, updatedAt: new Date().toISOString() }, etag: next }); return next; },
    markReturned: async () => undefined,
    returnedSkus: async () => new Set(),
    claimCredit: async (amazonOrderId, sku, owner) => {
      const key = `${amazonOrderId}|${sku}`;
      if (!claims.has(key)) claims.set(key, owner);
      return claims.get(key)!;
    },
    markCredited: async (amazonOrderId, credit) => { credited.push({ amazonOrderId, creditOrder: credit.creditOrder }); },
  };
}

function memoryParked(): BookingPorts['parked'] & { items: Map<string, ParkedItem> } {
  const items = new Map<string, ParkedItem>();
  return {
    items,
    park: async (input: ParkInput) => {
      const now = new Date().toISOString();
      const item: ParkedItem = { ...input, source: input.source, details: input.details ?? {}, instanceId: '', status: 'parked', firstSeen: now, lastSeen: now, attempts: 1, note: '' };
      items.set(`${input.flow}/${input.id}`, item);
      return item;
    },
    setStatus: async (flow, id, status) => { const item = items.get(`${flow}/${id}`); if (item) item.status = status; return item; },
  };
}

describe('booking a refund as an M3 credit order', () => {
  let sim: M3Simulator;
  let client: M3Client;
  let ports: BookingPorts & { ledger: ReturnType<typeof memoryLedger>; parked: ReturnType<typeof memoryParked> };
  let links: Map<string, OrderLink>;
  let counter = 0;

  const createOrder = async (amazonOrderId: string): Promise<string> => {
    const temp = (await client.execute('OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE', ORTP: 'AMZ', FACI: 'A01', WHLO: 'E10', CUOR: amazonOrderId, CUCD: 'EUR' }))[0]!.ORNO!;
    await client.execute('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-A', ORQT: '1', SAPR: '20', WHLO: 'E10' });
    await client.execute('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-B', ORQT: '2', SAPR: '10', WHLO: 'E10' });
    const orno = (await client.execute('OIS100MI', 'Confirm', { ORNO: temp }))[0]!.ORNO!;
    links.set(amazonOrderId, OrderLinkSchema.parse({
      sellerId: 'S1', amazonOrderId, marketplaceId: DE, status: 'created', m3OrderNumber: orno,
      lines: [{ orderItemId: '1', sku: 'SKU-A', itemNumber: 'SKU-A', lineNumber: 1, quantity: 1 }, { orderItemId: '2', sku: 'SKU-B', itemNumber: 'SKU-B', lineNumber: 2, quantity: 2 }],
    }));
    return orno;
  };
  const invoice = async (orno: string) => (await fetch(`${sim.url}/_sim/orders/${orno}/invoice`, { method: 'POST' })).json() as Promise<{ CINO: string }>;
  const returnsInM3 = async () => (await (await fetch(`${sim.url}/_sim/returns`)).json()) as Array<{ kind: string; CUOR: string; OIVR?: string; lines: Array<{ ITNO: string; QTY: string; AMOUNT: string }> }>;
  const physicalReturn = (id: string, amazonOrderId: string): PhysicalReturn => ({
    returnId: id, amazonOrderId, channel: 'merchant', requestDate: '2026-05-09', deliveryDate: '', items: [{ sku: 'SKU-B', quantity: 1, reason: 'DEFECTIVE' }],
  });
  const credits = async () => ((await (await fetch(`${sim.url}/_sim/returns`)).json()) as Array<{ kind: string; CUOR: string; OIVR: string }>).filter((r) => r.kind === 'credit');
  const refund = (id: string, amazonOrderId: string): Refund => ({
    adjustmentId: id, transactionType: 'Refund', amazonOrderId, marketplaceId: DE, postedDate: '2026-05-10T10:00:00Z', currency: 'EUR',
    items: [{ sku: 'SKU-B', quantity: 1, amount: '10.00', adjustmentItemId: '' }], itemsWithoutSku: 0,
  });

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: { ...m3SeedFromMappings(mappings), items: ['SKU-A', 'SKU-B'].map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })) } });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    links = new Map();
    ports = {
      m3: { execute: (p, t, params) => client.execute(p, t, params) },
      links: { get: async (_seller, id) => links.get(id) },
      ledger: memoryLedger(), parked: memoryParked(), mappings,
    };
  });

  it('credits the refunded line once against the original invoice, however often it is booked', async () => {
    const amazonOrderId = `302-0000000-00000${++counter}`;
    const orno = await createOrder(amazonOrderId);
    const { CINO } = await invoice(orno);
    expect(await bookRefund(ports, 'S1', refund('T-A', amazonOrderId))).toMatchObject({ kind: 'booked' });
    expect(await bookRefund(ports, 'S1', refund('T-A', amazonOrderId))).toEqual({ kind: 'duplicate' });
    expect((await credits()).filter((c) => c.CUOR === amazonOrderId)).toEqual([expect.objectContaining({ OIVR: CINO })]);
  });

  it('parks a run that stopped during the M3 write as an unknown outcome, and never writes it again', async () => {
    const amazonOrderId = `302-0000000-00000${++counter}`;
    await invoice(await createOrder(amazonOrderId));
    let failLine = true;
    ports.m3 = { execute: (p, t, params) => {
      if (t === 'AddBatchLine' && failLine) { failLine = false; return Promise.reject(new TransientError('M3 did not answer', { code: 'TIMEOUT', system: 'm3' })); }
      return client.execute(p, t, params);
    } };
    await expect(bookRefund(ports, 'S1', refund('T-B', amazonOrderId))).rejects.toThrow('M3 did not answer');
    // Right away another run may still be writing: hands off.
    expect(await bookRefund(ports, 'S1', refund('T-B', amazonOrderId))).toEqual({ kind: 'duplicate' });
    // Later the row is a crashed run's; its phase says an M3 write was under way.
    const row = ports.ledger.rows.get('refund/T-B')!;
    row.entry = { ...row.entry, updatedAt: new Date(Date.now() - 3_600_000).toISOString() };
    expect(await bookRefund(ports, 'S1', refund('T-B', amazonOrderId))).toEqual({ kind: 'parked', reason: 'unknown-outcome' });
    expect(await bookRefund(ports, 'S1', refund('T-B', amazonOrderId), true)).toEqual({ kind: 'duplicate' });
    expect((await credits()).filter((c) => c.CUOR === amazonOrderId)).toEqual([]);
  });

  it('parks a refund of an order not invoiced yet, and credits it when re-driven after invoicing', async () => {
    const amazonOrderId = `302-0000000-00000${++counter}`;
    const orno = await createOrder(amazonOrderId);
    expect(await bookRefund(ports, 'S1', refund('T-C', amazonOrderId))).toEqual({ kind: 'parked', reason: 'order-not-invoiced' });
    expect(await bookRefund(ports, 'S1', refund('T-C', amazonOrderId))).toEqual({ kind: 'duplicate' });
    await invoice(orno);
    expect(await bookRefund(ports, 'S1', refund('T-C', amazonOrderId), true)).toMatchObject({ kind: 'booked' });
    expect(ports.parked.items.get('refund-credit/T-C')?.status).toBe('resolved');
  });

  describe('one credit per refunded item, whichever Amazon reports first', () => {
    it('refund first: the credit order credits the item, and the return that follows carries the goods at price 0', async () => {
      const amazonOrderId = `302-0000000-00001${++counter}`;
      const orno = await createOrder(amazonOrderId);
      await invoice(orno);
      expect(await bookRefund(ports, 'S1', refund('T-D', amazonOrderId))).toMatchObject({ kind: 'booked' });
      expect(await bookReturn(ports, 'S1', DE, physicalReturn('RMA-D', amazonOrderId))).toMatchObject({ kind: 'booked' });
      expect(await bookReturn(ports, 'S1', DE, physicalReturn('RMA-D', amazonOrderId))).toEqual({ kind: 'duplicate' });
      const inM3 = (await returnsInM3()).filter((r) => r.CUOR === amazonOrderId);
      expect(inM3).toEqual([
        expect.objectContaining({ kind: 'return', lines: [expect.objectContaining({ ITNO: 'SKU-B', QTY: '1', AMOUNT: '0.00' })] }),
        expect.objectContaining({ kind: 'credit', lines: [expect.objectContaining({ ITNO: 'SKU-B', QTY: '-1', AMOUNT: '-10.00' })] }),
      ]);
      expect(ports.ledger.rows.get('return/RMA-D')?.entry.note).toMatch(/goods only/);
      // The settlement finds the credit order through the ledger.
      expect(ports.ledger.credited).toEqual([{ amazonOrderId, creditOrder: expect.any(String) }]);
    });

    it('return first: the return credits the item in M3, and the refund that follows is not credited again', async () => {
      const amazonOrderId = `302-0000000-00001${++counter}`;
      await invoice(await createOrder(amazonOrderId));
      expect(await bookReturn(ports, 'S1', DE, physicalReturn('RMA-E', amazonOrderId))).toMatchObject({ kind: 'booked' });
      expect(await bookRefund(ports, 'S1', refund('T-E', amazonOrderId))).toMatchObject({ kind: 'skipped' });
      const inM3 = (await returnsInM3()).filter((r) => r.CUOR === amazonOrderId);
      expect(inM3).toEqual([expect.objectContaining({ kind: 'return', lines: [expect.objectContaining({ ITNO: 'SKU-B', QTY: '1', AMOUNT: '10.00' })] })]);
      expect(ports.ledger.credited).toEqual([]);
    });

    it('with skipWhenReturned off, the refund always credits and every return carries the goods only', async () => {
      ports.mappings = { ...mappings, returns: { ...mappings.returns, refunds: { ...mappings.returns.refunds, skipWhenReturned: false } } };
      const amazonOrderId = `302-0000000-00001${++counter}`;
      await invoice(await createOrder(amazonOrderId));
      expect(await bookReturn(ports, 'S1', DE, physicalReturn('RMA-F', amazonOrderId))).toMatchObject({ kind: 'booked' });
      expect(await bookRefund(ports, 'S1', refund('T-F', amazonOrderId))).toMatchObject({ kind: 'booked' });
      const inM3 = (await returnsInM3()).filter((r) => r.CUOR === amazonOrderId);
      expect(inM3.map((r) => [r.kind, r.lines.map((l) => l.AMOUNT)])).toEqual([['return', ['0.00']], ['credit', ['-10.00']]]);
    });
  });
});
