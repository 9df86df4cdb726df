/** Well-formedness of infra/ without a Bicep compiler: brackets, module paths and parameters, azd parameter file and azure.yaml. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { bicepFiles, bracketProblem, moduleCalls, params, readText } from './bicep-text';

const repoRoot = path.resolve(__dirname, '../..');
const infraDir = path.join(repoRoot, 'infra');
const mainBicep = path.join(infraDir, 'main.bicep');

describe('Bicep files', () => {
  const files = bicepFiles(infraDir);

  it('exist under infra/', () => {
    expect(files.map((f) => path.relative(infraDir, f)).sort()).toEqual(
      expect.arrayContaining(['main.bicep', 'app/function-app.bicep', 'core/service-bus.bicep', 'core/key-vault.bicep']),
    );
  });

  it.each(bicepFiles(infraDir).map((f) => [path.relative(repoRoot, f), f]))('%s closes every bracket in order', (_name, file) => {
    expect(bracketProblem(readText(file))).toBeUndefined();
  });

  it.each(bicepFiles(infraDir).map((f) => [path.relative(repoRoot, f), f]))('%s starts with a one-line header comment', (_name, file) => {
    expect(readText(file).split('\n')[0]).toMatch(/^\/\/ \S/);
  });

  const calls = files.flatMap((file) => moduleCalls(readText(file)).map((call) => ({ file, call })));

  it('calls modules that exist', () => {
    const absent = calls.filter(({ file, call }) => !existsSync(path.resolve(path.dirname(file), call.path)));
    expect(absent.map(({ call }) => call.path)).toEqual([]);
  });

  it.each(calls.map(({ file, call }) => [`${path.relative(repoRoot, file)} → ${call.symbol}`, file, call] as const))(
    '%s passes every required parameter and no unknown one',
    (_name, file, call) => {
      const declared = params(readText(path.resolve(path.dirname(file), call.path)));
      const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
      expect(required.filter((name) => !call.params.includes(name))).toEqual([]);
      expect(call.params.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    },
  );

  it('never puts an account key or SAS connection string into a setting', () => {
    for (const file of files) {
      const text = readText(file);
      expect({ file, keys: /listKeys\(|AccountKey=|SharedAccessKey=/.test(text) }).toEqual({ file, keys: false });
    }
  });

  it('marks every secret parameter @secure()', () => {
    for (const file of files) {
      const lines = readText(file).split('\n');
      lines.forEach((line, i) => {
        if (/^param\s+\w*(Secret|Password|Token|ApiKey|Ionapi|Sellers)\b/i.test(line)) {
          expect({ file, param: line, decorators: lines.slice(Math.max(0, i - 2), i).join(' ') }).toEqual(
            expect.objectContaining({ decorators: expect.stringContaining('@secure()') }),
          );
        }
      });
    }
  });
});

describe('azd wiring', () => {
  it('main.parameters.json names only parameters main.bicep declares and supplies every required one', () => {
    const parsed: { parameters: Record<string, unknown> } = JSON.parse(readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8'));
    const supplied = Object.keys(parsed.parameters);
    const declared = params(readText(mainBicep));
    expect(supplied.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    expect(declared.filter((p) => !p.hasDefault && !supplied.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('main.parameters.json passes only strings, so azd substitution never turns a number into text', () => {
    const parsed: { parameters: Record<string, { value: unknown }> } = JSON.parse(
      readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8'),
    );
    const declared = params(readText(mainBicep));
    const nonString = Object.keys(parsed.parameters).filter((name) => declared.find((p) => p.name === name)?.type !== 'string');
    expect(nonString).toEqual([]);
  });

  it('main.bicep outputs the Key Vault name that the intake key generator in main.parameters.json reads', () => {
    expect(readText(mainBicep)).toMatch(/^output AZURE_KEY_VAULT_NAME string/m);
    expect(readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8')).toContain('${AZURE_KEY_VAULT_NAME}');
  });

  it('azure.yaml deploys the repository root as a JavaScript function app from infra/', () => {
    const azure: unknown = parseYaml(readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8'));
    expect(azure).toMatchObject({
      name: expect.any(String),
      infra: { provider: 'bicep', path: 'infra' },
      services: { api: { project: '.', language: 'js', host: 'function' } },
    });
  });

  it('tags the site with the azd service name azure.yaml uses', () => {
    expect(readText(path.join(infraDir, 'app/function-app.bicep'))).toContain("'azd-service-name': 'api'");
  });
});
