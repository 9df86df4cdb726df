/** Starts Azurite from the npm package on loopback (in memory for tests, on disk for `npm start`) and stops it by PID. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export interface AzuriteEndpoints {
  blobPort: number;
  queuePort: number;
  tablePort: number;
  connectionString: string;
}

export interface RunningAzurite extends AzuriteEndpoints {
  pid: number;
  stop(): Promise<void>;
}

export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(ports: { blobPort: number; queuePort: number; tablePort: number }): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `BlobEndpoint=http://127.0.0.1:${ports.blobPort}/${DEV_ACCOUNT}`,
    `QueueEndpoint=http://127.0.0.1:${ports.queuePort}/${DEV_ACCOUNT}`,
    `TableEndpoint=http://127.0.0.1:${ports.tablePort}/${DEV_ACCOUNT}`,
  ].join(';') + ';';
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startAzurite(opts: { location?: string; ports?: Partial<AzuriteEndpoints>; logFile?: string } = {}): Promise<RunningAzurite> {
  const blobPort = opts.ports?.blobPort ?? (await freePort());
  const queuePort = opts.ports?.queuePort ?? (await freePort());
  const tablePort = opts.ports?.tablePort ?? (await freePort());
  const bin = require.resolve('azurite/dist/src/azurite.js');
  const args = [
    bin, '--silent', '--disableTelemetry', '--skipApiVersionCheck', '--loose',
    '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
    '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
    '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
  ];
  if (opts.location) args.push('--location', path.resolve(opts.location));
  else args.push('--inMemoryPersistence');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: 'ignore', detached: false });
  if (!child.pid) throw new Error('azurite did not start');
  await Promise.all([waitForPort(blobPort), waitForPort(queuePort), waitForPort(tablePort)]);
  const pid = child.pid;
  return {
    pid, blobPort, queuePort, tablePort,
    connectionString: azuriteConnectionString({ blobPort, queuePort, tablePort }),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}
