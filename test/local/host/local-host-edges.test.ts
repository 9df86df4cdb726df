import http from 'node:http';
import path from 'node:path';
import { startLocalHost, memorySink, type LocalHost } from '../../../local/host';
import { VirtualClock } from '../../../local/host/durable';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const FIXTURE = path.resolve(__dirname, '../../fixtures/apps/http-timer-queue-app.js');

describe('the local host on a virtual clock', () => {
  let host: LocalHost;
  const clock = new VirtualClock(new Date('2025-03-01T10:02:00Z'));
  let state: { timerRuns: unknown[] };

  beforeAll(async () => {
    host = await startLocalHost({
      appFiles: [FIXTURE], port: 0, connectionString: azuriteConnectionString(), clock, runTimersOnSchedule: true,
      keys: { functionKey: 'f-key', masterKey: 'm-key' }, env: { FIXTURE_QUEUE: uniqueName('edge') }, sink: memorySink(),
    });
    state = (require(FIXTURE) as { state: { timerRuns: unknown[] } }).state;
  });
  afterAll(async () => { await host?.stop(); });

  it('fires a scheduled timer only when virtual time reaches its next occurrence', async () => {
    const before = state.timerRuns.length;
    await clock.advance(2 * 60_000);
    await host.whenIdle();
    expect(state.timerRuns.length).toBe(before);
    await clock.advance(60_000); // 10:05:00
    await host.whenIdle();
    expect(state.timerRuns.length).toBe(before + 1);
  });

  it('moves virtual time through POST /admin/clock/advance with the master key only', async () => {
    const denied = await fetch(`${host.url}/admin/clock/advance`, { method: 'POST', headers: { 'x-functions-key': 'f-key' }, body: '{"ms":1000}' });
    expect(denied.status).toBe(401);
    const before = clock.now().getTime();
    const response = await fetch(`${host.url}/admin/clock/advance`, { method: 'POST', headers: { 'x-functions-key': 'm-key' }, body: JSON.stringify({ ms: 5 * 60_000 }) });
    expect(response.status).toBe(200);
    expect(clock.now().getTime() - before).toBe(5 * 60_000);
    const bad = await fetch(`${host.url}/admin/clock/advance`, { method: 'POST', headers: { 'x-functions-key': 'm-key' }, body: '{"ms":-1}' });
    expect(bad.status).toBe(400);
  });

  it('answers 413 for a body over Azure\'s 100 MB request limit without reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${host.url}/api/created`, { method: 'POST', headers: { 'content-length': String(101 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('x');
    });
    expect(status).toBe(413);
  });
});
