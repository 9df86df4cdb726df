/** `m3sync amazon` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerAmazon(program: Command): void {
  void program;
}
