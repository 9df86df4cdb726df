import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import type { GetReportsQuery, GetReportsResponse, Report } from '../../../connectors/amazon';
import type { NotificationEvent } from '../../../core/notifications';
import { sweepSettlementReports, sweepCursorName, type SweepPorts } from '../../../functions/settlement-posting/settlement-sweep';
import { handleReportFinished } from '../../../functions/settlement-posting/report-finished';
import { startSettlementPosting, type StartPort } from '../../../functions/settlement-posting/start-settlement';
import { fetchSettlementReport } from '../../../functions/settlement-posting/fetch-report';
import type { ReportFetchPorts } from '../../../functions/settlement-posting/settlement-ports';
import type { SettlementInstanceInput } from '../../../functions/settlement-posting/settlement-outcome';

const TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function report(id: string, createdTime: string, extra: Partial<Report> = {}): Report {
  return { reportId: id, reportType: TYPE, createdTime, processingStatus: 'DONE', reportDocumentId: `doc-${id}`, marketplaceIds: ['ATVPDKIKX0DER'], ...extra };
}

function sweepPorts(pages: GetReportsResponse[], cursor?: string): SweepPorts & { queries: GetReportsQuery[]; started: SettlementInstanceInput[]; cursorsSet: Map<string, string>; paused: boolean } {
  const queries: GetReportsQuery[] = [];
  const started: SettlementInstanceInput[] = [];
  const cursorsSet = new Map<string, string>(cursor ? [[sweepCursorName('A1SELLER', 'NA'), cursor]] : []);
  const state = {
    queries, started, cursorsSet, paused: false,
    sellers: [{ sellerId: 'A1SELLER', region: 'NA', marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] }],
    getReports: async (_seller: string, _mp: string | undefined, query: GetReportsQuery) => {
      queries.push(query);
      const page = pages.shift();
      if (!page) throw new Error('no more pages');
      return page;
    },
    cursors: {
      get: async (name: string) => (cursorsSet.has(name) ? { value: cursorsSet.get(name)! } : undefined),
      advance: async (name: string, value: string) => { cursorsSet.set(name, value); return true; },
    },
    start: async (input: SettlementInstanceInput) => { started.push(input); return 'started' as const; },
    isPaused: () => state.paused,
  };
  return state;
}

describe('settlement-sweep', () => {
  it('starts one posting per listed settlement report, across pages, and then advances the cursor to the newest', async () => {
    const ports = sweepPorts([
      { reports: [report('R2', '2024-03-17T08:00:00Z'), report('R1', '2024-03-03T08:00:00Z')], nextToken: 'page-2' },
      { reports: [report('R0', '2024-02-18T08:00:00Z', { marketplaceIds: ['A2EUQ1WTGCTBG2'] })] },
    ], '2024-02-01T00:00:00Z');
    const result = await sweepSettlementReports(ports, quiet);

    expect(result).toEqual({ listed: 3, started: 3, paused: false });
    expect(ports.queries[0]).toEqual({
      reportTypes: [TYPE], processingStatuses: ['DONE'], pageSize: 100, marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], createdSince: '2024-02-01T00:00:00Z',
    });
    // Amazon wants nextToken alone (reports model).
    expect(ports.queries[1]).toEqual({ nextToken: 'page-2' });
    expect(ports.started.map((s) => [s.reportId, s.reportDocumentId, s.marketplaceId])).toEqual([
      ['R2', 'doc-R2', 'ATVPDKIKX0DER'], ['R1', 'doc-R1', 'ATVPDKIKX0DER'], ['R0', 'doc-R0', 'A2EUQ1WTGCTBG2'],
    ]);
    expect(ports.cursorsSet.get(sweepCursorName('A1SELLER', 'NA'))).toBe('2024-03-17T08:00:00Z');
  });

  it('asks without createdSince the first time, so Amazon looks back as far as it keeps reports', async () => {
    const ports = sweepPorts([{ reports: [] }]);
    await sweepSettlementReports(ports, quiet);
    expect(ports.queries[0]).not.toHaveProperty('createdSince');
    expect(ports.cursorsSet.size).toBe(0);
  });

  it('leaves the cursor where it was when handing a report over fails, so the next sweep lists it again', async () => {
    const ports = sweepPorts([{ reports: [report('R1', '2024-03-03T08:00:00Z')] }], '2024-02-01T00:00:00Z');
    ports.start = async () => { throw new TransientError('durable client unavailable', { code: 'X', system: 'storage' }); };
    await expect(sweepSettlementReports(ports, quiet)).rejects.toThrow('durable client unavailable');
    expect(ports.cursorsSet.get(sweepCursorName('A1SELLER', 'NA'))).toBe('2024-02-01T00:00:00Z');
  });

  it('does nothing while settlement-posting is paused', async () => {
    const ports = sweepPorts([{ reports: [report('R1', '2024-03-03T08:00:00Z')] }]);
    ports.paused = true;
    expect(await sweepSettlementReports(ports, quiet)).toEqual({ listed: 0, started: 0, paused: true });
    expect(ports.queries).toEqual([]);
  });

  it('asks for at most 10 marketplaces per listing, as the reports model allows', async () => {
    const ports = sweepPorts([{ reports: [] }, { reports: [] }]);
    ports.sellers = [{ sellerId: 'A1SELLER', region: 'EU', marketplaceIds: Array.from({ length: 12 }, (_, i) => `M${i}`) }];
    await sweepSettlementReports(ports, quiet);
    expect(ports.queries.map((q) => q.marketplaceIds?.length)).toEqual([10, 2]);
  });
});

