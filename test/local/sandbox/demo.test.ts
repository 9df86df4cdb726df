/**
 * `npm run demo` (docs/contracts.md, Commands): self-contained — it starts Azurite, both simulators and the app, runs the scripted
 * day and ends with a summary table in which every row is ok, and exit code 0.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

describe('npm run demo', () => {
  it('runs the scripted day from orders to the GL journal and exits 0 with every summary row ok', async () => {
    const demo = path.join(repo, 'dist/local/sandbox/demo.js');
    if (!existsSync(demo)) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
    const child = spawn(process.execPath, [demo], { cwd: repo, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, tail: code === 0 ? '' : out.slice(-2000) }).toEqual({ code: 0, tail: '' });
    const summary = out.slice(out.lastIndexOf('Summary'));
    for (const row of ['Orders in M3', 'Shipment confirmations at Amazon', 'Inventory feeds to Amazon', 'GL journals in M3', 'SP-API requests as the official models describe', 'M3 calls against the MI rules']) {
      const line = summary.split('\n').find((l) => l.includes(row));
      expect(line).toMatch(/\bok\b/);
    }
  }, 180_000);
});
