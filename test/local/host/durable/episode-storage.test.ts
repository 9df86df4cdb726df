import diagnostics from 'node:diagnostics_channel';
import { TableClient } from '@azure/data-tables';
import * as df from 'durable-functions';
import type { EntityContext, OrchestrationContext } from 'durable-functions';
import { DurableStore } from '../../../../local/host/durable/durable-store';
import { entitySchedulerId } from '../../../../local/host/durable/entity-batch';
import { EventType } from '../../../../local/host/durable/history-events';
import { azuriteConnectionString, uniqueName } from '../../../support/storage';
import { startHarness, type Harness } from './engine-harness';

const runs = new Map<string, number>();

/** Activities wait at a named gate until the test opens it (each test has its own). */
const gates = new Map<string, { open: () => void; passed: Promise<void> }>();
function gate(name: string): { open: () => void; passed: Promise<void> } {
  let entry = gates.get(name);
  if (!entry) {
    let open: () => void = () => undefined;
    const passed = new Promise<void>((resolve) => {
      open = resolve;
    });
    entry = { open, passed };
    gates.set(name, entry);
  }
  return entry;
}

df.app.activity('stamp', {
  handler: async (key: string) => {
    runs.set(key, (runs.get(key) ?? 0) + 1);
    return `stamped ${key}`;
  },
});
df.app.activity('gatedStamp', {
  handler: async (key: string) => {
    runs.set(key, (runs.get(key) ?? 0) + 1);
    await gate(key).passed;
    return `stamped ${key}`;
  },
});
df.app.activity('gatedDouble', {
  handler: async (n: number) => {
    runs.set('gatedDouble', (runs.get('gatedDouble') ?? 0) + 1);
    await gate('gatedDouble').passed;
    return n * 2;
  },
});
df.app.entity('tally', (context: EntityContext<number>) => {
  context.df.setState((context.df.getState(() => 0) ?? 0) + (context.df.getInput<number>() ?? 0));
});
df.app.orchestration('oneStep', function* (context: OrchestrationContext) {
  const stamped: string = yield context.df.callActivity('stamp', context.df.getInput<string>());
  return stamped;
});
df.app.orchestration('oneGatedStep', function* (context: OrchestrationContext) {
  const stamped: string = yield context.df.callActivity('gatedStamp', context.df.getInput<string>());
  return stamped;
});
df.app.orchestration('wideFanOut', function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  const doubled: number[] = yield context.df.Task.all(Array.from({ length: count }, (_, i) => context.df.callActivity('gatedDouble', i)));
  return doubled.reduce((sum, n) => sum + n, 0);
});
df.app.orchestration('twoEvents', function* (context: OrchestrationContext) {
  const one: string = yield context.df.waitForExternalEvent('One');
  const two: string = yield context.df.waitForExternalEvent('Two');
  return [one, two];
});

function tablePort(): string {
  const match = /TableEndpoint=https?:\/\/[^:/;]+:(\d+)/.exec(azuriteConnectionString());
  if (!match) throw new Error('no TableEndpoint in the test connection string');
  return match[1];
}

/** Table requests this process sends while `fn` runs, as "METHOD /path" without the account and the keys. */
async function tableRequestsDuring(fn: () => Promise<void>): Promise<string[]> {
  const port = tablePort();
  const seen: string[] = [];
  const listener = (message: unknown): void => {
    const request = (message as { request?: { method?: string; path?: string; getHeader?(name: string): unknown } }).request;
    const host = request?.getHeader?.('host');
    if (typeof host !== 'string' || !host.endsWith(`:${port}`)) return;
    const path = (request?.path ?? '').split('?')[0].replace(/^\/devstoreaccount1/, '').replace(/\(.*\)$/, '(…)');
    seen.push(`${request?.method ?? ''} ${path}`);
  };
  diagnostics.subscribe('http.client.request.start', listener);
  try {
    await fn();
  } finally {
    diagnostics.unsubscribe('http.client.request.start', listener);
  }
  return seen;
}

