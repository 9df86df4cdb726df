/** `m3sync mappings` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerMappings(program: Command): void {
  void program;
}
