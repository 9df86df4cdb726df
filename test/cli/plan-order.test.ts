import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/m3sync.js'), ...args], { cwd: repo, encoding: 'utf8' });
const orders = (name: string): string => path.join('test/fixtures/orders', name);

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/cli/main.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
});

describe('m3sync plan-order', () => {
  it('prints the plan of a v2026 getOrder body with the shipped mappings', () => {
    const result = run('plan-order', orders('v2026-single-line.json'), '--json');
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout) as { orderId: string; action: string; calls: { transaction: string; params: Record<string, string> }[] };
    expect(plan).toMatchObject({ orderId: '113-0000001-0000001', action: 'create' });
    expect(plan.calls.map((c) => c.transaction)).toEqual(['AddBatchHead', 'AddBatchLine', 'AddBatchLineChg', 'AddBatchAddress', 'Confirm', 'AddFieldValue']);
    expect(plan.calls[1].params).toMatchObject({ ORQT: '1', SAPR: '19.99' });
  });

  it('plans a v0 capture and honours --mappings', () => {
    const result = run('plan-order', orders('v2026-long-sku.json'), '--mappings', 'test/fixtures/mappings/override');
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout) as { calls: { transaction: string; params: Record<string, string> }[] };
    expect(plan.calls[0].params.WHLO).toBe('A20');
    expect(plan.calls[1].params.ITNO).toBe('WB-L-26');
    expect(JSON.parse(run('plan-order', orders('v0-capture.json')).stdout)).toMatchObject({ orderId: '114-0000010-0000010', action: 'create' });
  });

  it('reads the order from standard input with -', () => {
    const result = spawnSync(process.execPath, [path.join(repo, 'bin/m3sync.js'), 'plan-order', '-'], {
      cwd: repo, encoding: 'utf8', input: JSON.stringify({ order: { AmazonOrderId: '1', PurchaseDate: 'x', LastUpdateDate: 'x', OrderStatus: 'Pending' }, orderItems: [] }),
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ action: 'wait', calls: [] });
  });

  it('exits 2 with one error line naming the file for bad input', () => {
    for (const [args, pattern] of [
      [['plan-order', 'test/fixtures/notifications/invalid-json.txt'], /^error: test\/fixtures\/notifications\/invalid-json\.txt: invalid JSON/],
      [['plan-order', 'test/fixtures/notifications/order-change-raw.json'], /^error: test\/fixtures\/notifications\/order-change-raw\.json: expected a v2026/],
      [['plan-order', 'no-such-file.json'], /^error: no-such-file\.json: cannot read file/],
      [['plan-order', orders('v2026-single-line.json'), '--mappings', 'test/fixtures/mappings/bad-warehouse'], /^error: .*bad-warehouse\/default\.json: marketplaces\.ATVPDKIKX0DER\.warehouse: expected string/],
    ] as const) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
