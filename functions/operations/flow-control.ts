/**
 * Kill switch and dry run per flow (docs/design.md, Operations). A paused flow still accepts and queues intake but writes nothing:
 * its instances come back `paused` (custom status reason FLOW_PAUSED) and wait for `redrive`. Resuming raises that event
 * on every such instance, and re-drives items parked as FLOW_PAUSED, so the backlog drains on its own.
 */
import { OrchestrationRuntimeStatus } from 'durable-functions';
import type { FlowSwitchState } from '../runtime/flow-switches';
import { REDRIVE_EVENT } from '../order-to-cash/names';
import { instanceView } from './instance-view';
import { redriveReason, type RedrivePorts } from './parked-operations';

export const FLOW_PAUSED = 'FLOW_PAUSED';

/** The flows the switches apply to (each checks its own name); unknown names are refused so a typo is not silent. */
export const FLOWS = ['order-to-cash', 'shipment-confirmation', 'inventory-sync', 'item-listing', 'settlement-posting'] as const;

export interface SwitchPort {
  refresh(): Promise<FlowSwitchState>;
  set(flow: string, change: { paused?: boolean; dryRun?: boolean }): Promise<void>;
}

export interface FlowState {
  flow: string;
  paused: boolean;
  dryRun: boolean;
}

export async function flowStates(switches: SwitchPort): Promise<FlowState[]> {
  const state = await switches.refresh();
  const names = [...new Set([...FLOWS, ...state.paused, ...state.dryRun])];
  return names.map((flow) => ({ flow, paused: state.paused.includes(flow), dryRun: state.dryRun.includes(flow) }));
}

export interface SwitchResult {
  flow: FlowState;
  /** Instances woken (and parked items re-driven) because the flow was resumed. */
  drained: number;
}

export async function switchFlow(switches: SwitchPort, redrive: RedrivePorts, flow: string, change: { paused?: boolean; dryRun?: boolean }): Promise<SwitchResult> {
  const before = await switches.refresh();
  await switches.set(flow, change);
  const after = await switches.refresh();
  const state: FlowState = { flow, paused: after.paused.includes(flow), dryRun: after.dryRun.includes(flow) };
  let drained = 0;
  if (change.paused === false && before.paused.includes(flow) && !state.paused) drained = await drainPaused(redrive, flow);
  return { flow: state, drained };
}

/** Wakes every instance of `flow` that is waiting because the flow was paused. */
export async function drainPaused(ports: RedrivePorts, flow: string): Promise<number> {
  let woken = 0;
  const running = await ports.client.getStatusBy({ runtimeStatus: [OrchestrationRuntimeStatus.Running] });
  for (const raw of running) {
    const view = instanceView(raw);
    if (view.process !== flow || view.runtimeStatus !== 'Running') continue;
    if (view.customStatus?.reason !== FLOW_PAUSED) continue;
    await ports.client.raiseEvent(view.instanceId, REDRIVE_EVENT, { by: 'resume' });
    woken++;
  }
  const parked = await redriveReason(ports, FLOW_PAUSED, flow, 'resume');
  return woken + parked.redriven.length;
}
