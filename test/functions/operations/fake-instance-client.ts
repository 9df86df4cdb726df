/** An in-memory stand-in for the durable client's management calls, recording what operations asked of it. */
import type { DurableOrchestrationStatus, OrchestrationFilter, PurgeHistoryResult, StartNewOptions } from 'durable-functions';
import type { InstanceClient } from '../../../functions/operations/instance-operations';

export interface FakeInstance {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  createdTime?: string;
  lastUpdatedTime?: string;
  input?: unknown;
  output?: unknown;
  customStatus?: unknown;
}

export class FakeInstanceClient implements InstanceClient {
  readonly calls: string[] = [];
  readonly events: Array<{ instanceId: string; name: string; data: unknown }> = [];
  readonly instances = new Map<string, FakeInstance>();

  constructor(instances: FakeInstance[] = []) {
    for (const i of instances) this.instances.set(i.instanceId, i);
  }

  private status(i: FakeInstance, showInput = true): DurableOrchestrationStatus {
    const status = {
      name: i.name, instanceId: i.instanceId, runtimeStatus: i.runtimeStatus,
      createdTime: new Date(i.createdTime ?? '2026-01-01T00:00:00Z'), lastUpdatedTime: new Date(i.lastUpdatedTime ?? '2026-01-01T00:00:00Z'),
      input: showInput ? i.input : null, output: i.output ?? null, customStatus: i.customStatus ?? null,
    };
    // The fake hands back the plain record the real client builds from the extension's JSON.
    return status as unknown as DurableOrchestrationStatus;
  }

  async getStatus(instanceId: string, options?: { showInput?: boolean }): Promise<DurableOrchestrationStatus> {
    const i = this.instances.get(instanceId);
    if (!i) throw new Error(`DurableClient error: Durable Functions extension replied with HTTP 404 response. ${instanceId}`);
    return this.status(i, options?.showInput ?? false);
  }

  async getStatusBy(filter: OrchestrationFilter): Promise<DurableOrchestrationStatus[]> {
    const statuses = (filter.runtimeStatus ?? []).map(String);
    return [...this.instances.values()].filter((i) => statuses.length === 0 || statuses.includes(i.runtimeStatus)).map((i) => this.status(i));
  }

  async rewind(instanceId: string, reason: string): Promise<void> {
    this.calls.push(`rewind ${instanceId} ${reason}`);
  }

  async terminate(instanceId: string, reason: string): Promise<void> {
    this.calls.push(`terminate ${instanceId} ${reason}`);
  }

  async purgeInstanceHistory(instanceId: string): Promise<PurgeHistoryResult> {
    this.calls.push(`purge ${instanceId}`);
    return { instancesDeleted: this.instances.delete(instanceId) ? 1 : 0 };
  }

  async purgeInstanceHistoryBy(filter: OrchestrationFilter): Promise<PurgeHistoryResult> {
    this.calls.push(`purgeBy ${filter.createdTimeTo?.toISOString() ?? ''} ${(filter.runtimeStatus ?? []).join(',')}`);
    return { instancesDeleted: 3 };
  }

  async startNew(name: string, options?: StartNewOptions): Promise<string> {
    const instanceId = options?.instanceId ?? 'generated';
    this.calls.push(`start ${name} ${instanceId}`);
    this.instances.set(instanceId, { name, instanceId, runtimeStatus: 'Pending', input: options?.input });
    return instanceId;
  }

  async raiseEvent(instanceId: string, name: string, data: unknown): Promise<void> {
    this.events.push({ instanceId, name, data });
  }
}
