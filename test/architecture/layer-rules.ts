/**
 * The layer rules of the codebase, as data, and the check that applies them to one import:
 * - core/ is pure: no connectors/, functions/, local/, no Azure SDK, no HTTP client or server modules;
 * - connectors/ import no functions/ or local/;
 * - production code (core, connectors, functions, cli) imports nothing from local/;
 * - local/sim/ (the simulators, independent witnesses) imports no application code (core, connectors, functions);
 * - a connector is used from outside through its index.ts only.
 * cli/ is production code too: it may talk to a running sandbox over HTTP, but never imports local/.
 */
import type { ImportEdge } from './import-graph';

export interface Violation {
  edge: ImportEdge;
  rule: string;
}

const HTTP_MODULES = ['axios', 'http', 'https', 'node:http', 'node:https', 'http2', 'node:http2', 'undici', 'node:net', 'net'];

function topFolder(file: string): string {
  return file.split('/')[0];
}

function isUnder(file: string | undefined, folder: string): boolean {
  return file !== undefined && (file === folder || file.startsWith(`${folder}/`));
}

/** `connectors/m3/ois100mi.ts` → `m3`. */
function connectorOf(file: string | undefined): string | undefined {
  return isUnder(file, 'connectors') ? file!.split('/')[1] : undefined;
}

const PRODUCTION = ['core', 'connectors', 'functions', 'cli'];

/** The rules `edge` breaks (usually none). */
export function violationsOf(edge: ImportEdge): Violation[] {
  const { from, specifier, target } = edge;
  const found: string[] = [];
  const layer = topFolder(from);
  if (layer === 'core') {
    for (const forbidden of ['connectors', 'functions', 'local']) if (isUnder(target, forbidden)) found.push(`core imports nothing from ${forbidden}/`);
    if (specifier.startsWith('@azure/') || specifier === 'durable-functions') found.push('core uses no Azure SDK');
    if (HTTP_MODULES.includes(specifier)) found.push('core does no HTTP');
  }
  if (layer === 'connectors') {
    for (const forbidden of ['functions', 'local']) if (isUnder(target, forbidden)) found.push(`connectors import nothing from ${forbidden}/`);
  }
  if (PRODUCTION.includes(layer) && isUnder(target, 'local')) found.push(`production code (${layer}/) imports nothing from local/`);
  if (isUnder(from, 'local/sim')) {
    for (const forbidden of ['core', 'connectors', 'functions'])
      if (isUnder(target, forbidden)) found.push(`local/sim imports no application code (${forbidden}/)`);
  }
  const connector = connectorOf(target);
  if (connector !== undefined && connectorOf(from) !== connector && target !== `connectors/${connector}/index.ts`) {
    found.push(`connectors/${connector}/ is used from outside through its index.ts`);
  }
  return found.map((rule) => ({ edge, rule }));
}

export function describeViolation(v: Violation): string {
  return `${v.edge.from}:${v.edge.line} imports '${v.edge.specifier}': ${v.rule}`;
}
