/**
 * The one routing approach of the local HTTP servers (the SP-API and M3 simulators, the local Functions host, its
 * admin API and the durable client API): a table of method + route template → handler, looked up first match first.
 * The router only finds; each server answers "no such path" and "wrong method" its own documented way.
 */
import { compileRoute, matchRoute, type CompiledRoute, type TemplateOptions } from './route-template';

export { compileRoute, matchRoute, type CompiledRoute, type TemplateOptions } from './route-template';

export type RouteParams = Record<string, string>;

export type RouteLookup<H> =
  | { kind: 'found'; handler: H; params: RouteParams }
  /** Some route has this path, none this method (SP-API answers 405; the others answer 404). */
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'not-found' };

interface Entry<H> {
  /** Upper case; `*` for any method. */
  methods: ReadonlySet<string>;
  route: CompiledRoute;
  handler: H;
}

export class Router<H> {
  private readonly entries: Entry<H>[] = [];

  /** Case-sensitive and slash-exact by default (the simulators); the Functions host passes both switches on. */
  constructor(private readonly options: TemplateOptions = { ignoreCase: false, looseSlashes: false }) {}

  /** Adds a route; `methods` is one method, several, or `*` for any. Routes are tried in the order added. */
  on(methods: string | readonly string[], template: string, handler: H): this {
    const list = typeof methods === 'string' ? [methods] : methods;
    this.entries.push({ methods: new Set(list.map((m) => m.toUpperCase())), route: compileRoute(template, this.options), handler });
    return this;
  }

  lookup(method: string, path: string): RouteLookup<H> {
    const wanted = method.toUpperCase();
    const allowed: string[] = [];
    for (const entry of this.entries) {
      const params = matchRoute(entry.route, path);
      if (!params) continue;
      if (entry.methods.has('*') || entry.methods.has(wanted)) return { kind: 'found', handler: entry.handler, params };
      allowed.push(...entry.methods);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed: [...new Set(allowed)] } : { kind: 'not-found' };
  }
}
