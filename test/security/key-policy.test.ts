/**
 * Keys by role, at start: the app refuses to start when a role has no key, a key is shorter than 32 characters or one
 * key opens both roles — with a message that names the setting and never the key. And per request: the operations
 * key only in the x-api-key header, the intake key on an operations route a 403.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { HttpRequest } from '@azure/functions';
import { intakeAccess, keySettingsProblem, opsAccess, MIN_KEY_LENGTH } from '../../functions/runtime/api-key';

const INTAKE = 'i'.repeat(MIN_KEY_LENGTH);
const OPS = 'o'.repeat(MIN_KEY_LENGTH + 11);
const KEYS = { INTAKE_API_KEY: [INTAKE], OPS_API_KEY: [OPS] };

const request = (headers: Record<string, string> = {}, query = ''): HttpRequest =>
  new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/ops/flows${query}`, headers });

describe('key settings at start', () => {
  it('accepts one or several long keys per role, none shared', () => {
    expect(keySettingsProblem({ INTAKE_API_KEY: INTAKE, OPS_API_KEY: `${OPS}, ${'p'.repeat(40)}` })).toBeUndefined();
  });

  it.each([
    ['no intake key', { OPS_API_KEY: OPS }, /INTAKE_API_KEY is not set/],
    ['no operations key', { INTAKE_API_KEY: INTAKE }, /OPS_API_KEY is not set/],
    ['a 31-character intake key', { INTAKE_API_KEY: 'k'.repeat(31), OPS_API_KEY: OPS }, /INTAKE_API_KEY: key 1 of 1 is shorter than 32 characters/],
    ['a short second operations key', { INTAKE_API_KEY: INTAKE, OPS_API_KEY: `${OPS},short-one` }, /OPS_API_KEY: key 2 of 2 is shorter than 32 characters/],
    ['one key for both roles', { INTAKE_API_KEY: INTAKE, OPS_API_KEY: `${OPS},${INTAKE}` }, /share a key/],
  ])('refuses %s, naming the setting and never the key', (_label, env, message) => {
    const problem = keySettingsProblem(env);
    expect(problem).toMatch(message);
    for (const value of Object.values(env)) for (const key of value.split(',')) expect(problem).not.toContain(key.trim());
  });

  it('stops the local host before it serves anything when a key is too short (exit 1, one clear line)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.resolve(__dirname, '../../dist/local/host/main.js')], {
        env: { ...process.env, AzureWebJobsStorage: 'UseDevelopmentStorage=true', M3SYNC_PORT: '0', INTAKE_API_KEY: 'too-short-key', OPS_API_KEY: OPS },
        timeout: 30_000,
      }, (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refuses to start: app setting INTAKE_API_KEY: key 1 of 1 is shorter than 32 characters/);
    expect(result.stderr).not.toContain('too-short-key');
  }, 40_000);
});

describe('keys per request', () => {
  it('opens an operations route with the operations key in x-api-key', () => {
    expect(opsAccess(request({ 'x-api-key': OPS }), KEYS)).toBeUndefined();
  });

  it('answers 403 to the intake key on an operations route, wherever it is presented', () => {
    for (const [headers, query] of [[{ 'x-api-key': INTAKE }, ''], [{ 'x-functions-key': INTAKE }, ''], [{}, `?code=${INTAKE}`]] as const) {
      expect(opsAccess(request(headers, query), KEYS)).toMatchObject({ status: 403, jsonBody: { error: 'FORBIDDEN' } });
    }
  });

  it('answers 401 to the operations key anywhere but the x-api-key header', () => {
    expect(opsAccess(request({}, `?code=${OPS}`), KEYS)).toMatchObject({ status: 401, jsonBody: { message: expect.stringMatching(/only in the x-api-key header/) } });
    expect(opsAccess(request({ 'x-functions-key': OPS }), KEYS)).toMatchObject({ status: 401 });
  });

  it('opens intake routes with the intake key only: the operations key is a 401 there', () => {
    expect(intakeAccess(request({ 'x-api-key': INTAKE }), KEYS)).toBeUndefined();
    expect(intakeAccess(request({ 'x-api-key': OPS }), KEYS)).toMatchObject({ status: 401 });
    expect(intakeAccess(request({}), KEYS)).toMatchObject({ status: 401 });
  });
});
