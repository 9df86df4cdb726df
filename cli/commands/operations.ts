/** `m3sync operations` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerOperations(program: Command): void {
  void program;
}
