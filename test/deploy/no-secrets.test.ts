/** No deployment artifact (ION Desk files, OpenAPI, infra, docs) carries anything that looks like a key, token or password. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const SCANNED = ['bod-templates/ion-desk', 'bod-templates/openapi.yaml', 'infra', 'azure.yaml', 'docs'];

function filesUnder(relative: string): string[] {
  const full = path.join(repoRoot, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full).flatMap((entry) => filesUnder(path.join(relative, entry)));
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** Extra test on the match, to keep ordinary words and paths from looking like secrets. */
  accept?: (match: string) => boolean;
}

const RULES: Rule[] = [
  { name: 'storage account key', pattern: /AccountKey=/gi },
  { name: 'SAS / Service Bus key', pattern: /SharedAccessKey=|[?&]sig=[A-Za-z0-9%]{10,}/gi },
  { name: 'PEM private key or certificate', pattern: /-----BEGIN [A-Z ]+-----/g },
  { name: 'LWA refresh token', pattern: /Atzr\|[A-Za-z0-9_-]{10,}/g },
  { name: 'LWA client secret', pattern: /amzn1\.oa2-cs\.v1\.[0-9a-f]{10,}/g },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: '.ionapi secret', pattern: /"(?:cs|sask|saak)"\s*:\s*"(?![$<])[^"]+"/g },
  {
    name: 'secret-named field with a literal value',
    pattern: /(?:client_secret|password|passwd|secret|token|api[_-]?key)["']?\s*[:=]\s*["']?(?![$<{[])[A-Za-z0-9+/_.~-]{8,}/gi,
    // A quoted literal or a bare value; names of settings, parameters or Key Vault secrets are not values.
    accept: (match) => !/[:=]\s*["']?(?:[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[a-z0-9]+(?:-[a-z0-9]+)+|[A-Z0-9_]+)$/.test(match),
  },
  {
    name: 'long base64 string',
    pattern: /[A-Za-z0-9+/]{40,}={0,2}/g,
    accept: (match) => /[0-9]/.test(match) && /[A-Z]/.test(match) && /[a-z]/.test(match),
  },
  { name: 'long hex string', pattern: /\b[0-9a-fA-F]{32,}\b/g },
];

export function secretFindings(text: string): string[] {
  return RULES.flatMap((rule) =>
    [...text.matchAll(rule.pattern)].filter((m) => rule.accept?.(m[0]) ?? true).map((m) => `${rule.name}: ${m[0].slice(0, 24)}…`),
  );
}

describe('deployment artifacts hold no secrets', () => {
  const files = SCANNED.flatMap(filesUnder);

  it('finds the artifacts to scan', () => {
    expect(files).toEqual(expect.arrayContaining(['bod-templates/openapi.yaml', 'azure.yaml', 'infra/main.bicep']));
    expect(files.some((f) => f.startsWith('bod-templates/ion-desk/'))).toBe(true);
  });

  it.each(SCANNED.flatMap(filesUnder))('%s contains nothing that looks like a secret', (file) => {
    expect(secretFindings(readFileSync(path.join(repoRoot, file), 'utf8'))).toEqual([]);
  });
});

describe('the secret scanner', () => {
  // Built at run time so this file itself never holds a realistic-looking secret.
  const fakeBase64 = 'Ab1' + 'Cd2Ef3Gh4'.repeat(5);
  const fakeHex = 'a1b2c3d4'.repeat(5);

  it.each([
    ['an account key', `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${fakeBase64}`],
    ['a Service Bus key', `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${fakeBase64}`],
    ['a private key', ['-----BEGIN', 'PRIVATE KEY-----'].join(' ')],
    ['a refresh token', 'Atzr' + '|IwEBIA1234567890abcdef'],
    ['an .ionapi secret', '{"cs": "' + fakeBase64.slice(0, 20) + '"}'],
    ['a client_secret with a value', 'client_secret=' + 'kq93jf83hf'],
    ['a password with a value', 'password: "' + 'S3cr3tV4lue' + '"'],
    ['a long hex string', fakeHex],
    ['a long base64 string', fakeBase64],
  ])('flags %s', (_what, sample) => {
    expect(secretFindings(sample)).not.toEqual([]);
  });

  it.each([
    ['a placeholder', 'x-api-key: ${INTAKE_API_KEY_REF}'],
    ['a Key Vault reference', "INTAKE_API_KEY: '@Microsoft.KeyVault(VaultName=kv;SecretName=intake-api-key)'"],
    ['a setting name', 'M3_PASSWORD: M3_PASSWORD_SETTING'],
    ['a parameter name', 'apiKey: intakeApiKey'],
    ['a role definition id', "'4633458b-17de-408a-b874-0445c86b69e6'"],
    ['an .ionapi key list', '"cs": "<client secret>"'],
  ])('ignores %s', (_what, sample) => {
    expect(secretFindings(sample)).toEqual([]);
  });
});
