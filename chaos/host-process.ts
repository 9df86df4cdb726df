/** The function app on the local host as a real process (node dist/local/host/main.js), so the chaos suite can SIGKILL and restart it. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../local/sandbox/sandbox';

export const HOST_MAIN = path.join(REPO_ROOT, 'dist/local/host/main.js');

export interface HostProcess {
  child: ChildProcess;
  url: string;
  output: string[];
}

export function isHostBuilt(): boolean {
  return fs.existsSync(HOST_MAIN);
}

/** Spawns the host and resolves on its "ready" line; keeps the last lines of its output for failure reports. */
export function spawnHost(env: Record<string, string>): Promise<HostProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST_MAIN], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (line: string): void => {
      output.push(line);
      if (output.length > 5000) output.splice(0, output.length - 4000);
    };
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        keep(line);
        if (line.includes('"ready":true')) resolve({ child, url: (JSON.parse(line) as { url: string }).url, output });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => keep(chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before ready:\n${output.slice(-20).join('\n')}`)));
  });
}

export function killHost(host: HostProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { child } = host;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
