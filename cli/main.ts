/** The `m3sync` command: one file per command group under commands/, registered here. */
import { Command, CommanderError } from 'commander';
import { InputError } from './input-error';
import { registerParseBod } from './commands/parse-bod';
import { registerParseNotification } from './commands/parse-notification';
import { registerPlanOrder } from './commands/plan-order';
import { registerMappings } from './commands/mappings';
import { registerOperations } from './commands/operations';
import { registerReconcile } from './commands/reconcile';
import { registerSweep } from './commands/sweep';
import { registerAmazon } from './commands/amazon';
import { registerSettlement } from './commands/settlement';
import { registerSandbox } from './commands/sandbox';
import { registerSummary } from './commands/summary';
import { registerReturns } from './commands/returns';

export function buildProgram(): Command {
  const program = new Command('m3sync')
    .description('M3 ⇄ Amazon Sync: inspect documents, plan orders and operate the running app')
    // Bad input is one `error:` line and exit 2 (docs/contracts.md, Commands); `--help` shows the usage.
    .exitOverride();
  registerParseBod(program);
  registerParseNotification(program);
  registerPlanOrder(program);
  registerMappings(program);
  registerOperations(program);
  registerSummary(program);
  registerReconcile(program);
  registerSweep(program);
  registerAmazon(program);
  registerSettlement(program);
  registerReturns(program);
  registerSandbox(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    return error instanceof InputError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
