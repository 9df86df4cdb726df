/** The M3 simulator is an independent witness: it imports nothing from the app (functions/, connectors/, core/). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SIM = path.join(ROOT, 'local', 'sim', 'm3');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('M3 simulator independence', () => {
  it('imports nothing from functions/, connectors/ or core/', () => {
    const offending: string[] = [];
    for (const file of sources(SIM)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
        const target = match[1]!;
        if (!target.startsWith('.')) continue;
        const top = path.relative(ROOT, path.resolve(path.dirname(file), target)).split(path.sep)[0];
        if (top === 'functions' || top === 'connectors' || top === 'core') offending.push(`${path.relative(ROOT, file)} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
