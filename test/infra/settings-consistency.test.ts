/** Settings read in code = settings set in infra = settings documented in local.settings.sample.json; queues in code = queues in infra. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { APP_SETTING_NAMES, readAppSettings } from '../../functions/app-settings';
import { QUEUE_NAMES } from '../../functions/queue-names';
import { markedBlock, objectKeys, readText } from './bicep-text';

const repoRoot = path.resolve(__dirname, '../..');
const functionAppBicep = path.join(repoRoot, 'infra/app/function-app.bicep');
const serviceBusBicep = path.join(repoRoot, 'infra/core/service-bus.bicep');
const sampleSettings = path.join(repoRoot, 'local.settings.sample.json');

/**
 * Set by Azure or by infra for the Functions runtime itself, never read by the app's code: allowed in infra and in the
 * sample without a matching entry in APP_SETTING_NAMES. Anything starting with WEBSITE_ is platform too.
 */
const PLATFORM_SETTINGS: ReadonlySet<string> = new Set([
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'AzureWebJobsFeatureFlags',
  'AzureWebJobsSecretStorageType',
]);
const PLATFORM_PREFIXES: readonly string[] = ['WEBSITE_'];

/**
 * Read by the local host, the simulators and the sandbox launcher (docs/contracts.md, Sandbox control), never by the deployed app: the
 * sample may document them, infra must not set them.
 */
const LOCAL_RUNTIME_SETTINGS: ReadonlySet<string> = new Set([
  'M3SYNC_PORT',
  'SPAPI_SIM_PORT',
  'M3_SIM_PORT',
  'SANDBOX_SELLER_ID',
  'LOCAL_FUNCTION_KEY',
  'LOCAL_MASTER_KEY',
  'LOCAL_CLOCK',
  'APP_FILES',
]);

