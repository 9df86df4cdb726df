/** The bod-parse benchmark returns the documented shape (docs/contracts.md); speed itself is not asserted (machines vary). */
import { generateBenchDocuments, runBodParseBench } from '../../bench/bod-parse';
import { readBod } from '../../core/bod';

describe('bod-parse benchmark', () => {
  it('generates documents the reader accepts', () => {
    for (const document of generateBenchDocuments(8, 3)) expect(() => readBod(document)).not.toThrow();
  });

  it('reports documents, both throughputs and their ratio', async () => {
    const result = await runBodParseBench({ documents: 8, linesPerDocument: 3, rounds: 1 });
    expect(result).toEqual({ scenario: 'bod-parse', documents: 8, mbPerSecond: expect.any(Number), bareMbPerSecond: expect.any(Number), ratio: expect.any(Number) });
    expect(result.mbPerSecond).toBeGreaterThan(0);
    process.stdout.write(`bod-parse (tiny run): ${JSON.stringify(result)}\n`);
  });
});
