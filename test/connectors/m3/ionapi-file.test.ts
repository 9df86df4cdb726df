import { PermanentError } from '../../../core/errors';
import { miRootUrl, parseIonApiFile, tokenUrl } from '../../../connectors/m3';

const sample = {
  ti: 'ACME_TST', cn: 'Amazon sync', dt: '12', ci: 'ACME_TST~abc', cs: 'secret',
  iu: 'https://mingle-ionapi.eu1.inforcloudsuite.com', pu: 'https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/',
  oa: 'authorization.oauth2', ot: 'token.oauth2', or: 'revoke_token.oauth2', ev: 'U1', v: '1.0',
  saak: 'ACME_TST#key', sask: 'secret-key',
};

describe('.ionapi file', () => {
  it('reads a downloaded .ionapi file and derives the token URL and the MI root', () => {
    const ion = parseIonApiFile(JSON.stringify(sample));
    expect(tokenUrl(ion)).toBe('https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/token.oauth2');
    expect(miRootUrl(ion)).toBe('https://mingle-ionapi.eu1.inforcloudsuite.com/ACME_TST/M3/m3api-rest');
  });

  it('names every missing key and never echoes a secret', () => {
    const { saak: _saak, cs: _cs, ...partial } = sample;
    let caught: unknown;
    try { parseIonApiFile(partial); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(PermanentError);
    const message = (caught as Error).message;
    expect(message).toMatch(/missing key "saak"/);
    expect(message).toMatch(/missing key "cs"/);
    expect(message).not.toContain('secret-key');
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseIonApiFile('{not json', 'creds.ionapi')).toThrow(/creds.ionapi is not valid JSON/);
  });
});
