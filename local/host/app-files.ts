/** Finds the app's entry modules (package.json "main" glob, or APP_FILES) and loads them so they register their functions. */
import fs from 'node:fs';
import path from 'node:path';

/** Glob with `*`, `?` and `**` segments, enough for package.json "main" patterns like `dist/functions/**\/*.js`. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = path.resolve(cwd, pattern);
  if (!/[*?]/.test(absolute)) return fs.existsSync(absolute) ? [absolute] : [];
  const parts = absolute.split(path.sep);
  const firstGlob = parts.findIndex((p) => /[*?]/.test(p));
  const root = parts.slice(0, firstGlob).join(path.sep) || path.sep;
  const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), childRel);
      else if (matcher.test(childRel)) found.push(path.join(dir, entry.name));
    }
  };
  walk(root, '');
  return found;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories.
      if (glob[i + 2] === '/') { source += '(?:.*/)?'; i += 2; } else { source += '.*'; i += 1; }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Comma-separated patterns (APP_FILES) or the package.json "main" of `appRoot`; source maps and declaration files are skipped. */
export function resolveAppFiles(appRoot: string, override?: string): string[] {
  let patterns: string[];
  if (override) patterns = override.split(',').map((p) => p.trim()).filter(Boolean);
  else {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8'));
    const main = typeof pkg === 'object' && pkg !== null && 'main' in pkg && typeof pkg.main === 'string' ? pkg.main : 'index.js';
    patterns = [main];
  }
  const files = patterns.flatMap((p) => expandGlob(p, appRoot)).filter((f) => /\.(c?js|ts)$/.test(f) && !f.endsWith('.d.ts'));
  return [...new Set(files)];
}

/** Loads each module once; a module that throws while registering fails the host start with its name. */
export function loadAppFiles(files: string[]): void {
  for (const file of files) {
    try {
      require(file);
    } catch (error) {
      throw new Error(`loading ${file} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}
