/**
 * The simulators are independent witnesses: nothing under local/sim may import the app (functions/, connectors/, core/),
 * or an error in the app's assumptions would be shared by the simulator and pass every test.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SIM_DIR = path.join(REPO, 'local', 'sim');
const APP_DIRS = ['functions', 'connectors', 'core'].map((d) => path.join(REPO, d) + path.sep);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/** Every module specifier a file names: import … from, export … from, import(), require(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const p of patterns) for (const m of text.matchAll(p)) found.push(m[1]);
  return found;
}

describe('the simulators import nothing from the app', () => {
  it('no file under local/sim imports functions/, connectors/ or core/', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SIM_DIR)) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (APP_DIRS.some((d) => (target + path.sep).startsWith(d))) violations.push(`${path.relative(REPO, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('notices an import of the app (the check itself works)', () => {
    expect(specifiers("import { x } from '../../../core/orders/y';\nconst z = require('../../connectors/a');")).toEqual(['../../../core/orders/y', '../../connectors/a']);
  });
});
