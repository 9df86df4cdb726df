/**
 * The layers hold: every import of the repository's TypeScript is checked against the layer rules (layer-rules.ts),
 * with relative imports resolved to files. The linter (.oxlintrc.json) flags the same imports in the editor; this test
 * is the precise check and runs with the other tests.
 */
import { importGraph, importsOf, type ImportEdge } from './import-graph';
import { describeViolation, violationsOf } from './layer-rules';

const FOLDERS = ['core', 'connectors', 'functions', 'local', 'cli', 'bench', 'chaos'];

/**
 * Violations present when the rules were introduced, to be removed by moving the code (not by adding to this list).
 * All are gone; the list stays so a rule change can name a migration honestly instead of weakening the rule.
 */
const KNOWN = new Set<string>([]);

const keyOf = (edge: ImportEdge): string => `${edge.from} -> ${edge.specifier}`;

function violationsIn(file: string, source: string): string[] {
  return importsOf(file, source).flatMap(violationsOf).map(describeViolation);
}

describe('the layer rules', () => {
  it('hold for every import in the repository (apart from the known list, which only shrinks)', () => {
    const found = importGraph(FOLDERS)
      .flatMap(violationsOf)
      .filter((v) => !KNOWN.has(keyOf(v.edge)))
      .map(describeViolation);
    expect(found).toEqual([]);
  });

  it('reject core code that imports a connector, local code, the Azure SDK or an HTTP module', () => {
    const source = [
      "import { M3Client } from '../../connectors/m3';",
      "import { x } from '../../local/host';",
      "import { TableClient } from '@azure/data-tables';",
      "import axios from 'axios';",
    ].join('\n');
    expect(violationsIn('core/orders/example.ts', source)).toEqual([
      "core/orders/example.ts:1 imports '../../connectors/m3': core imports nothing from connectors/",
      "core/orders/example.ts:2 imports '../../local/host': core imports nothing from local/",
      "core/orders/example.ts:2 imports '../../local/host': production code (core/) imports nothing from local/",
      "core/orders/example.ts:3 imports '@azure/data-tables': core uses no Azure SDK",
      "core/orders/example.ts:4 imports 'axios': core does no HTTP",
    ]);
  });

  it('reject a connector that imports functions code', () => {
    expect(violationsIn('connectors/m3/example.ts', "import { settings } from '../../functions/app-settings';")).toEqual([
      "connectors/m3/example.ts:1 imports '../../functions/app-settings': connectors import nothing from functions/",
    ]);
  });

  it('reject production code that imports local code, and a simulator that imports application code', () => {
    expect(violationsIn('cli/example.ts', "import { startSandbox } from '../local/sandbox/sandbox';")).toEqual([
      "cli/example.ts:1 imports '../local/sandbox/sandbox': production code (cli/) imports nothing from local/",
    ]);
    expect(violationsIn('local/sim/m3/example.ts', "import { parseOrder } from '../../../core/orders/canonical-order';")).toEqual([
      "local/sim/m3/example.ts:1 imports '../../../core/orders/canonical-order': local/sim imports no application code (core/)",
    ]);
  });

  it('let code outside a connector use it through its index.ts only', () => {
    expect(violationsIn('functions/order-to-cash/example.ts', "import { m3 } from '../../connectors/m3';")).toEqual([]);
    expect(violationsIn('functions/order-to-cash/example.ts', "import { M3Client } from '../../connectors/m3/m3-client';")).toEqual([
      "functions/order-to-cash/example.ts:1 imports '../../connectors/m3/m3-client': connectors/m3/ is used from outside through its index.ts",
    ]);
    expect(violationsIn('connectors/m3/example.ts', "import { M3Client } from './m3-client';")).toEqual([]);
  });
});

describe('the local durable engine', () => {
  it('has no import cycles, type-only imports included', () => {
    const edges = importGraph(['local/host']).filter((e) => e.target?.startsWith('local/host/'));
    const next = new Map<string, string[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.target!]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of next.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of next.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
