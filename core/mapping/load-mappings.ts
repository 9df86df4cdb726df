/** Validates mapping JSON (pure: the caller reads the files) and names the JSON path of every bad value. */
import type { z } from 'zod';
import { MappingsSchema, type Mappings } from './mappings-schema';
import { MappingError } from './mapping-error';
import { assertSafeValue, parseJsonSafely, UnsafeJsonError } from '../notifications/safe-json';

/** Validates one parsed mapping document. `source` names it in errors (a file name). */
export function loadMappings(json: unknown, source: string): Mappings {
  try {
    assertSafeValue(json);
  } catch (error) {
    throw new MappingError(source, [error instanceof Error ? error.message : String(error)]);
  }
  const result = MappingsSchema.safeParse(json);
  if (!result.success) throw new MappingError(source, result.error.issues.map(formatIssue));
  return result.data;
}

/** Parses and validates mapping text. */
export function loadMappingsText(text: string, source: string): Mappings {
  return loadMappings(parseMappingsText(text, source), source);
}

/**
 * A mappings directory: every `*.json`, `default.json` first, the others in name order, each deep-merged
 * over the previous (objects merge key by key; arrays and values replace), so a seller keeps Infor's
 * default beside a small override file. Errors name the file that supplied the bad value.
 */
export function loadMappingsDir(files: readonly { name: string; text: string }[], dirName = 'mappings'): Mappings {
  const jsonFiles = files
    .filter((f) => f.name.toLowerCase().endsWith('.json'))
    .sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (jsonFiles.length === 0) throw new MappingError(dirName, ['no *.json mapping file found']);
  const docs = jsonFiles.map((f) => ({ name: f.name, value: parseMappingsText(f.text, f.name) }));
  const merged = docs.reduce<unknown>((acc, d) => deepMerge(acc, d.value), {});
  const result = MappingsSchema.safeParse(merged);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const owner = [...docs].reverse().find((d) => hasPath(d.value, first.path))?.name ?? jsonFiles.map((f) => f.name).join('+');
  throw new MappingError(owner, result.error.issues.map(formatIssue));
}

function parseMappingsText(text: string, source: string): unknown {
  try {
    return parseJsonSafely(text);
  } catch (error) {
    throw new MappingError(source, [error instanceof UnsafeJsonError ? error.message : String(error)]);
  }
}

function rank(name: string): number {
  return name.toLowerCase() === 'default.json' ? 0 : 1;
}

/** `marketplaces.ATVPDKIKX0DER.warehouse: expected string, got number`. */
export function formatIssue(issue: z.ZodIssue): string {
  const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `${path}: required ${issue.expected}` : `${path}: expected ${issue.expected}, got ${issue.received}`;
    case 'unrecognized_keys':
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_enum_value':
      return `${path}: expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
    case 'invalid_union_discriminator':
      return `${path}: expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
    case 'too_big':
      return `${path}: ${issue.type === 'string' ? `at most ${String(issue.maximum)} characters` : issue.type === 'array' ? `at most ${String(issue.maximum)} entries` : `at most ${String(issue.maximum)}`}`;
    case 'too_small':
      return `${path}: ${issue.type === 'string' ? (issue.minimum === 1 ? 'must not be empty' : `at least ${String(issue.minimum)} characters`) : `at least ${String(issue.minimum)}`}`;
    default:
      return `${path}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in out ? deepMerge(out[key], value) : value;
  return out;
}

function hasPath(value: unknown, path: readonly (string | number)[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return false;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return true;
}
