/**
 * Azure Functions route templates (ASP.NET attribute-routing syntax): literal segments, `{name}`, optional `{name?}`,
 * constrained `{name:int}`, catch-all `{*rest}`; matched case-insensitively, literals before parameters
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#customize-the-http-endpoint).
 */

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catchAll'; name: string };

export interface CompiledRoute {
  template: string;
  segments: Segment[];
  /** Higher sorts first: more literal segments, then fewer parameters. */
  specificity: number;
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/, long: /^-?\d+$/, alpha: /^[A-Za-z]+$/, bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  decimal: /^-?\d+(\.\d+)?$/, double: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, float: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
  datetime: /^\d{4}-\d{2}-\d{2}/,
};

export function compileRoute(template: string): CompiledRoute {
  const parts = template.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p.length > 0);
  const segments: Segment[] = parts.map((part) => {
    const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(part);
    if (!param) {
      if (/[{}]/.test(part)) throw new Error(`route "${template}": segment "${part}" mixes text and parameters, which the local host does not support`);
      return { kind: 'literal', text: part.toLowerCase() };
    }
    const [, star, name, constraint, optional] = param;
    if (star) return { kind: 'catchAll', name };
    return { kind: 'param', name, optional: optional === '?', constraint: constraint?.toLowerCase() };
  });
  const literals = segments.filter((s) => s.kind === 'literal').length;
  return { template, segments, specificity: literals * 100 - segments.length + (segments.some((s) => s.kind === 'catchAll') ? -50 : 0) };
}

/** The route parameters when `path` (no prefix, no query; still percent-encoded) matches, else undefined. */
export function matchRoute(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p.length > 0);
  const params: Record<string, string> = {};
  let i = 0;
  for (const segment of route.segments) {
    if (segment.kind === 'catchAll') {
      params[segment.name] = parts.slice(i).map(safeDecode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) {
      if (segment.kind === 'param' && segment.optional) continue;
      return undefined;
    }
    if (segment.kind === 'literal') {
      if (safeDecode(part).toLowerCase() !== segment.text) return undefined;
    } else {
      const value = safeDecode(part);
      const rule = segment.constraint ? CONSTRAINTS[segment.constraint] : undefined;
      if (rule && !rule.test(value)) return undefined;
      params[segment.name] = value;
    }
    i++;
  }
  return i === parts.length ? params : undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
