/**
 * Deployment hardening: the Key Vault cannot be purged early, the site takes no basic-auth (user name + password)
 * publishing on SCM or FTP, and the deployment package leaves out the local host, simulators, tests, sandbox data and
 * local settings (`.funcignore`, read with gitignore semantics).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { stripStringsAndComments } from './bicep-text';

const repoRoot = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');

/** A small gitignore reader: enough for the patterns .funcignore uses (no negations). */
function ignoredBy(patterns: string[]): (file: string) => boolean {
  return (file) => patterns.some((raw) => {
    const anchored = raw.startsWith('/');
    const dirOnly = raw.endsWith('/');
    const pattern = raw.replace(/^\//, '').replace(/\/$/, '');
    const base = anchored || pattern.includes('/') ? pattern : `**/${pattern}`;
    return minimatch(file, base, { dot: true }) || minimatch(file, `${base}/**`, { dot: true }) || (!dirOnly && minimatch(path.basename(file), pattern, { dot: true }) && !anchored && !pattern.includes('/'));
  });
}

describe('deployment hardening', () => {
  it('turns Key Vault purge protection on, unconditionally', () => {
    const code = stripStringsAndComments(read('infra/core/key-vault.bicep'), true);
    expect(code).toMatch(/enablePurgeProtection:\s*true\b/);
    expect(code).toMatch(/enableSoftDelete:\s*true\b/);
    expect(read('infra/main.bicep')).not.toMatch(/enablePurgeProtection/);
  });

  it('turns basic-auth publishing off for both SCM and FTP', () => {
    const code = stripStringsAndComments(read('infra/app/function-app.bicep'), true);
    const policies = [...code.matchAll(/resource \w+ 'Microsoft\.Web\/sites\/basicPublishingCredentialsPolicies@[\d-]+' = \{([^}]*\{[^}]*\}[^}]*)\}/g)].map((m) => m[1]!);
    const byName = Object.fromEntries(policies.map((body) => [/name:\s*'(\w+)'/.exec(body)?.[1], body]));
    expect(Object.keys(byName).sort()).toEqual(['ftp', 'scm']);
    for (const body of Object.values(byName)) {
      expect(body).toMatch(/parent:\s*site\b/);
      expect(body).toMatch(/allow:\s*false\b/);
    }
  });

  it('keeps the intake and operations keys in Key Vault, each at least 32 characters', () => {
    const main = read('infra/main.bicep');
    for (const param of ['intakeApiKey', 'opsApiKey']) expect(main).toMatch(new RegExp(`@minLength\\(32\\)\\n@description\\([^\\n]*\\n@secure\\(\\)\\n\\s*param ${param} string`));
    const app = read('infra/app/function-app.bicep');
    expect(app).toContain("INTAKE_API_KEY: '${kvRef}intake-api-key)'");
    expect(app).toContain("OPS_API_KEY: '${kvRef}ops-api-key)'");
    expect(read('infra/core/key-vault.bicep')).toContain("{ name: 'ops-api-key', value: opsApiKey }");
  });

  describe('the deployment package (.funcignore)', () => {
    const patterns = read('.funcignore').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const ignored = ignoredBy(patterns);

    it.each([
      'local/host/main.ts', 'dist/local/host/main.js', 'dist/local/sim/m3/m3-simulator.js', 'test/e2e/sandbox-support.ts', 'dist/test/x.js',
      '.sandbox/azurite/__blobstorage__/x', 'local.settings.json', 'bench/run.ts', 'dist/bench/run.js', 'chaos/run.ts', 'dist/chaos/run.js',
      'functions/ingress/ion-bods.ts', 'core/bod/read-bod.ts',
    ])('leaves out %s', (file) => {
      expect(ignored(file)).toBe(true);
    });

    it.each([
      'dist/functions/ingress/ion-bods.js', 'dist/core/bod/read-bod.js', 'dist/connectors/m3/mi-client.js', 'host.json', 'package.json',
      'mappings/default.json', 'node_modules/durable-functions/package.json',
    ])('keeps %s', (file) => {
      expect(ignored(file)).toBe(false);
    });
  });
});
