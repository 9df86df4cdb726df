import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString, uniqueName } from './storage';

describe('the test Azurite', () => {
  it('accepts table writes from every test worker', async () => {
    const table = TableClient.fromConnectionString(azuriteConnectionString(), uniqueName('probe'), { allowInsecureConnection: true });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    const entity = await table.getEntity<{ value: number }>('p', 'r');
    expect(entity.value).toBe(1);
  });
});
