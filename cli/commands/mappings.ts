/** `m3sync mappings validate [DIR]`: checks every mapping file and names the JSON path of each bad value. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../input-error';
import { printJson } from '../read-input';
import { loadMappingsDir, MappingError, type Mappings } from '../../core/mapping';
import { settlementModeOf } from '../../core/settlement';
import { createM3Connection } from '../../functions/runtime/m3-connection';
import { checkVatBasis } from '../../functions/runtime/vat-basis-read';
import { loadCliSettings } from './amazon';

/** The repo's own mappings/ folder, found from this file whether it runs from source or from dist/. */
export function defaultMappingsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'mappings'))) return path.join(dir, 'mappings');
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '../../mappings');
}

/** Reads and validates a mappings directory (or a single JSON file); bad input becomes an InputError. */
export function readMappingsDir(dir: string): { mappings: Mappings; files: string[] } {
  let files: { name: string; text: string }[];
  try {
    if (statSync(dir).isFile()) files = [{ name: path.basename(dir), text: readFileSync(dir, 'utf8') }];
    else files = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
  } catch (error) {
    throw new InputError(`${dir}: cannot read mappings (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  try {
    return { mappings: loadMappingsDir(files, dir), files: files.map((f) => f.name).sort() };
  } catch (error) {
    if (error instanceof MappingError) {
      // The source is a file name inside DIR, or DIR itself when the problem is the folder (e.g. no *.json in it).
      const source = error.details.source === undefined ? '' : String(error.details.source);
      const where = statSync(dir).isFile() || source === '' || path.resolve(dir, source) === path.resolve(dir) ? dir : path.join(dir, source);
      throw new InputError(`${where}: ${error.problems.join('; ')}`);
    }
    throw error;
  }
}

export function registerMappings(program: Command): void {
  // Usage errors are bad input too: one `error:` line, no help text after it (docs/contracts.md, Commands).
  const mappings = program.command('mappings').description('inspect and validate mapping files').showHelpAfterError(false);
  mappings
    .command('validate [dir]')
    .showHelpAfterError(false)
    .description('validate the mapping files in DIR (default: the shipped mappings/)')
    .option('--json', 'machine-readable output')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const target = dir ?? defaultMappingsDir();
      const { mappings: loaded, files } = readMappingsDir(target);
      const summary = {
        ok: true,
        dir: target,
        files,
        marketplaces: Object.keys(loaded.marketplaces).length,
        skuTableEntries: Object.keys(loaded.items.table).length,
        carriers: Object.keys(loaded.carriers.forwardingAgents).length,
        customFields: loaded.customFields.length,
        settlementMode: settlementModeOf(loaded),
      };
      if (opts.json === true) printJson(summary);
      else process.stdout.write(`ok: ${target} (${files.join(', ')}): ${summary.marketplaces} marketplaces, ${summary.carriers} carriers, ${summary.customFields} custom fields, settlement ${summary.settlementMode}\n`);
    });
  mappings
    .command('check-m3 [dir]')
    .showHelpAfterError(false)
    .description("read back from M3 what the mappings rely on: each marketplace customer's 'VAT included' (TINC) against its price basis")
    .option('--settings <file>', 'local.settings.json to read the M3 connection from (the environment wins)')
    .option('--json', 'machine-readable output')
    .action(async (dir: string | undefined, opts: { json?: boolean; settings?: string }) => {
      const { mappings: loaded } = readMappingsDir(dir ?? defaultMappingsDir());
      const m3 = createM3Connection(await loadCliSettings(opts.settings));
      const findings = await checkVatBasis(m3, loaded);
      const ok = findings.every((f) => f.ok);
      if (opts.json === true) printJson({ ok, findings });
      else for (const f of findings) process.stdout.write(`${f.ok ? 'ok  ' : 'FAIL'} ${f.message}\n`);
      if (!ok) process.exitCode = 1;
    });
}
