/** `m3sync parse-bod` as a user runs it: a child process of bin/m3sync.js (dist is built by `npm test` before jest). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/m3sync.js');
const BODS = path.join(ROOT, 'test/fixtures/bods');
const HOSTILE = path.join(ROOT, 'test/fixtures/hostile/xml');

function run(args: string[], stdin?: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? Buffer.alloc(0));
  });
}

function expected(file: string): unknown {
  return JSON.parse(readFileSync(path.join(BODS, file.replace(/\.xml$/, '.expected.json')), 'utf8'));
}

describe('m3sync parse-bod', () => {
  it('prints the canonical JSON of a Sync.Shipment', async () => {
    const { code, stdout, stderr } = await run(['parse-bod', path.join(BODS, 'sync-shipment-default-ns.xml')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expected('sync-shipment-default-ns.xml'));
  });

  it('accepts --json and reads UTF-16 from standard input with -', async () => {
    const bytes = readFileSync(path.join(BODS, 'sync-shipment-utf16be.xml'));
    const { code, stdout } = await run(['parse-bod', '--json', '-'], bytes);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expected('sync-shipment-utf16be.xml'));
  });

  it('exits 2 with one error line naming the file and the missing element path', async () => {
    const file = path.join(HOSTILE, 'missing-shipment-id.xml');
    const { code, stdout, stderr } = await run(['parse-bod', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toContain(file);
    expect(stderr).toContain('SyncShipment/DataArea/Shipment/ShipmentHeader/DocumentID/ID');
    expect(stderr).toContain('MISSING_ELEMENT');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an XXE attempt without reading the referenced file', async () => {
    const { code, stderr } = await run(['parse-bod', path.join(HOSTILE, 'xxe-file-passwd.xml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('DTD_FORBIDDEN');
    expect(stderr).not.toContain('root:');
  });

  it('exits 2 on text that is not XML, read from standard input', async () => {
    const { code, stderr } = await run(['parse-bod', '-'], Buffer.from('{"not": "xml"}'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: <stdin>: not well-formed XML at line 1, column 1/);
  });

  it('exits 2 when the file does not exist', async () => {
    const { code, stderr } = await run(['parse-bod', path.join(BODS, 'no-such-file.xml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*no-such-file\.xml: cannot read file \(ENOENT\)/);
  });

  it('explains itself with --help', async () => {
    const { code, stdout } = await run(['parse-bod', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('parse-bod');
    expect(stdout).toContain('--json');
  });
});
