import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../../local/azurite/azurite-process';
import { azuriteConnectionString, uniqueName } from '../../support/storage';
import { HOST_MAIN, REPO, killProcess, pollPause, spawnHost } from '../../support/host-process';

const MAIN = HOST_MAIN;
const FIXTURE = path.join(REPO, 'test/fixtures/apps/durable-chain-app.js');
const INSTANCES = 20;
const kill = killProcess;

async function statuses(url: string): Promise<Array<{ runtimeStatus: string; output: unknown }>> {
  return Promise.all(Array.from({ length: INSTANCES }, async (_, i) => {
    const response = await fetch(`${url}/api/chains/chain-${i}`);
    return (await response.json()) as { runtimeStatus: string; output: unknown };
  }));
}

const describeBuilt = fs.existsSync(MAIN) ? describe : describe.skip;
if (!fs.existsSync(MAIN)) console.warn(`skipping the host process test: ${MAIN} is missing (npm test builds it; or run npx tsc -p .)`);

describeBuilt('the local host process', () => {
  const running: ChildProcess[] = [];
  afterAll(async () => { await Promise.all(running.map((c) => kill(c, 'SIGKILL'))); });

  it('completes every orchestration after being killed with SIGKILL mid-run and restarted', async () => {
    const env = {
      AzureWebJobsStorage: azuriteConnectionString(),
      M3SYNC_PORT: String(await freePort()),
      TASKHUB_NAME: uniqueName('killhub'),
      LOCAL_FUNCTION_KEY: 'fn-key', LOCAL_MASTER_KEY: 'master-key',
      LOCAL_RUN_TIMERS: 'false',
      APP_FILES: FIXTURE,
      CHAIN_STEP_MS: '400',
    };
    const first = await spawnHost(env);
    running.push(first.child);
    const starts = await Promise.all(Array.from({ length: INSTANCES }, (_, i) => fetch(`${first.url}/api/chains/chain-${i}`, { method: 'POST' })));
    expect(starts.map((r) => r.status)).toEqual(Array(INSTANCES).fill(202));
    // Kill as soon as an instance runs: activities are in flight and most of the chain is still ahead.
    let atKill: Array<{ runtimeStatus: string }> = [];
    for (;;) {
      atKill = await statuses(first.url);
      if (atKill.some((s) => s.runtimeStatus === 'Running' || s.runtimeStatus === 'Completed')) break;
      await pollPause();
    }
    await kill(first.child, 'SIGKILL');
    expect(atKill.some((s) => s.runtimeStatus !== 'Completed')).toBe(true);
    await expect(fetch(`${first.url}/api/chains/chain-0`)).rejects.toThrow(); // the host is gone

    const second = await spawnHost(env);
    running.push(second.child);
    let final: Array<{ runtimeStatus: string; output: unknown }> = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      final = await statuses(second.url);
      if (final.every((s) => s.runtimeStatus === 'Completed')) break;
      await pollPause();
    }
    expect(final.map((s) => s.runtimeStatus)).toEqual(Array(INSTANCES).fill('Completed'));
    expect(final.every((s) => JSON.stringify(s.output) === JSON.stringify({ total: 115, steps: 5 }))).toBe(true);

    await kill(second.child, 'SIGTERM');
    expect(second.child.exitCode).toBe(0);
  }, 120_000);
});
