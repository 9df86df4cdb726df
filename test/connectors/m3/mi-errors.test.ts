import axios from 'axios';
import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import { M3Client, staticBearer } from '../../../connectors/m3';

/** A gateway that answers every call with one fixed status and MI v2 body (what a throttling gateway in front of M3 may send). */
function clientAnswering(status: number, body: unknown): M3Client {
  const http = axios.create({ adapter: async (config) => ({ status, statusText: '', headers: { 'content-type': 'application/json' }, config, data: JSON.stringify(body) }) });
  return new M3Client({ rootUrl: 'http://127.0.0.1:1/m3api-rest', auth: staticBearer('t'), http });
}

const miFailure = { results: [{ transaction: 'AddBatchHead', errorMessage: 'Too many requests, try again later', errorCode: 'XRT0001' }], nrOfFailedTransactions: 1 };

describe('classifying M3 answers', () => {
  it('treats a throttled request (429) as transient even when its body reads like an MI failure', async () => {
    await expect(clientAnswering(429, miFailure).execute('OIS100MI', 'AddBatchHead', { CUNO: 'C1' })).rejects.toBeInstanceOf(TransientError);
  });

  it('treats a request timeout (408) with an MI body as transient', async () => {
    await expect(clientAnswering(408, miFailure).execute('OIS100MI', 'AddBatchHead', { CUNO: 'C1' })).rejects.toBeInstanceOf(TransientError);
  });

  it('keeps a NOK on the data (HTTP 200 or 400) permanent', async () => {
    const nok = { results: [{ transaction: 'AddBatchHead', errorMessage: 'Customer C1 does not exist', errorField: 'CUNO', errorCode: 'WCU0203' }], nrOfFailedTransactions: 1 };
    await expect(clientAnswering(200, nok).execute('OIS100MI', 'AddBatchHead', { CUNO: 'C1' })).rejects.toBeInstanceOf(PermanentError);
    await expect(clientAnswering(400, nok).execute('OIS100MI', 'AddBatchHead', { CUNO: 'C1' })).rejects.toBeInstanceOf(PermanentError);
  });

  it('raises AuthError on 401 from a fixed credential', async () => {
    await expect(clientAnswering(401, {}).execute('OIS100MI', 'AddBatchHead', { CUNO: 'C1' })).rejects.toBeInstanceOf(AuthError);
  });
});
