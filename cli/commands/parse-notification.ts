/** `m3sync parse-notification <file|->`: the canonical event of an SP-API notification, unwrapped as the HTTP endpoint does. */
import type { Command } from 'commander';
import { InputError } from '../input-error';
import { printJson, readInput } from '../read-input';
import { readNotification, NotificationError } from '../../core/notifications';

/** The intake's default NOTIFICATION_MAX_BYTES: the CLI reads a notification exactly as the HTTP endpoint does. */
const MAX_NOTIFICATION_BYTES = 256 * 1024;

export function registerParseNotification(program: Command): void {
  program
    .command('parse-notification <file>')
    // Usage errors are bad input too: one `error:` line, no help text after it (docs/contracts.md, Commands).
    .showHelpAfterError(false)
    .description('read an SP-API notification (raw, SQS message, SNS-in-SQS or EventBridge event; file or -) as canonical event JSON')
    .option('--json', 'machine-readable output (the event is JSON either way)')
    .action(async (file: string) => {
      const input = await readInput(file);
      if (input.bytes.length > MAX_NOTIFICATION_BYTES) throw new InputError(`${input.name}: TOO_LARGE: ${input.bytes.length} bytes is larger than the ${MAX_NOTIFICATION_BYTES} bytes a notification may have`);
      try {
        printJson(readNotification(input.bytes.toString('utf8')));
      } catch (error) {
        if (error instanceof NotificationError) throw new InputError(`${input.name}: ${error.message}`);
        throw error;
      }
    });
}