async function waitUntil(predicate: () => boolean): Promise<void> {
  // Polls real progress of in-process work (no fixed sleep).
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

describe('how episodes use storage', () => {
  it('starts with one insert and commits each episode in one table transaction, handing the activity result over in memory', async () => {
    const h = await startHarness();
    try {
      let id = '';
      const requests = await tableRequestsDuring(async () => {
        id = await h.client.startNew('oneStep', { input: 'one-write' });
        await h.engine.whenIdle();
      });
      expect(requests).toEqual([`POST /${h.taskHub}Instances`, 'POST /$batch', 'POST /$batch']);
      const status = await h.client.getStatus(id);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toBe('stamped one-write');
      expect(runs.get('one-write')).toBe(1);
    } finally {
      await h.engine.stop();
    }
  });

  it('answers status and events of a running instance from its in-memory copy', async () => {
    const h = await startHarness();
    try {
      const id = await h.client.startNew('twoEvents');
      await h.engine.whenIdle();
      const requests = await tableRequestsDuring(async () => {
        expect((await h.client.getStatus(id)).runtimeStatus).toBe('Running');
        await h.client.raiseEvent(id, 'One', 'first');
        await h.engine.whenIdle();
      });
      // The raised event is a stored message (it comes from outside the engine): write, read, commit, delete.
      expect(requests).toEqual([`PUT /${h.taskHub}Inbox(…)`, `GET /${h.taskHub}Inbox(…)`, 'POST /$batch', `DELETE /${h.taskHub}Inbox(…)`]);
    } finally {
      await h.engine.stop();
    }
  });

  it('re-reads an instance whose row another engine changed, instead of committing over it', async () => {
    const a = await startHarness();
    const b = await startHarness({ taskHub: a.taskHub });
    try {
      const id = await a.client.startNew('twoEvents');
      await a.engine.whenIdle();
      await b.engine.whenIdle();
      await b.client.raiseEvent(id, 'One', 'from b'); // b commits: a's copy is now stale
      await b.engine.whenIdle();
      await a.client.raiseEvent(id, 'Two', 'from a');
      await a.engine.whenIdle();
      expect(a.logs.some((l) => l.event === 'conflict' && l.instanceId === id)).toBe(true);
      const status = await a.client.getStatus(id);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toEqual(['from b', 'from a']);
    } finally {
      await a.engine.stop();
      await b.engine.stop();
    }
  });

  it('resumes after a kill a fan-out whose commit did not fit one table transaction', async () => {
    const a = await startHarness();
    const count = 150;
    const id = await a.client.startNew('wideFanOut', { input: count });
    await waitUntil(() => (runs.get('gatedDouble') ?? 0) >= 10);
    await a.engine.abandon();
    const b = await startHarness({ taskHub: a.taskHub });
    try {
      gate('gatedDouble').open();
      await b.engine.whenIdle();
      const status = await b.client.getStatus(id, { showHistory: true });
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toBe(count * (count - 1));
      const history = (status.history ?? []) as Array<{ EventType: string }>;
      expect(history.filter((e) => e.EventType === 'TaskScheduled')).toHaveLength(count);
      expect(history.filter((e) => e.EventType === 'TaskCompleted')).toHaveLength(count);
    } finally {
      await b.engine.stop();
    }
  });

  it('stores the result of an activity that finishes during a graceful stop, so the next start does not run it again', async () => {
    const a = await startHarness();
    const id = await a.client.startNew('oneGatedStep', { input: 'during-stop' });
    await waitUntil(() => runs.get('during-stop') === 1);
    const stopping = a.engine.stop();
    gate('during-stop').open();
    await stopping;
    const b = await startHarness({ taskHub: a.taskHub });
    try {
      await b.engine.whenIdle();
      const status = await b.client.getStatus(id);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toBe('stamped during-stop');
      expect(runs.get('during-stop')).toBe(1);
    } finally {
      await b.engine.stop();
    }
  });

  it('resumes an instance whose history an older engine kept in the separate History table', async () => {
    const taskHub = uniqueName('hub');
    const options = { allowInsecureConnection: true };
    const instances = TableClient.fromConnectionString(azuriteConnectionString(), `${taskHub}Instances`, options);
    const history = TableClient.fromConnectionString(azuriteConnectionString(), `${taskHub}History`, options);
    await instances.createTable();
    await history.createTable();
    const at = '2025-01-01T00:00:00.000Z';
    const events = [
      { EventType: EventType.OrchestratorStarted, EventId: -1, Timestamp: at },
      { EventType: EventType.ExecutionStarted, EventId: -1, Timestamp: at, Name: 'oneStep', Input: JSON.stringify('legacy') },
      { EventType: EventType.TaskScheduled, EventId: 0, Timestamp: at, Name: 'stamp', Input: JSON.stringify('legacy') },
      { EventType: EventType.OrchestratorCompleted, EventId: -1, Timestamp: at },
    ];
    const sources = ['', 'start-000000', '', ''];
    await history.submitTransaction(
      events.map((event, i) => ['upsert', { partitionKey: 'old-1', rowKey: `000000-${String(i).padStart(8, '0')}`, source: sources[i], eventType: event.EventType, event: JSON.stringify(event) }, 'Replace']),
    );
    await instances.createEntity({ partitionKey: 'old-1', rowKey: '', name: 'oneStep', runtimeStatus: 'Running', input: JSON.stringify('legacy'), createdTime: at, lastUpdatedTime: at, execution: 0, historyLength: events.length });

    const h: Harness = await startHarness({ taskHub });
    try {
      await h.engine.whenIdle();
      const status = await h.client.getStatus('old-1', { showHistory: true });
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toBe('stamped legacy');
      expect(((status.history ?? []) as Array<{ EventType: string }>).map((e) => e.EventType)).toEqual(['ExecutionStarted', 'TaskScheduled', 'TaskCompleted', 'ExecutionCompleted']);
    } finally {
      await h.engine.stop();
    }
  });

  it('deletes the stored messages a batch consumed in one table transaction', async () => {
    const taskHub = uniqueName('hub');
    const store = new DurableStore({ connectionString: azuriteConnectionString(), taskHub, guard: () => undefined });
    await store.ensure();
    const tally = entitySchedulerId('tally', 'k');
    for (const n of [1, 2, 3]) await store.sendToInbox(tally, `op-${n}`, { kind: 'entityOperation', requestId: `r-${n}`, operation: 'add', input: String(n), signal: true });
    let h: Harness | undefined;
    const requests = await tableRequestsDuring(async () => {
      h = await startHarness({ taskHub });
      await h.engine.whenIdle();
    });
    try {
      expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
      expect(requests.filter((r) => r === 'POST /$batch')).toHaveLength(1);
      expect((await store.readInbox(tally)).length).toBe(0);
      expect(await h!.client.readEntityState<number>(new df.EntityId('tally', 'k'))).toMatchObject({ entityExists: true, entityState: 6 });
    } finally {
      await h?.engine.stop();
    }
  });
});
