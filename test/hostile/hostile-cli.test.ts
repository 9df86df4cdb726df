/**
 * The hostile corpus through the CLI: `m3sync parse-notification`, `parse-bod`, `plan-order` and `mappings validate`
 * each refuse their hostile inputs with exit 2 and one `error:` line (no stack), accept what is valid as data with the
 * hostile value intact, and answer quickly where no I/O is needed (timings printed; asserted only loosely).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import { jsonCases, jsonCaseFile, xmlCases, XML_DIR, type JsonCase } from './hostile-corpus';

interface CliRun { code: number; stdout: string; stderr: string; ms: number }
const timings: string[] = [];
let tempDir = '';
const BASE_ORDER = path.resolve(__dirname, '../fixtures/orders/v2026-single-line.json');

async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += chunk.toString(); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += chunk.toString(); return true; });
  const started = process.hrtime.bigint();
  try {
    const code = await main(args);
    return { code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

function expectCleanError(run: CliRun, file: string, mentions: string | undefined): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(run.stderr).toContain(file);
  if (mentions) expect(run.stderr.toLowerCase()).toContain(mentions.toLowerCase());
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Every string in the plan's calls, so a hostile value can be looked for as one parameter's data. */
function paramValues(plan: { calls: Array<{ params: Record<string, string> }> }): string[] {
  return plan.calls.flatMap((c) => Object.values(c.params));
}

beforeAll(() => { tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'm3sync-hostile-cli-')); });
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
  process.stdout.write(`hostile corpus through the CLI (ms, in process):\n${timings.join('\n')}\n`);
});

const byKind = (kind: JsonCase['kind']) => jsonCases.filter((c) => c.kind === kind).map((c) => [c.file, c] as const);

describe('m3sync on the hostile corpus', () => {
  it('has at least 50 JSON and 50 XML cases, each with a reason and an expected outcome', () => {
    expect(jsonCases.length).toBeGreaterThanOrEqual(50);
    expect(xmlCases.length).toBeGreaterThanOrEqual(50);
    for (const c of jsonCases) {
      expect(c.why.length).toBeGreaterThan(5);
      expect([0, 2]).toContain(c.expect.cli);
    }
  });

  it.each(byKind('notification'))('parse-notification %s → the expected exit and a clear reason', async (_name, c) => {
    const file = jsonCaseFile(c, tempDir);
    const run = await cli(['parse-notification', file]);
    timings.push(`  ${run.ms.toFixed(1).padStart(8)}  parse-notification ${c.file}`);
    if (c.expect.cli === 2) {
      expectCleanError(run, file, c.expect.mentions);
    } else {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const event = JSON.parse(run.stdout) as { ignored?: boolean; sellerId?: string };
      if (c.expect.ignored) expect(event.ignored).toBe(true);
      if (c.expect.intact) expect(run.stdout).toContain(JSON.stringify(c.expect.intact).slice(1, -1));
    }
    expect(run.ms).toBeLessThan(2_000);
  });

  it.each(byKind('order'))('plan-order %s → refused, or planned with the hostile value as one parameter\'s data', async (_name, c) => {
    const file = jsonCaseFile(c, tempDir);
    const run = await cli(['plan-order', file]);
    timings.push(`  ${run.ms.toFixed(1).padStart(8)}  plan-order ${c.file}`);
    if (c.expect.cli === 2) {
      expectCleanError(run, file, c.expect.mentions);
      return;
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { action: string; calls: Array<{ program: string; transaction: string; params: Record<string, string> }>; issues: Array<{ code: string }> };
    if (c.expect.issue) expect(plan.issues.map((i) => i.code)).toContain(c.expect.issue);
    if (c.expect.intact) expect(paramValues(plan)).toContain(c.expect.intact);
    // The call itself never changes: the same programs, transactions and parameter names as the order it was made from.
    const baseline = JSON.parse((await cli(['plan-order', BASE_ORDER])).stdout) as typeof plan;
    const known = new Set(baseline.calls.flatMap((call) => Object.keys(call.params).map((key) => `${call.program}/${call.transaction}.${key}`)));
    // A longer address may use the third and fourth address lines the baseline did not need.
    known.add('OIS100MI/AddBatchAddress.CUA3').add('OIS100MI/AddBatchAddress.CUA4');
    for (const call of plan.calls) for (const key of Object.keys(call.params)) expect(known).toContain(`${call.program}/${call.transaction}.${key}`);
    expect(run.ms).toBeLessThan(2_000);
  });

  it.each(byKind('mappings'))('mappings validate %s → exit 2 naming the bad path', async (_name, c) => {
    const file = jsonCaseFile(c, tempDir);
    const run = await cli(['mappings', 'validate', file]);
    timings.push(`  ${run.ms.toFixed(1).padStart(8)}  mappings validate ${c.file}`);
    expectCleanError(run, file, c.expect.mentions);
  });

  it.each(xmlCases.filter((c) => !c.generated).map((c) => [c.file, c] as const))('parse-bod %s → exit 2 with its code', async (_name, c) => {
    const file = path.join(XML_DIR, c.file);
    const run = await cli(['parse-bod', file]);
    timings.push(`  ${run.ms.toFixed(1).padStart(8)}  parse-bod ${c.file}`);
    expectCleanError(run, file, c.expected);
    expect(run.ms).toBeLessThan(2_000);
  });
});
