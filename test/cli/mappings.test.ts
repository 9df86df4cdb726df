import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/m3sync.js'), ...args], { cwd: repo, encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/cli/main.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
});

describe('m3sync mappings validate', () => {
  it('accepts the shipped mappings', () => {
    const result = run('mappings', 'validate', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, marketplaces: 23, files: expect.arrayContaining(['default.json']) });
    expect(run('mappings', 'validate', 'mappings').stdout).toMatch(/^ok: /);
  });

  it('exits 2 naming the file and the JSON path of the bad value', () => {
    const result = run('mappings', 'validate', 'test/fixtures/mappings/bad-warehouse');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: test\/fixtures\/mappings\/bad-warehouse\/default\.json: marketplaces\.ATVPDKIKX0DER\.warehouse: expected string, got number/);
  });

  it('refuses business price quantity tiers whose lower bounds do not increase, naming the tier', () => {
    const result = run('mappings', 'validate', 'test/fixtures/mappings/bad-quantity-tiers');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/prices\.sources\.A1PA6795UKMFR9\.business\.tiers\.1\.lowerBound: lower bounds must increase: 5 follows 10/);
  });

  it('refuses a business price naming both a price list and a percentOff, or a percentOff of 100, naming the path', () => {
    const result = run('mappings', 'validate', 'test/fixtures/mappings/bad-business-percent-off');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/prices\.sources\.A1PA6795UKMFR9\.business\.percentOff: a business price names a priceList or a percentOff of the consumer price, not both/);
    expect(result.stderr).toMatch(/prices\.sources\.APJ6JRA9NG5V4\.business\.percentOff: percentOff must be more than 0 and less than 100, got 100/);
  });

  it('refuses gl-only settlement posting while orders are created in M3, naming the double booking', () => {
    const result = run('mappings', 'validate', 'test/fixtures/mappings/double-booking');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/settlement\.mode: double booking: mode gl-only posts order principal \(Order\/ItemPrice\/Principal\) to account 3010 \(settlement\.rules\.0\)/);
    expect(result.stderr).toMatch(/order tax \(Order\/ItemPrice\/Tax\) to account 2610/);
    expect(result.stderr).toMatch(/cash-application/);
  });

  it('reports the settlement mode the shipped mappings resolve to: cash application, as they create orders in M3', () => {
    expect(JSON.parse(run('mappings', 'validate', '--json').stdout)).toMatchObject({ settlementMode: 'cash-application' });
  });

  it('exits 2 for a directory that does not exist', () => {
    const result = run('mappings', 'validate', 'no/such/dir');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: no\/such\/dir: cannot read mappings/);
  });
});
