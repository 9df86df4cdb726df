/** `m3sync reconcile` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerReconcile(program: Command): void {
  void program;
}
