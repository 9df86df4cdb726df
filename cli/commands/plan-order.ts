/** `m3sync plan-order` (placeholder: the owning issue fills it in). */
import type { Command } from 'commander';

export function registerPlanOrder(program: Command): void {
  void program;
}
