/** `m3sync parse-bod <file|->`: reads an ION BOD and prints its canonical JSON (docs/contracts.md, Canonical BOD JSON). */
import type { Command } from 'commander';
import { BodError, readBod } from '../../core/bod';
import { InputError } from '../input-error';
import { printJson, readInput } from '../read-input';

export function registerParseBod(program: Command): void {
  program
    .command('parse-bod')
    // Usage errors are bad input too: one `error:` line, no help text after it (docs/contracts.md, Commands).
    .showHelpAfterError(false)
    .description('Read a BOD (Sync.Shipment, Sync.ItemMaster, Sync.InventoryCount/InventoryBalance, SyncInventory) and print its canonical JSON')
    .argument('<file>', 'BOD XML file, or - for standard input (UTF-8 or UTF-16)')
    .option('--json', 'print JSON (the only output format; accepted for symmetry with the other commands)')
    .option('--max-bytes <n>', 'size limit in bytes', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new InputError(`--max-bytes: "${value}" is not a positive integer`);
      return n;
    })
    .action(async (file: string, opts: { maxBytes?: number }) => {
      const { name, bytes } = await readInput(file);
      try {
        printJson(readBod(bytes, { maxBytes: opts.maxBytes }));
      } catch (error) {
        if (error instanceof BodError) throw new InputError(`${name}: ${error.message} [${error.code}]`);
        throw error;
      }
    });
}
