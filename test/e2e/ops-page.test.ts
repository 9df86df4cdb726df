/**
 * The ops page in real headless Chromium (playwright-core, system chromium): the operator types the key once, sees a
 * parked order (unknown SKU) with its reason and SKU, and after the item is added to M3 a click on Re-drive creates
 * the M3 order and the parked count drops. Skipped with a message where /usr/bin/chromium is absent (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, postJson, startTestSandbox, type SimM3Order } from './sandbox-support';

// page.evaluate and page.waitForFunction run these callbacks in the browser; the project's types are Node's, so the
// two browser globals they touch are declared here.
declare const document: { getElementById(id: string): { textContent: string | null } | null };
declare const sessionStorage: { getItem(key: string): string | null };

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`ops page browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it)`);
}
const describeWithBrowser = haveChromium ? describe : describe.skip;

describeWithBrowser('ops page in a browser', () => {
  let sandbox: Sandbox;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    userDataDir = mkdtempSync(path.join(tmpdir(), 'm3sync-chromium-'));
    // A fresh profile per run (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await sandbox?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows a parked order and re-drives it with one click after the item is fixed', async () => {
    const [order] = generateOrders({ seed: 4242, count: 1, skus: ['PAGE-SKU-404'], pendingRate: 0, cancelledRate: 0, start: new Date(Date.now() - 3_600_000).toISOString() });
    const orderId = String(order!.orderId);
    expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, order)).status).toBeLessThan(300);
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });

    const response = await page.goto(`${sandbox.url}/api/ops/ui`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'nonce-");
    await page.fill('#key', sandbox.opsKey);
    await page.click('#login-form button[type=submit]');

    const row = page.locator(`tr[data-parked-id="${orderId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('SKU_NOT_FOUND');
    expect(await row.textContent()).toContain('PAGE-SKU-404');
    expect(await page.textContent('#parked-count')).toBe('1');
    expect(await page.evaluate(() => sessionStorage.getItem('m3sync.opsKey'))).toBe(sandbox.opsKey);

    await postJson(`${sandbox.m3.url}/_sim/items`, [{ ITNO: 'PAGE-SKU-404', ITDS: 'fixed', STAT: '20' }]);
    await row.locator('button.redrive').click();
    await page.waitForFunction(() => document.getElementById('parked-count')?.textContent === '0', undefined, { timeout: 15_000 });
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });

    const m3 = await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
    expect(m3.filter((o) => o.CUOR === orderId)).toHaveLength(1);
    await page.click('#refresh');
    await page.waitForFunction(() => /order-to-cash/.test(document.getElementById('flows')?.textContent ?? ''), undefined, { timeout: 15_000 });
    expect(await page.locator('#chart rect').count()).toBe(24);
  }, 90_000);
});
