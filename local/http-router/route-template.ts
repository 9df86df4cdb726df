/**
 * Route templates, one syntax for every local HTTP server: Azure Functions' (ASP.NET attribute routing) literal
 * segments, `{name}`, optional `{name?}`, constrained `{name:int}` and catch-all `{*rest}`
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#customize-the-http-endpoint).
 * Two switches keep each server's own rules: `ignoreCase` (the Functions host matches literals case-insensitively)
 * and `looseSlashes` (the Functions host ignores leading, trailing and doubled slashes; the simulators do not).
 */

export interface TemplateOptions {
  ignoreCase?: boolean;
  looseSlashes?: boolean;
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catchAll'; name: string };

export interface CompiledRoute {
  template: string;
  segments: Segment[];
  ignoreCase: boolean;
  looseSlashes: boolean;
  /** Higher sorts first: more literal segments, then fewer parameters. */
  specificity: number;
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/, long: /^-?\d+$/, alpha: /^[A-Za-z]+$/, bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  decimal: /^-?\d+(\.\d+)?$/, double: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, float: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
  datetime: /^\d{4}-\d{2}-\d{2}/,
};

function split(path: string, looseSlashes: boolean): string[] {
  return looseSlashes ? path.split('/').filter((p) => p.length > 0) : path.split('/');
}

/** Compiles a template; Functions-host style (case-insensitive, loose slashes) unless `options` say otherwise. */
export function compileRoute(template: string, options: TemplateOptions = { ignoreCase: true, looseSlashes: true }): CompiledRoute {
  const ignoreCase = options.ignoreCase ?? false;
  const looseSlashes = options.looseSlashes ?? false;
  const segments: Segment[] = split(template, looseSlashes).map((part) => {
    const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(part);
    if (!param) {
      if (/[{}]/.test(part)) throw new Error(`route "${template}": segment "${part}" mixes text and parameters, which the local servers do not support`);
      return { kind: 'literal', text: ignoreCase ? part.toLowerCase() : part };
    }
    const [, star, name, constraint, optional] = param;
    if (star) return { kind: 'catchAll', name };
    return { kind: 'param', name, optional: optional === '?', constraint: constraint?.toLowerCase() };
  });
  const literals = segments.filter((s) => s.kind === 'literal').length;
  const specificity = literals * 100 - segments.length + (segments.some((s) => s.kind === 'catchAll') ? -50 : 0);
  return { template, segments, ignoreCase, looseSlashes, specificity };
}

/**
 * The route parameters (decoded) when `path` (no query; still percent-encoded) matches, else undefined. A named
 * parameter never matches an empty segment or a malformed percent-escape; a catch-all keeps such an escape as sent.
 */
export function matchRoute(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const parts = split(path, route.looseSlashes);
  const params: Record<string, string> = {};
  let i = 0;
  for (const segment of route.segments) {
    if (segment.kind === 'catchAll') {
      params[segment.name] = parts.slice(i).map((p) => decode(p) ?? p).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) {
      if (segment.kind === 'param' && segment.optional) continue;
      return undefined;
    }
    const value = decode(part);
    if (value === undefined) return undefined;
    if (segment.kind === 'literal') {
      if ((route.ignoreCase ? value.toLowerCase() : value) !== segment.text) return undefined;
    } else {
      const rule = segment.constraint ? CONSTRAINTS[segment.constraint] : undefined;
      if (value === '' || (rule && !rule.test(value))) return undefined;
      params[segment.name] = value;
    }
    i++;
  }
  return i === parts.length ? params : undefined;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
