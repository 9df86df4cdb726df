/**
 * The hostile XML corpus (test/fixtures/hostile/xml/manifest.json): every case is refused with its code and a message
 * naming what is wrong, quickly, without reading a file or opening a connection.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BodError, readBod } from '../../../core/bod';
import { PermanentError } from '../../../core/errors';
import { freePort } from '../../../local/azurite/azurite-process';

interface HostileCase { file: string; expected: string; why: string; mentions: string; generated?: string }
const DIR = path.resolve(__dirname, '../../fixtures/hostile/xml');
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { cases: HostileCase[] };
const fileCases = manifest.cases.filter((c) => c.generated === undefined);
const SENTINEL_PATH = '/tmp/m3sync-xxe-sentinel.txt';
const SENTINEL = `sentinel-${process.pid}-never-read`;

let server: http.Server;
let port = 0;
let requestsSeen = 0;
const timings: string[] = [];

function capture(run: () => unknown): BodError {
  try {
    run();
  } catch (error) {
    if (error instanceof BodError) return error;
    throw error;
  }
  throw new Error('expected readBod to refuse the document');
}

beforeAll(async () => {
  fs.writeFileSync(SENTINEL_PATH, SENTINEL);
  port = await freePort();
  server = http.createServer((req, res) => { requestsSeen += 1; res.end('<!ENTITY leaked "yes">'); });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // Reported, not asserted tightly: CI machines vary.
  process.stdout.write(`hostile XML timings (ms):\n${timings.join('\n')}\n`);
});

describe('readBod on hostile XML', () => {
  it('covers at least 30 cases, each with a reason', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(30);
    for (const c of manifest.cases) expect(c.why.length).toBeGreaterThan(5);
  });

  it.each(fileCases.map((c) => [c.file, c.expected, c] as const))('refuses %s with %s', (file, expected, c) => {
    const raw = fs.readFileSync(path.join(DIR, file));
    const bytes = file === 'xxe-http-loopback.xml' ? Buffer.from(raw.toString('utf8').replace('__PORT__', String(port))) : raw;
    const started = process.hrtime.bigint();
    const error = capture(() => readBod(bytes));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    timings.push(`  ${ms.toFixed(2).padStart(8)}  ${file}`);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.code).toBe(expected);
    expect(error.message).toContain(c.mentions);
    expect(error.message).not.toContain(SENTINEL);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a 20 MB body as TOO_LARGE before decoding it', () => {
    const head = '<?xml version="1.0"?><SyncShipment xmlns="http://schema.infor.com/InforOAGIS/2"><ApplicationArea><BODID>';
    // Invalid UTF-8 inside: if the size check did not come first, this would be BAD_ENCODING.
    const body = Buffer.concat([Buffer.from(head), Buffer.alloc(20 * 1024 * 1024, 0xff), Buffer.from('</BODID></ApplicationArea></SyncShipment>')]);
    const error = capture(() => readBod(body));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('limit');
  });

  it('applies a configured size limit to strings as UTF-8 bytes', () => {
    expect(capture(() => readBod('é'.repeat(600), { maxBytes: 1000 })).code).toBe('TOO_LARGE');
  });

  it('never reads a file or asks the network while refusing external entities', () => {
    const spies = [jest.spyOn(fs, 'readFileSync'), jest.spyOn(fs, 'openSync'), jest.spyOn(fs, 'open'), jest.spyOn(fs.promises, 'open'), jest.spyOn(fs, 'createReadStream')];
    const inputs = fileCases.filter((c) => c.file.startsWith('xxe') || c.file.includes('entity') || c.file.includes('laughs'))
      .map((c) => Buffer.from(fs.readFileSync(path.join(DIR, c.file), 'utf8').replace('__PORT__', String(port))));
    for (const spy of spies) spy.mockClear();
    const messages = inputs.map((input) => capture(() => readBod(input)).message);
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
    expect(messages.join('\n')).not.toContain(SENTINEL);
    expect(messages.join('\n')).not.toContain('root:');
    expect(requestsSeen).toBe(0);
  });

  it('reports where a syntax error is, as line and column', () => {
    const error = capture(() => readBod('<SyncShipment>\n  <DataArea>\n  </Data>\n</SyncShipment>'));
    expect(error.code).toBe('NOT_WELL_FORMED');
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(error.message).toContain('line 3, column 3');
  });

  it('stops at the configured depth', () => {
    const deep = `<SyncShipment>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</SyncShipment>`;
    expect(capture(() => readBod(deep, { maxDepth: 10 })).code).toBe('TOO_DEEP');
  });
});
