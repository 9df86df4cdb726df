/**
 * Kill switch and dry run per flow (docs/design.md, Operations): from settings (PAUSED_FLOWS, DRY_RUN_FLOWS) and from the
 * operations API, which records its switches in Table Storage so every instance sees them within a few seconds.
 */
import { isStatus, storageError, type TableAccess } from '../../connectors/storage';

/** What a flow asks of the switches (the board below answers it; specs pass a fake). */
export interface FlowSwitches {
  isPaused(flow: string): boolean;
  isDryRun(flow: string): boolean;
}

export interface FlowSwitchState {
  paused: string[];
  dryRun: string[];
}

const REFRESH_MS = 2000;

export class FlowSwitchBoard implements FlowSwitches {
  private cached: FlowSwitchState = { paused: [], dryRun: [] };
  private readAt = 0;

  constructor(private readonly tables: TableAccess, private readonly fromSettings: FlowSwitchState, private readonly tableName = 'flowswitches') {}

  async refresh(now = Date.now()): Promise<FlowSwitchState> {
    if (now - this.readAt < REFRESH_MS) return this.state();
    const table = await this.tables.table(this.tableName);
    const state: FlowSwitchState = { paused: [], dryRun: [] };
    try {
      for await (const e of table.listEntities<{ paused?: boolean; dryRun?: boolean }>()) {
        if (e.paused) state.paused.push(String(e.rowKey));
        if (e.dryRun) state.dryRun.push(String(e.rowKey));
      }
    } catch (error) {
      throw storageError(error, 'read flow switches');
    }
    this.cached = state;
    this.readAt = now;
    return this.state();
  }

  state(): FlowSwitchState {
    return {
      paused: [...new Set([...this.fromSettings.paused, ...this.cached.paused])],
      dryRun: [...new Set([...this.fromSettings.dryRun, ...this.cached.dryRun])],
    };
  }

  isPaused(flow: string): boolean {
    return this.state().paused.includes(flow);
  }

  isDryRun(flow: string): boolean {
    return this.state().dryRun.includes(flow);
  }

  async set(flow: string, change: { paused?: boolean; dryRun?: boolean }): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      let current: { paused?: boolean; dryRun?: boolean } = {};
      try {
        current = await table.getEntity('switch', flow);
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
      await table.upsertEntity({ partitionKey: 'switch', rowKey: flow, paused: change.paused ?? current.paused ?? false, dryRun: change.dryRun ?? current.dryRun ?? false }, 'Replace');
    } catch (error) {
      throw storageError(error, `switch flow ${flow}`);
    }
    this.readAt = 0;
  }
}
