/**
 * Memory is bounded before work: on each hostile BOD shape of 10 MB, reading it (and refusing it) grows the process'
 * peak memory by at most ten times the input. Each case runs in a fresh node process of the built bench (dist), since
 * a peak is per process. A 10 MB document of empty elements took about 860 MB before the element cap.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { MEMORY_CASES, type MemoryResult } from '../../bench/bod-memory';

const SCRIPT = path.resolve(__dirname, '../../dist/bench/bod-memory.js');

function measure(name: string): Promise<MemoryResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT, name], { maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as MemoryResult);
    });
  });
}

describe('BOD reader memory on 10 MB hostile documents', () => {
  const expected: Record<string, string> = {
    'empty-elements': 'TOO_MANY_ELEMENTS', 'empty-documents': 'TOO_MANY_ELEMENTS', 'attribute-flood': 'TOO_MANY_ATTRIBUTES',
    'one-long-text': 'MISSING_ELEMENT', 'deep-nesting': 'TOO_DEEP',
  };

  it('covers every case of the benchmark', () => {
    expect(Object.keys(MEMORY_CASES).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s: refused with its code, peak memory growth at most 10× the input', async (name) => {
    const result = await measure(name);
    process.stdout.write(`bod-memory ${JSON.stringify(result)}\n`);
    expect(result.refusedWith).toBe(expected[name]);
    expect(result.inputBytes).toBeGreaterThan(9 * 1024 * 1024);
    expect(result.peakGrowthBytes).toBeLessThanOrEqual(10 * result.inputBytes);
  }, 60_000);
});
