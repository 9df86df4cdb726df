/**
 * Peak memory of the BOD reader on hostile documents, each measured in a fresh process (`maxRSS` is a per-process
 * peak): the growth of the peak while one document is read, against the document's size. Target: at most ten times
 * the input. Run `node dist/bench/bod-memory.js <case>`; it prints one JSON line.
 */
import { readBod } from '../core/bod';

const NS = 'http://schema.infor.com/InforOAGIS/2';
const HEAD = `<?xml version="1.0"?><SyncShipment xmlns="${NS}"><ApplicationArea><CreationDateTime>2025-10-02T14:05:11Z</CreationDateTime><BODID>bench-1</BODID></ApplicationArea><DataArea><Sync/>`;
const TAIL = '</DataArea></SyncShipment>';

/** The hostile shapes, each about `bytes` long. */
export const MEMORY_CASES: Record<string, (bytes: number) => string> = {
  'empty-elements': (bytes) => `${HEAD}<Shipment>${'<a/>'.repeat(Math.floor((bytes - 300) / 4))}</Shipment>${TAIL}`,
  'empty-documents': (bytes) => `${HEAD}${'<Shipment/>'.repeat(Math.floor((bytes - 300) / 11))}${TAIL}`,
  'attribute-flood': (bytes) => `${HEAD}<Shipment ${Array.from({ length: Math.floor((bytes - 300) / 12) }, (_, i) => `a${i.toString(36).padStart(7, '0')}=""`).join(' ')}/>${TAIL}`,
  'one-long-text': (bytes) => `${HEAD}<Shipment>${'x'.repeat(bytes - 300)}</Shipment>${TAIL}`,
  'deep-nesting': (bytes) => `${HEAD}<Shipment>${'<a>'.repeat(Math.floor((bytes - 300) / 7))}${'</a>'.repeat(Math.floor((bytes - 300) / 7))}</Shipment>${TAIL}`,
};

export interface MemoryResult { scenario: 'bod-memory'; case: string; inputBytes: number; refusedWith: string; peakGrowthBytes: number; ratio: number }

export function measureBodMemory(name: string, bytes = 10 * 1024 * 1024): MemoryResult {
  const build = MEMORY_CASES[name];
  if (!build) throw new Error(`unknown case ${name} (${Object.keys(MEMORY_CASES).join(', ')})`);
  const input = Buffer.from(build(bytes));
  const before = process.resourceUsage().maxRSS;
  let refusedWith = 'accepted';
  try {
    readBod(input);
  } catch (error) {
    refusedWith = (error as { code?: string }).code ?? 'error';
  }
  const peakGrowthBytes = (process.resourceUsage().maxRSS - before) * 1024;
  return { scenario: 'bod-memory', case: name, inputBytes: input.length, refusedWith, peakGrowthBytes, ratio: Math.round((peakGrowthBytes / input.length) * 100) / 100 };
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(measureBodMemory(process.argv[2] ?? 'empty-elements', process.argv[3] ? Number(process.argv[3]) : undefined))}\n`);
}
