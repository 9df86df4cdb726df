/**
 * `m3sync plan-order` is a contract (docs/contracts.md, Order plan JSON): its output for every order fixture, under the
 * shipped mappings and four other mapping sets, is recorded byte for byte in test/fixtures/plan-order-golden
 * (`<mapping set>--<order fixture>.json`). A change to how the plan is built inside must not change one byte of it.
 * The three `plan-variants-*` mapping sets cover what the shipped mappings leave out: a company number, per-buyer
 * customers (CRS610MI.Add first), head charges, charge item lines (also after a head charge: order-level charges
 * follow the charge kind, shipping first), line charges other than shipping, Amazon-fulfilled orders booked in M3,
 * table-only items and custom fields keyed by CUOR.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../cli/main';

const repo = path.resolve(__dirname, '../..');
const goldenDir = path.join(repo, 'test/fixtures/plan-order-golden');
const orderFixtures = readdirSync(path.join(repo, 'test/fixtures/orders')).filter((n) => n.endsWith('.json')).sort();
const mappingSets: Record<string, string[]> = {
  shipped: [],
  override: ['--mappings', 'test/fixtures/mappings/override'],
  'plan-variants-a': ['--mappings', 'test/fixtures/mappings/plan-variants-a'],
  'plan-variants-b': ['--mappings', 'test/fixtures/mappings/plan-variants-b'],
  'plan-variants-c': ['--mappings', 'test/fixtures/mappings/plan-variants-c'],
};
const cases = Object.keys(mappingSets).flatMap((set) => orderFixtures.map((order) => [set, order] as const));

/** Runs the command in this process (the source, not a build that may be stale) and keeps what it prints. */
async function planOrderCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; });
  const cwd = process.cwd();
  try {
    process.chdir(repo);
    const code = await main(['plan-order', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('m3sync plan-order output is unchanged (golden files)', () => {
  it('has one golden file for every order fixture under every mapping set, and no other', () => {
    expect(readdirSync(goldenDir).sort()).toEqual(cases.map(([set, order]) => `${set}--${order}`).sort());
  });

  it.each(cases)('under the %s mappings, %s plans to exactly the recorded bytes', async (set, order) => {
    const result = await planOrderCli([path.join('test/fixtures/orders', order), ...mappingSets[set]!]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(goldenDir, `${set}--${order}`), 'utf8'));
  });
});
