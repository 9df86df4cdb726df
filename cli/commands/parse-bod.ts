/** `m3sync parse-bod` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerParseBod(program: Command): void {
  void program;
}
