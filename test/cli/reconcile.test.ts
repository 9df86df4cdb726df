import { main } from '../../cli/main';
import { freePort } from '../../local/azurite/azurite-process';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; });
  try {
    return { code: await main(args), stderr: err.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('m3sync reconcile inventory', () => {
  it('refuses an unknown output format with exit code 2 and one error line', async () => {
    const { code, stderr } = await run(['reconcile', 'inventory', '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: --format must be csv, json or table, not "xml"\n');
  });

  it('says which app it cannot reach instead of printing a stack trace', async () => {
    const port = await freePort();
    const { code, stderr } = await run(['reconcile', 'inventory', '--url', `http://127.0.0.1:${port}`, '--key', 'k']);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^error: cannot reach the app at http://127\\.0\\.0\\.1:${port}`));
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
