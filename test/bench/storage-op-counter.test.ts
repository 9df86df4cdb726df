/** Storage operations are counted by the storage endpoints' ports in the connection string. */
import { storagePortsOf } from '../../bench/storage-op-counter';

describe('storagePortsOf', () => {
  it('reads the table, queue and blob ports of an Azurite connection string', () => {
    const cs = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=x;BlobEndpoint=http://127.0.0.1:41001/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41002/devstoreaccount1;TableEndpoint=http://127.0.0.1:41003/devstoreaccount1;';
    expect([...storagePortsOf(cs)].sort()).toEqual(['41001', '41002', '41003']);
  });
});
