/** `m3sync sweep` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerSweep(program: Command): void {
  void program;
}
