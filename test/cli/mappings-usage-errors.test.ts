/** docs/contracts.md, Commands "bad input: exit 2, one line on stderr starting error:" for usage mistakes and mapping folders. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/m3sync.js'), ...args], { cwd: repo, encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/cli/main.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
});

describe('m3sync usage errors and mapping folders', () => {
  it.each([
    [['parse-bod'], /^error: missing required argument 'file'$/],
    [['parse-notification'], /^error: missing required argument 'file'$/],
    [['plan-order'], /^error: missing required argument 'file'$/],
    [['plan-order', 'x.json', '--no-such-option'], /^error: unknown option '--no-such-option'$/],
    [['mappings', 'validate', 'a', 'b'], /^error: too many arguments/],
  ])('%j exits 2 with one error line and no help text', (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('names a mappings folder without any JSON file once, not joined to itself', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'm3sync-empty-mappings-'));
    try {
      for (const args of [['mappings', 'validate', dir], ['plan-order', 'test/fixtures/orders/v2026-single-line.json', '--mappings', dir]]) {
        const result = run(...args);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(`error: ${dir}: no *.json mapping file found\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