function isPlatform(name: string): boolean {
  return PLATFORM_SETTINGS.has(name) || PLATFORM_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Identity-based connections are written as `NAME__accountName`, `NAME__fullyQualifiedNamespace`, `NAME__credential`…
 * (https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections):
 * all of them configure the one connection NAME that code and triggers refer to.
 */
function connectionName(setting: string): string {
  const at = setting.indexOf('__');
  return at > 0 ? setting.slice(0, at) : setting;
}

function normalized(names: Iterable<string>): Set<string> {
  return new Set([...names].map(connectionName));
}

function missing(expected: Iterable<string>, actual: ReadonlySet<string>): string[] {
  return [...new Set(expected)].filter((name) => !actual.has(name)).sort();
}

function infraSettingNames(): string[] {
  return objectKeys(markedBlock(readText(functionAppBicep), 'app-settings'));
}

function sampleSettingNames(): string[] {
  if (!existsSync(sampleSettings)) throw new Error(`${path.relative(repoRoot, sampleSettings)} does not exist`);
  const parsed: unknown = JSON.parse(readFileSync(sampleSettings, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('Values' in parsed)) throw new Error('local.settings.sample.json has no "Values"');
  const values = parsed.Values;
  if (typeof values !== 'object' || values === null) throw new Error('local.settings.sample.json "Values" is not an object');
  return Object.keys(values);
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') && !/\.(test|spec)\.ts$/.test(entry) && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

interface EnvRead {
  name: string;
  where: string;
}

/** Literal environment reads: process.env.X, process.env['X'], { X } = process.env, and env.X / env['X'] on an injected env. */
export function environmentReads(text: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
    /\bprocess\.env\[\s*['"`]([^'"`\]]+)['"`]\s*\]/g,
    /\benv\.([A-Z][A-Za-z0-9_]*)/g,
    /\benv\[\s*['"`]([^'"`\]]+)['"`]\s*\]/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) names.add(m[1]);
  for (const m of text.matchAll(/\{([^}]*)\}\s*=\s*process\.env\b/g)) {
    for (const part of m[1].split(',')) {
      const name = part.split(':')[0].split('=')[0].trim();
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) names.add(name);
    }
  }
  return [...names];
}

function productionEnvReads(): EnvRead[] {
  return ['core', 'connectors', 'functions'].flatMap((dir) =>
    sourceFiles(path.join(repoRoot, dir)).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return environmentReads(text).map((name) => ({ name, where: path.relative(repoRoot, file) }));
    }),
  );
}

describe('app settings: code, infra and local.settings.sample.json agree', () => {
  const code = normalized(APP_SETTING_NAMES);

  it('declares at least the settings every deployment needs', () => {
    expect(APP_SETTING_NAMES.length).toBeGreaterThan(0);
    expect(code.has('AzureWebJobsStorage')).toBe(true);
  });

  it('sets in infra every setting the code reads', () => {
    const infra = normalized(infraSettingNames());
    expect(missing(code, infra)).toEqual([]);
  });

  it('sets in infra no setting the code does not read, apart from the listed platform settings', () => {
    const unknown = infraSettingNames().filter((name) => !isPlatform(name) && !code.has(connectionName(name)));
    expect(unknown.sort()).toEqual([]);
  });

  it('never sets a local-runtime setting in infra', () => {
    expect(infraSettingNames().filter((name) => LOCAL_RUNTIME_SETTINGS.has(name))).toEqual([]);
  });

  it('documents in local.settings.sample.json every setting the code reads', () => {
    const sample = normalized(sampleSettingNames());
    expect(missing(code, sample)).toEqual([]);
  });

  it('documents in local.settings.sample.json nothing the code, the platform or the local runtime does not read', () => {
    const unknown = sampleSettingNames().filter(
      (name) => !isPlatform(name) && !LOCAL_RUNTIME_SETTINGS.has(name) && !code.has(connectionName(name)),
    );
    expect(unknown.sort()).toEqual([]);
  });

  it('keeps the ignore lists apart from the settings the code reads', () => {
    const overlap = [...code].filter((name) => isPlatform(name) || LOCAL_RUNTIME_SETTINGS.has(name));
    expect(overlap).toEqual([]);
  });

  it('starts with the environment infra deploys: identity-based connections, no storage connection string', () => {
    // What the platform hands the app: literal values as written, Key Vault references and parameters resolved.
    const resolved: Record<string, string> = {
      BOD_MAX_BYTES: '10485760',
      NOTIFICATION_MAX_BYTES: '262144',
      HISTORY_RETENTION_DAYS: '30',
      SPAPI_SELLERS: '[]',
      PAUSED_FLOWS: '',
      DRY_RUN_FLOWS: '',
    };
    const block = markedBlock(readText(functionAppBicep), 'app-settings');
    const literals = new Map([...block.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*):\s*'([^'$]*)'\s*$/gm)].map((m) => [m[1], m[2]]));
    // As on an Azure instance, where settings the local defaults cover must be stated (MESSAGING_TRANSPORT).
    const env: Record<string, string> = { WEBSITE_INSTANCE_ID: 'instance-1' };
    for (const name of infraSettingNames()) {
      const value = literals.get(name) ?? resolved[name] ?? 'value-set-in-azure';
      if (literals.get(name) !== '') env[name] = value;
    }
    expect(() => readAppSettings(env)).not.toThrow();
  });

  it('reads no environment variable in core, connectors or functions that APP_SETTING_NAMES does not declare (apart from what the platform sets)', () => {
    const undeclared = productionEnvReads()
      .filter((read) => !code.has(connectionName(read.name)) && !isPlatform(read.name))
      .map((read) => `${read.where}: ${read.name}`);
    expect(undeclared).toEqual([]);
  });
});

describe('queues: code and infra agree', () => {
  const infraQueues = [...markedBlock(readText(serviceBusBicep), 'queues').matchAll(/\bname:\s*'([^']+)'/g)].map((m) => m[1]);

  it('defines in Service Bus exactly the queues the code names', () => {
    expect([...infraQueues].sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it('names each queue once', () => {
    expect(new Set(QUEUE_NAMES).size).toBe(QUEUE_NAMES.length);
    expect(new Set(infraQueues).size).toBe(infraQueues.length);
  });

  it('triggers functions only on queues the code declares', () => {
    const declared = new Set(QUEUE_NAMES);
    const literal = sourceFiles(path.join(repoRoot, 'functions')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bqueueName\s*:\s*['"`]([^'"`]+)['"`]/g)]
        .map((m) => m[1])
        .filter((name) => !declared.has(name))
        .map((name) => `${path.relative(repoRoot, file)}: ${name}`),
    );
    expect(literal).toEqual([]);
  });
});

describe('the environment-read scanner', () => {
  it('finds dotted, bracketed and destructured reads', () => {
    const text = "process.env.A_1; process.env['B']; const { C, D: d } = process.env; env.E_X; env[\"F\"]; env[name];";
    expect(environmentReads(text).sort()).toEqual(['A_1', 'B', 'C', 'D', 'E_X', 'F']);
  });
});
