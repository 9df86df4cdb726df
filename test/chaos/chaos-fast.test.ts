/**
 * The FAST subset of `npm run chaos` in `npm test` — 60 orders with 3 seeded SIGKILLs of the host process;
 * 12 shipments (17 packages) and 40 SKUs over 3 stock rounds, each with 3 SIGKILLs; duplicated, shuffled notifications
 * and shipment BOD variations — each exactly once; and an operator storm (20 orders + 2 held in M3 while Confirm replies
 * are lost and restarts, rewinds, re-drives, duplicate notifications and sweeps run at once) — one M3 order each.
 * The full suite is `npm run chaos`.
 */
import { isHostBuilt, HOST_MAIN } from '../../chaos/host-process';
import { runScenarios } from '../../chaos/scenarios';
import { scenarioOk, summaryTable } from '../../chaos/chaos-report';

const describeBuilt = isHostBuilt() ? describe : describe.skip;
if (!isHostBuilt()) console.warn(`skipping the chaos subset: ${HOST_MAIN} is missing (npm test builds it; or run npx tsc -p .)`);
const SEED = Number(process.env.CHAOS_SEED ?? 4242);

describeBuilt('chaos (fast subset)', () => {
  it.each([['crash-orders'], ['crash-shipments'], ['crash-inventory'], ['duplicates'], ['operator-storm']])('%s: every effect exactly once', async (name) => {
    const lines: string[] = [];
    const results = await runScenarios({ seed: SEED, fast: true, only: [name] }, (line) => lines.push(line));
    process.stdout.write(`${lines.join('\n')}\n${summaryTable(results)}\n`);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect({ lost: result!.lost, duplicated: result!.duplicated, actual: result!.actual }).toEqual({ lost: 0, duplicated: 0, actual: result!.expected });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(scenarioOk(result!)).toBe(true);
  }, 600_000);
});
