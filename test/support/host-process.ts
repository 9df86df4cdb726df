/** The local host as a real process for SIGKILL specs: the chaos suite's process helpers, under the names the specs use. */
import type { ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../local/sandbox/sandbox';
import { HOST_MAIN, isHostBuilt, killHost, pause, spawnHost, type HostProcess } from '../../chaos/host-process';

export { HOST_MAIN, isHostBuilt, spawnHost };
export type RunningHost = HostProcess;
export const REPO = REPO_ROOT;

export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return killHost({ child, url: '', output: [] }, signal);
}

/** A gap between status polls, so polling does not starve the host of the machine's two cores. */
export function pollPause(ms = 100): Promise<void> {
  return pause(ms);
}
