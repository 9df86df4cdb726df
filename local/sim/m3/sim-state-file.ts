/** Keeps the simulator's data on disk (write to a temp file, then rename) so a restarted sandbox, even after SIGKILL, still knows its orders. */
import { promises as fs, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { SimData } from './m3-sim-state';

export class SimStateFile {
  private writing: Promise<void> | undefined;
  private pending: SimData | undefined;

  constructor(private readonly file: string) {}

  load(): SimData | undefined {
    if (!existsSync(this.file)) return undefined;
    // The file is our own output; a half-written one cannot exist thanks to rename, so a parse error is a real fault.
    return JSON.parse(readFileSync(this.file, 'utf8')) as SimData;
  }

  /** Resolves once a snapshot at least as new as `data` is on disk; concurrent saves share one write. */
  async save(data: SimData): Promise<void> {
    this.pending = data;
    while (this.writing) await this.writing;
    if (!this.pending) return;
    const snapshot = JSON.stringify(this.pending);
    this.pending = undefined;
    this.writing = this.write(snapshot).finally(() => { this.writing = undefined; });
    await this.writing;
  }

  private async write(snapshot: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, snapshot, 'utf8');
    await fs.rename(temp, this.file);
  }
}
