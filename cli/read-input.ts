/** Reads a command's input file, or standard input for `-`, as bytes (BODs may be UTF-16). */
import { readFile } from 'node:fs/promises';
import { InputError } from './input-error';

export async function readInput(file: string): Promise<{ name: string; bytes: Buffer }> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return { name: '<stdin>', bytes: Buffer.concat(chunks) };
  }
  try {
    return { name: file, bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read file (${code ?? 'unknown error'})`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
