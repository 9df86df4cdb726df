/** Buyer data never travels in a URL (gateways log query strings), and M3 texts lose every buyer value whatever its case or spacing. */
import axios, { type AxiosInstance } from 'axios';
import { createDirectM3Client } from '../../../connectors/m3/m3-client';
import { redactPersonalData } from '../../../connectors/m3/mi-errors';

/** An HTTP client that records each request (URL, method, body) and answers every one with `answer`. */
function recordingHttp(answer: unknown): { http: AxiosInstance; requests: Array<{ url: string; method: string; body: string }> } {
  const requests: Array<{ url: string; method: string; body: string }> = [];
  const http = axios.create({
    adapter: async (config) => {
      requests.push({ url: axios.getUri(config), method: (config.method ?? 'get').toUpperCase(), body: typeof config.data === 'string' ? config.data : '' });
      return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, config, data: JSON.stringify(answer) };
    },
  });
  return { http, requests };
}

const OK = { results: [{ transaction: 'Add', records: [{ CUNO: 'AZ00000001', ERRM: '' }] }], nrOfSuccessfullTransactions: 1, nrOfFailedTransactions: 0 };

describe('personal data and the M3 client', () => {
  it('sends CRS610MI.Add with the buyer name, address, e-mail and phone in the POST body, not in the URL', async () => {
    const { http, requests } = recordingHttp(OK);
    const m3 = createDirectM3Client({ rootUrl: 'http://m3.invalid/m3api-rest', bearerToken: 't', http });
    const buyer = { CUTM: 'AMZUS', CUNM: 'Jane Doe', CUA1: '1 Main Street', MAIL: 'jane@example.com', PHNO: '+1 555 0100' };
    const [record] = await m3.execute('CRS610MI', 'Add', buyer);
    expect(record?.CUNO).toBe('AZ00000001');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    for (const value of Object.values(buyer).filter((v) => v !== 'AMZUS')) {
      expect(decodeURIComponent(requests[0]!.url)).not.toContain(value);
      expect(requests[0]!.body).toContain(value);
    }
  });

  it('keeps calls without buyer data on a plain GET', async () => {
    const { http, requests } = recordingHttp({ results: [{ transaction: 'GetHead', records: [{ ORNO: '1' }] }] });
    const m3 = createDirectM3Client({ rootUrl: 'http://m3.invalid/m3api-rest', bearerToken: 't', http });
    await m3.execute('OIS100MI', 'GetHead', { ORNO: '1' });
    expect(requests[0]).toMatchObject({ method: 'GET' });
  });

  it('redacts a buyer value in any case and spacing, and leaves other words alone', () => {
    const sent = { CUNM: 'Jane Doe', ECAR: 'CA', MAIL: 'Jane@Example.com' };
    const text = redactPersonalData('Customer JANE  DOE (jane@example.com) cannot be created in CA; janedoe exists', sent);
    expect(text).toBe('Customer [redacted] ([redacted]) cannot be created in [redacted]; [redacted] exists');
  });
});
