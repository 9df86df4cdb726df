/** `m3sync settlement` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerSettlement(program: Command): void {
  void program;
}
