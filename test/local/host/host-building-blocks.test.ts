import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSchedule } from '../../../local/host/ncrontab';
import { compileRoute, matchRoute } from '../../../local/http-router/router';
import { readHostConfig, timeSpanMs } from '../../../local/host/host-config';
import { constantTimeEquals, isAuthorized } from '../../../local/host/function-keys';
import { expandGlob } from '../../../local/host/app-files';

describe('NCRONTAB schedules (six fields, seconds first, UTC)', () => {
  const at = (iso: string) => new Date(iso);

  it('finds the next five-minute mark', () => {
    expect(parseSchedule('0 */5 * * * *').next(at('2025-03-01T10:02:30Z')).toISOString()).toBe('2025-03-01T10:05:00.000Z');
  });

  it('moves strictly forward from an exact occurrence', () => {
    expect(parseSchedule('0 */5 * * * *').next(at('2025-03-01T10:05:00Z')).toISOString()).toBe('2025-03-01T10:10:00.000Z');
  });

  it('honours hours, weekday names and ranges', () => {
    // 2025-03-01 is a Saturday; Mon-Fri at 02:30:15 → Monday 3 March.
    expect(parseSchedule('15 30 2 * * Mon-Fri').next(at('2025-03-01T12:00:00Z')).toISOString()).toBe('2025-03-03T02:30:15.000Z');
  });

  it('rolls over months and years', () => {
    expect(parseSchedule('0 0 0 1 Jan *').next(at('2025-03-01T00:00:00Z')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('accepts a TimeSpan interval', () => {
    expect(parseSchedule('00:10:00').next(at('2025-03-01T00:00:00Z')).toISOString()).toBe('2025-03-01T00:10:00.000Z');
  });

  it('refuses a five-field (classic cron) expression with a clear message', () => {
    expect(() => parseSchedule('*/5 * * * *')).toThrow(/six fields/);
    expect(() => parseSchedule('0 61 * * * *')).toThrow(/out of range/);
  });
});

describe('route templates', () => {
  it('matches literals case-insensitively and decodes parameters', () => {
    expect(matchRoute(compileRoute('amazon/notifications'), '/Amazon/Notifications')).toEqual({});
    expect(matchRoute(compileRoute('ops/parked/{id}'), '/ops/parked/a%20b')).toEqual({ id: 'a b' });
  });

  it('handles optional, constrained and catch-all parameters', () => {
    expect(matchRoute(compileRoute('items/{id?}'), '/items')).toEqual({});
    expect(matchRoute(compileRoute('items/{id:int}'), '/items/x')).toBeUndefined();
    expect(matchRoute(compileRoute('files/{*rest}'), '/files/a/b/c')).toEqual({ rest: 'a/b/c' });
    expect(matchRoute(compileRoute('items/{id}'), '/items/1/extra')).toBeUndefined();
  });

  it('ranks literal routes above parameter routes', () => {
    expect(compileRoute('ops/failed').specificity).toBeGreaterThan(compileRoute('ops/{id}').specificity);
  });
});

describe('host.json reading', () => {
  it('reads the shipped host.json: route prefix, task hub from %TASKHUB_NAME%, Service Bus concurrency and lock renewal', () => {
    const config = readHostConfig(path.resolve(__dirname, '../../../host.json'), { TASKHUB_NAME: 'hubone' });
    expect(config).toMatchObject({ routePrefix: 'api', hubName: 'hubone', maxConcurrentCalls: 16, maxAutoLockRenewalMs: 300_000, maxDequeueCount: 5 });
  });

  it('falls back to the defaults without a host.json and honours an empty route prefix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostjson-'));
    expect(readHostConfig(path.join(dir, 'host.json')).routePrefix).toBe('api');
    fs.writeFileSync(path.join(dir, 'host.json'), JSON.stringify({ version: '2.0', extensions: { http: { routePrefix: '' } } }));
    expect(readHostConfig(path.join(dir, 'host.json')).routePrefix).toBe('');
  });

  it('parses .NET TimeSpans', () => {
    expect(timeSpanMs('00:05:00')).toBe(300_000);
    expect(timeSpanMs('1.00:00:00.5')).toBe(86_400_500);
  });
});

describe('keys', () => {
  it('compares keys of any length without throwing and never accepts an empty expected key', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(false);
  });

  it('lets the master key through every level and the function key only through function level', () => {
    const keys = { functionKey: 'f', masterKey: 'm', durableKey: 'd' };
    expect(isAuthorized('function', 'm', keys)).toBe(true);
    expect(isAuthorized('function', 'f', keys)).toBe(true);
    expect(isAuthorized('admin', 'f', keys)).toBe(false);
    expect(isAuthorized('function', undefined, keys)).toBe(false);
    expect(isAuthorized('anonymous', undefined, keys)).toBe(true);
  });
});

describe('app file globs', () => {
  it('expands package.json "main" style patterns recursively, in a stable order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appglob-'));
    for (const f of ['dist/functions/a.js', 'dist/functions/ingress/b.js', 'dist/functions/ingress/b.js.map', 'dist/other/c.js']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '');
    }
    expect(expandGlob('dist/functions/**/*.js', dir).map((f) => path.relative(dir, f))).toEqual(['dist/functions/a.js', path.join('dist/functions/ingress/b.js')]);
  });
});
