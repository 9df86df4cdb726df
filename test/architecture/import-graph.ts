/**
 * The repository's import graph, read from the sources: every `import … from`, `export … from`, `import()` and
 * `require()` of every TypeScript file, with relative specifiers resolved to repository paths. Read with a regular
 * expression, not a compiler: specifiers are string literals, and the layer rules only need where each one points.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface ImportEdge {
  /** The importing file, relative to the repository root, with forward slashes. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** For a relative specifier: the imported file, relative to the repository root (undefined for packages). */
  target?: string;
  line: number;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm;

/** Every import in `source` (the text of `file`). */
export function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2];
    const line = source.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined;
    edges.push({ from: file, specifier, target, line });
  }
  return edges;
}

/** `../x` from `a/b/c.ts` → `a/x.ts` (or `a/x/index.ts` when that is what exists). */
export function resolveRelative(file: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '');
  for (const candidate of [`${joined}.ts`, `${joined}/index.ts`]) {
    if (fs.existsSync(path.join(REPO_ROOT, candidate))) return candidate;
  }
  return joined;
}

/** The TypeScript files under the given top-level folders (no .d.ts, no node_modules). */
export function sourceFiles(folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(rel);
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(REPO_ROOT, folder))) walk(folder);
  return files.sort();
}

export function importGraph(folders: string[]): ImportEdge[] {
  return sourceFiles(folders).flatMap((file) => importsOf(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')));
}
