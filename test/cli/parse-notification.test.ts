import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [path.join(repo, 'bin/m3sync.js'), ...args], { cwd: repo, encoding: 'utf8', input });
const note = (name: string): string => path.join('test/fixtures/notifications', name);

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/cli/main.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
});

describe('m3sync parse-notification', () => {
  it('prints the canonical event of an SQS-wrapped ORDER_CHANGE', () => {
    const result = run(['parse-notification', note('order-change-sqs.json'), '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746', type: 'ORDER_CHANGE', orderId: '113-0000001-0000001', sellerId: 'A3TH9S8BH6GOGM', marketplaceId: 'ATVPDKIKX0DER', status: 'Unshipped' });
  });

  it('reads standard input and unwraps EventBridge', () => {
    const result = run(['parse-notification', '-'], require('node:fs').readFileSync(path.join(repo, note('listings-mfn-quantity-eventbridge.json')), 'utf8') as string);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', sku: 'WIDGET-1' });
  });

  it('exits 0 with "ignored": true for an unknown type', () => {
    const result = run(['parse-notification', note('any-offer-changed.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"ignored": true');
  });

  it('exits 2 for a missing type, missing metadata, __proto__ or invalid JSON', () => {
    for (const name of ['invalid-missing-type.json', 'invalid-missing-metadata.json', 'invalid-proto.json', 'invalid-json.txt']) {
      const result = run(['parse-notification', note(name)]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^error: .*${name.replace('.', '\\.')}: `));
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
