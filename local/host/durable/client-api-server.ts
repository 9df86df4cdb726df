/**
 * The Durable extension's HTTP API on loopback, exactly the routes durable-functions' DurableClient calls when
 * `rpcBaseUrl` is set (node_modules/durable-functions/lib/src/durableClient/DurableClient.js), so df.getClient(context)
 * works unchanged against the local engine.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ControlResult, InstanceControl, StatusQuery } from './instance-control';
import type { RuntimeStatus } from './history-events';
import { Router } from '../../http-router/router';

const PREFIX = '/runtime/webhooks/durabletask/';
const STATUSES: readonly RuntimeStatus[] = ['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Terminated', 'Suspended'];
const DEFAULT_PAGE_SIZE = 100;

/** What a route handler gets: the decoded route parameters, the query, the body text (POST) and the headers. */
interface ApiCall {
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
  headers: http.IncomingHttpHeaders;
  path: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The client sends JSON.stringify(input), or "" for no input. */
function inputText(body: string): string | undefined {
  if (body === '') return undefined;
  JSON.parse(body); // reject non-JSON early (400)
  return body;
}

function statusFilter(params: URLSearchParams): StatusQuery {
  const statuses = (params.get('runtimeStatus') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = statuses.find((s) => !STATUSES.includes(s as RuntimeStatus));
  if (unknown) throw new BadRequest(`unknown runtimeStatus '${unknown}'`);
  const date = (name: string): Date | undefined => {
    const raw = params.get(name);
    if (!raw) return undefined;
    const d = new Date(raw);
    if (Number.isNaN(d.getTime())) throw new BadRequest(`${name} is not a date`);
    return d;
  };
  return { runtimeStatus: statuses as RuntimeStatus[], createdTimeFrom: date('createdTimeFrom'), createdTimeTo: date('createdTimeTo') };
}

class BadRequest extends Error {}

function controlReply(result: ControlResult, instanceId: string): Reply {
  switch (result) {
    case 'accepted':
      return { status: 202 };
    case 'gone':
      return { status: 410 };
    case 'notFound':
      return { status: 404, body: `No instance with ID '${instanceId}' found.` };
    case 'conflict':
      return { status: 412, body: 'The rewind operation is only supported on failed orchestration instances.' };
  }
}

export class ClientApiServer {
  private server?: http.Server;
  private url = '';

  constructor(
    private readonly control: InstanceControl,
    private readonly taskHub: string,
    private readonly systemKey = '',
  ) {}

  get baseUrl(): string {
    if (!this.url) throw new Error('the durable client API is not listening yet (call start() first)');
    return this.url;
  }

  async listen(): Promise<void> {
    const server = http.createServer((req, res) => {
      void this.handle(req).then(
        (reply) => this.send(res, reply),
        (error: unknown) =>
          this.send(res, error instanceof BadRequest || error instanceof SyntaxError ? { status: 400, body: error.message } : { status: 500, body: error instanceof Error ? error.message : String(error) }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** OrchestrationClientInputData: what the Functions host hands a `durableClient` input binding. */
  clientInputData(): Record<string, unknown> {
    const base = this.baseUrl;
    const code = `code=${encodeURIComponent(this.systemKey)}`;
    const query = `taskHub=${this.taskHub}&connection=Storage&${code}`;
    const instance = `${base}instances/INSTANCEID`;
    return {
      taskHubName: this.taskHub,
      creationUrls: {
        createNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]?${code}`,
        createAndWaitOnNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${code}`,
      },
      managementUrls: {
        id: 'INSTANCEID',
        statusQueryGetUri: `${instance}?${query}`,
        sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
        terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
        rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
        purgeHistoryDeleteUri: `${instance}?${query}`,
        restartPostUri: `${instance}/restart?${query}`,
        suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
        resumePostUri: `${instance}/resume?reason={text}&${query}`,
      },
      baseUrl: base,
      requiredQueryStringParameters: this.systemKey ? query : '',
      rpcBaseUrl: base,
      httpBaseUrl: base,
    };
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.body !== undefined) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['Content-Type'] = typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private async handle(req: http.IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(PREFIX)) return { status: 404 };
    const method = req.method ?? 'GET';
    const found = this.routes.lookup(method, url.pathname.slice(PREFIX.length));
    if (found.kind !== 'found') return { status: 404, body: `no route for ${method} ${url.pathname}` };
    const params = url.searchParams;
    const body = method === 'POST' ? await readBody(req) : '';
    return found.handler({ params: found.params, query: params, body, headers: req.headers, path: url.pathname });
  }

  /** The routes durable-functions' DurableClient calls, relative to the PREFIX. */
  private readonly routes = new Router<(call: ApiCall) => Promise<Reply>>({ ignoreCase: false, looseSlashes: true })
    .on('POST', 'orchestrators/{name}/{instanceId?}', async ({ params, body }) => {
      const started = await this.control.startNew(params.name, params.instanceId, inputText(body));
      if (started.result === 'unknownFunction') return { status: 400, body: `The function '${params.name}' doesn't exist, is disabled, or is not an orchestrator function.` };
      if (started.result === 'exists') {
        return { status: 409, body: `An Orchestration instance with the status ${started.runtimeStatus ?? 'Running'} already exists.` };
      }
      const links = this.links(started.instanceId);
      return { status: 202, body: { id: started.instanceId, ...links }, headers: { Location: String(links.statusQueryGetUri) } };
    })
    .on('GET', 'instances', ({ query, headers }) => this.list(query, headers['x-ms-continuation-token']))
    .on('DELETE', 'instances', async ({ query }) => ({ status: 200, body: { instancesDeleted: await this.control.purgeBy(statusFilter(query)) } }))
    .on('GET', 'instances/{instanceId}', async ({ params, query }) => {
      const flag = (name: string): boolean | undefined => (query.has(name) ? query.get(name) === 'true' : undefined);
      const status = await this.control.getStatus(params.instanceId, { showHistory: flag('showHistory'), showHistoryOutput: flag('showHistoryOutput'), showInput: flag('showInput') });
      if (!status) return { status: 404 };
      const running = status.runtimeStatus === 'Pending' || status.runtimeStatus === 'Running' || status.runtimeStatus === 'Suspended';
      return { status: running ? 202 : 200, body: status };
    })
    .on('DELETE', 'instances/{instanceId}', async ({ params }) => {
      const deleted = await this.control.purge(params.instanceId);
      return deleted ? { status: 200, body: { instancesDeleted: deleted } } : { status: 404 };
    })
    .on('POST', 'instances/{instanceId}/raiseEvent/{eventName}', async ({ params, body }) =>
      controlReply(await this.control.raiseEvent(params.instanceId, params.eventName, inputText(body)), params.instanceId),
    )
    .on('POST', 'instances/{instanceId}/{action}', async ({ params, query, path }) => {
      const { instanceId, action } = params;
      const reason = query.get('reason') ?? '';
      if (action === 'rewind') return controlReply(await this.control.rewind(instanceId, reason), instanceId);
      if (action === 'terminate' || action === 'suspend' || action === 'resume') return controlReply(await this.control.sendControl(instanceId, action, reason), instanceId);
      return { status: 404, body: `no route for POST ${path}` };
    })
    .on('POST', 'entities/{name}/{key}', async ({ params, query, body }) => {
      const op = query.get('op');
      if (!op) throw new BadRequest('op is required');
      await this.control.signalEntity(params.name, params.key, op, inputText(body));
      return { status: 202 };
    })
    .on('GET', 'entities/{name}/{key}', async ({ params }) => {
      const entity = await this.control.readEntity(params.name, params.key);
      return entity.exists ? { status: 200, body: entity.state ?? null } : { status: 404 };
    });

  private async list(params: URLSearchParams, tokenHeader: string | string[] | undefined): Promise<Reply> {
    const all = await this.control.query(statusFilter(params), params.get('showInput') !== 'false');
    const top = Number(params.get('top') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
    const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    const offset = token ? Number(Buffer.from(token, 'base64').toString('utf8')) || 0 : 0;
    const page = all.slice(offset, offset + top);
    const next = offset + top < all.length ? Buffer.from(String(offset + top), 'utf8').toString('base64') : undefined;
    return { status: 200, body: page, headers: next ? { 'x-ms-continuation-token': next } : {} };
  }

  private links(instanceId: string): Record<string, unknown> {
    const management = this.clientInputData().managementUrls as Record<string, string>;
    const links: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(management)) if (key !== 'id') links[key] = value.replace('INSTANCEID', encodeURIComponent(instanceId));
    return links;
  }
}
