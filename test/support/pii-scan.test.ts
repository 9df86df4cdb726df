/** The PII scan itself: it must find a buyer value however it was spelled, wherever the app could have kept it. */
import { ParkedStore, createTableAccess } from '../../connectors/storage';
import { scanStorageForPii } from './pii-scan';
import { azuriteConnectionString, uniqueName } from './storage';

describe('scanStorageForPii', () => {
  it('finds a buyer name in a parked item written in another case and spacing, and in a log line', async () => {
    const tableName = uniqueName('parked');
    const parked = new ParkedStore(createTableAccess(azuriteConnectionString()), tableName);
    await parked.park({ flow: 'order-to-cash', id: 'o1', reason: 'M3_BATCH_REJECTED', message: 'Address of JANE  DOE is incomplete', sourceRef: 'amazon-order:o1' });
    const findings = await scanStorageForPii(azuriteConnectionString(), ['Jane Doe'], ['{"event":"x","name":"jane doe"}']);
    expect(findings).toEqual(expect.arrayContaining([{ where: `table ${tableName}`, value: 'Jane Doe' }, { where: 'log line 0', value: 'Jane Doe' }]));
  });
});
