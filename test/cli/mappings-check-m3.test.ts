import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startM3Simulator, type M3Simulator } from '../../local/sim/m3/m3-simulator';

const repo = path.resolve(__dirname, '../..');

/** Runs the CLI asynchronously: the M3 simulator it talks to lives in this process. */
function run(env: Record<string, string>, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repo, 'bin/m3sync.js'), ...args], { cwd: repo, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("m3sync mappings check-m3: reads each marketplace customer's 'VAT included' back from M3", () => {
  let m3: M3Simulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(path.join(repo, 'dist/cli/main.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
    m3 = await startM3Simulator();
    env = { M3_BASE_URL: `${m3.url}/m3api-rest`, M3_USER: 'M3SIMUSER', M3_PASSWORD: 'm3sim-password' };
  });
  afterAll(async () => { await m3?.close(); });

  it('passes when gross marketplaces have TINC 1 and net ones TINC 0', async () => {
    const result = await run(env, 'mappings', 'check-m3', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout) as { ok: boolean; findings: Array<{ customer: string; basis: string; tinc: string; ok: boolean }> };
    expect(body.ok).toBe(true);
    expect(body.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ customer: 'AMZDE', basis: 'gross', tinc: '1', ok: true }),
      expect.objectContaining({ customer: 'AMZUS', basis: 'net', tinc: '0', ok: true }),
    ]));
  });

  it('says plainly when a gross marketplace customer is not set to prices including VAT, and exits 1', async () => {
    m3.state.customers.AMZDE.TINC = '0';
    const result = await run(env, 'mappings', 'check-m3');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/FAIL AMZDE \(DE\): the mappings send prices including VAT, but in M3 this customer is NOT set to prices including VAT \(TINC 0\)/);
    expect(result.stdout).toMatch(/ok {3}AMZUS \(US\)/);
  });
});
