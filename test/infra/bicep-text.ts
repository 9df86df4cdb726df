/** Reads the few facts the infra tests need out of Bicep source text (no Bicep compiler runs on these machines). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

export interface BicepModuleCall {
  symbol: string;
  path: string;
  params: string[];
}

/**
 * String literals become '' and comments vanish, so braces and colons inside them cannot mislead the scanners below.
 * A small scanner rather than regexes: `//` inside 'https://…' is not a comment, and an apostrophe in a comment is not a string.
 */
export function stripStringsAndComments(text: string, keepStrings = false): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      const stop = end < 0 ? text.length : end + 3;
      out += keepStrings ? text.slice(i, stop) : "''";
      i = stop;
    } else if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out += keepStrings ? text.slice(i, j + 1) : "''";
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += text[i++];
    }
  }
  return out;
}

/** The text between `// <marker>:begin` and `// <marker>:end`; throws when the markers are missing. */
export function markedBlock(text: string, marker: string): string {
  const begin = text.indexOf(`// ${marker}:begin`);
  const end = text.indexOf(`// ${marker}:end`);
  if (begin < 0 || end < begin) throw new Error(`no "// ${marker}:begin … // ${marker}:end" block`);
  return text.slice(text.indexOf('\n', begin) + 1, end);
}

/** Object property names written in a block, bare (`NAME:`) or quoted (`'NAME':`), at any nesting depth. */
export function objectKeys(block: string): string[] {
  const keys = new Set<string>();
  for (const m of stripStringsAndComments(block, true).matchAll(/(?:^|[{,])\s*'([^'\n]+)'\s*:/gm)) keys.add(m[1]);
  for (const m of stripStringsAndComments(block).matchAll(/(?:^|[{,])\s*([A-Za-z_][A-Za-z0-9_]*)\s*:(?!:)/gm)) keys.add(m[1]);
  return [...keys];
}

export function params(text: string): BicepParam[] {
  const clean = stripStringsAndComments(text);
  return [...clean.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)(\s*=)?/gm)].map((m) => ({
    name: m[1],
    type: m[2],
    hasDefault: m[3] !== undefined,
  }));
}

/** The `{…}` starting at the first `{` at or after `from` in already-stripped text (contents without the braces). */
function bracedBody(clean: string, from: number): string {
  const open = clean.indexOf('{', from);
  let depth = 0;
  for (let i = open; i < clean.length; i++) {
    if (clean[i] === '{') depth++;
    else if (clean[i] === '}' && --depth === 0) return clean.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after offset ${from}`);
}

/** Property names at the top level of an object body (nested objects and arrays skipped). */
function topLevelKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' || c === ',') lineStart = true;
    else if (lineStart && depth === 0 && /[A-Za-z_]/.test(c)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(body.slice(i));
      if (m) keys.push(m[1]);
      lineStart = false;
    } else if (!/\s/.test(c)) lineStart = false;
  }
  return keys;
}

export function moduleCalls(text: string): BicepModuleCall[] {
  const calls: BicepModuleCall[] = [];
  for (const m of text.matchAll(/^module\s+([A-Za-z_][A-Za-z0-9_]*)\s+'([^']+)'/gm)) {
    // Offsets survive stripping only approximately, so strip the text from the declaration on.
    const clean = stripStringsAndComments(text.slice(m.index));
    const body = bracedBody(clean, 0);
    const paramsAt = /(?:^|\n)\s*params\s*:\s*\{/.exec(body);
    calls.push({ symbol: m[1], path: m[2], params: paramsAt ? topLevelKeys(bracedBody(body, paramsAt.index)) : [] });
  }
  return calls;
}

/** First imbalance of (), [] or {} in a Bicep file, or undefined when every bracket closes in order. */
export function bracketProblem(text: string): string | undefined {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  const clean = stripStringsAndComments(text);
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `unexpected "${c}" on line ${clean.slice(0, i).split('\n').length}`;
    }
  }
  return stack.length ? `${stack.length} bracket(s) never closed` : undefined;
}

export function bicepFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return bicepFiles(full);
    return entry.endsWith('.bicep') ? [full] : [];
  });
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
