/** `m3sync parse-notification` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerParseNotification(program: Command): void {
  void program;
}
