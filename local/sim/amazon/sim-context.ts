/** What every simulator API module gets: state, simulated clock, configuration, persistence and the notification sender. */
import type { SimClock } from './sim-clock';
import type { SimState } from './sim-state';
import type { ModelValidator } from './model-validator';
import type { NotificationSender } from './notification-sender';

export interface SimConfig {
  sellerId: string;
  /** The seller's marketplaces; the first is where reports and seeded listings go when none is named. */
  marketplaceIds: string[];
  /** Simulated seconds a feed takes from IN_QUEUE to DONE (IN_PROGRESS after a tenth of it). */
  feedProcessingSeconds: number;
}

export interface SimContext {
  state: SimState;
  clock: SimClock;
  config: SimConfig;
  /** Set when the official models are available (strict mode needs them; seeding uses them when present). */
  validator?: ModelValidator;
  notifier: NotificationSender;
  /** Base URL of the simulator as seen by clients (for presigned-style document URLs). */
  baseUrl(): string;
  /** Writes state to the state file, if one is configured. */
  persist(): void;
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