function fakeClient(statuses: Record<string, string> = {}): StartPort & { startedIds: string[] } {
  const startedIds: string[] = [];
  const client = {
    startedIds,
    getStatus: async (id: string) => (statuses[id] ? { runtimeStatus: statuses[id] } : undefined),
    startNew: async (_name: string, options?: { instanceId?: string }) => { startedIds.push(options?.instanceId ?? ''); return options?.instanceId ?? ''; },
  };
  return client as unknown as StartPort & { startedIds: string[] };
}

describe('starting a settlement posting', () => {
  it('derives the instance id from seller and report, and leaves a known instance alone', async () => {
    const client = fakeClient({ 'settle:A1SELLER:R1': 'Completed' });
    expect(await startSettlementPosting(client, { sellerId: 'A1SELLER', reportId: 'R1', trigger: 'sweep' })).toBe('exists');
    expect(await startSettlementPosting(client, { sellerId: 'A1SELLER', reportId: 'R2', trigger: 'sweep' })).toBe('started');
    expect(client.startedIds).toEqual(['settle:A1SELLER:R2']);
  });

  it('restarts an instance that failed', async () => {
    const client = fakeClient({ 'settle:A1SELLER:R1': 'Failed' });
    expect(await startSettlementPosting(client, { sellerId: 'A1SELLER', reportId: 'R1', trigger: 'sweep' })).toBe('started');
  });
});

describe('handleReportFinished', () => {
  const event = (over: Partial<NotificationEvent>): NotificationEvent => ({
    notificationId: 'n-1', type: 'REPORT_PROCESSING_FINISHED', envelope: 'raw', sellerId: 'A1SELLER', reportId: 'R9', reportType: TYPE, processingStatus: 'DONE', documentId: 'doc-R9', ...over,
  });

  it('starts the posting of a finished settlement report with its document id', async () => {
    const client = fakeClient();
    expect(await handleReportFinished(client, event({}))).toBe('started');
    expect(client.startedIds).toEqual(['settle:A1SELLER:R9']);
  });

  it('ignores other report types, unfinished reports and other notifications', async () => {
    const client = fakeClient();
    expect(await handleReportFinished(client, event({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }))).toBe('ignored');
    expect(await handleReportFinished(client, event({ processingStatus: 'FATAL' }))).toBe('ignored');
    expect(await handleReportFinished(client, event({ type: 'ORDER_CHANGE' }))).toBe('ignored');
    expect(client.startedIds).toEqual([]);
  });
});

describe('fetchSettlementReport', () => {
  function fetchPorts(over: Partial<ReportFetchPorts> = {}): ReportFetchPorts & { parkedIds: string[]; stored: Buffer[] } {
    const parkedIds: string[] = [];
    const stored: Buffer[] = [];
    return {
      parkedIds, stored,
      getReport: async (_s, id) => report(id, '2024-03-17T08:00:00Z', { marketplaceIds: ['A1PA6795UKMFR9'] }),
      downloadReportDocument: async () => Buffer.from('settlement-id\ttotal-amount\n', 'utf8'),
      putClaimCheck: async (content) => { stored.push(content); return 'claim-checks/00000000-0000-0000-0000-000000000001'; },
      parked: { park: async (input) => { parkedIds.push(`${input.reason}:${input.id}`); }, setStatus: async () => undefined },
      counters: { increment: async () => undefined },
      ...over,
    };
  }
  const input: SettlementInstanceInput = { sellerId: 'A1SELLER', reportId: 'R9', trigger: 'n-1', instanceId: 'settle:A1SELLER:R9' };

  it('hands over a claim-check reference, not the report, and learns the marketplace from getReport', async () => {
    const ports = fetchPorts();
    const result = await fetchSettlementReport(input, ports, quiet);
    expect(result).toEqual({ kind: 'fetched', reference: 'claim-checks/00000000-0000-0000-0000-000000000001', bytes: 27, marketplaceId: 'A1PA6795UKMFR9' });
    expect(ports.stored).toHaveLength(1);
  });

  it('retries (throws transient) while the report is still being processed', async () => {
    const ports = fetchPorts({ getReport: async (_s, id) => report(id, '2024-03-17T08:00:00Z', { processingStatus: 'IN_PROGRESS', reportDocumentId: undefined }) });
    await expect(fetchSettlementReport(input, ports, quiet)).rejects.toBeInstanceOf(TransientError);
  });

  it('parks a report that ended without a document or cannot be downloaded', async () => {
    const cancelled = fetchPorts({ getReport: async (_s, id) => report(id, '2024-03-17T08:00:00Z', { processingStatus: 'CANCELLED', reportDocumentId: undefined }) });
    expect(await fetchSettlementReport(input, cancelled, quiet)).toMatchObject({ kind: 'stopped', outcome: { outcome: 'parked', reason: 'REPORT_NOT_AVAILABLE' } });
    const expired = fetchPorts({ downloadReportDocument: async () => { throw new PermanentError('document download refused (403)', { code: 'http_403', system: 'amazon' }); } });
    expect(await fetchSettlementReport({ ...input, reportDocumentId: 'doc-R9', marketplaceId: 'A1PA6795UKMFR9' }, expired, quiet)).toMatchObject({ kind: 'stopped', outcome: { outcome: 'parked' } });
    expect(expired.parkedIds).toEqual(['REPORT_NOT_AVAILABLE:report:R9']);
  });

  it('pauses with an alert when Amazon refuses the credentials', async () => {
    const ports = fetchPorts({ getReport: async () => { throw new AuthError('invalid_grant', { code: 'invalid_grant', system: 'amazon' }); } });
    expect(await fetchSettlementReport(input, ports, quiet)).toMatchObject({ kind: 'stopped', outcome: { outcome: 'paused', reason: 'AUTH_FAILED' } });
    expect(ports.parkedIds).toEqual(['AUTH_FAILED:report:R9']);
  });
});
