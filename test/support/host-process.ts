/** Runs the local host as a real process (node dist/local/host/main.js), so tests can kill it with SIGKILL and restart it. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export const REPO = path.resolve(__dirname, '../..');
export const HOST_MAIN = path.join(REPO, 'dist/local/host/main.js');
export const isHostBuilt = (): boolean => fs.existsSync(HOST_MAIN);

export interface RunningHost {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** Spawns the host process and resolves on its "ready" line. */
export function spawnHost(env: Record<string, string>): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST_MAIN], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (line.includes('"ready":true')) resolve({ child, url: (JSON.parse(line) as { url: string }).url, output });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before ready:\n${output.join('\n')}`)));
  });
}

export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A gap between status polls, so polling does not starve the host of the machine's two cores. */
export function pollPause(ms = 100): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
