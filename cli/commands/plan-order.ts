/** `m3sync plan-order <file> [--mappings DIR]`: the M3 calls the app would make for an Amazon order (pure, no M3). */
import type { Command } from 'commander';
import { InputError } from '../input-error';
import { printJson, readInput } from '../read-input';
import { readMappingsDir, defaultMappingsDir } from './mappings';
import { planOrder, renderOrderPlan, toCanonicalOrder, OrderInputError } from '../../core/orders';
import { parseJsonSafely, UnsafeJsonError } from '../../core/notifications';

export function registerPlanOrder(program: Command): void {
  program
    .command('plan-order <file>')
    // Usage errors are bad input too: one `error:` line, no help text after it (docs/contracts.md, Commands).
    .showHelpAfterError(false)
    .description('plan the M3 order for a v2026-01-01 getOrder body {"order": …} or a v0 capture {"order", "orderItems"} (file or -)')
    .option('--mappings <dir>', 'mappings directory (default: the shipped mappings/)')
    .option('--json', 'machine-readable output (the plan is JSON either way)')
    .action(async (file: string, opts: { mappings?: string }) => {
      const { mappings } = readMappingsDir(opts.mappings ?? defaultMappingsDir());
      const input = await readInput(file);
      let json: unknown;
      try {
        json = parseJsonSafely(input.bytes.toString('utf8'));
      } catch (error) {
        throw new InputError(`${input.name}: ${error instanceof UnsafeJsonError ? error.message : String(error)}`);
      }
      let order;
      try {
        order = toCanonicalOrder(json);
      } catch (error) {
        if (error instanceof OrderInputError) throw new InputError(`${input.name}: ${error.message}`);
        throw error;
      }
      printJson(renderOrderPlan(planOrder(order, mappings)));
    });
}
