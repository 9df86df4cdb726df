/**
 * In Azure the messaging transport must be stated: the local default (`storage`) would send work to Storage queues
 * that no trigger reads, so the app refuses to start, with a message that names the setting.
 */
import { readAppSettings, runsInAzure } from '../../functions/app-settings';

const AZURE = { WEBSITE_INSTANCE_ID: 'a1b2c3', WEBSITE_SITE_NAME: 'm3sync-prod', AzureWebJobsStorage__accountName: 'm3syncprod' };

function loadStartupCheck(env: NodeJS.ProcessEnv): void {
  const saved = process.env;
  process.env = env;
  try {
    jest.isolateModules(() => {
      require('../../functions/startup-check');
    });
  } finally {
    process.env = saved;
  }
}

describe('the messaging transport in Azure', () => {
  it('is recognised as Azure by the variables App Service sets on every instance', () => {
    expect(runsInAzure({ WEBSITE_INSTANCE_ID: 'a1b2c3' })).toBe(true);
    expect(runsInAzure({ WEBSITE_SITE_NAME: 'm3sync-prod' })).toBe(true);
    expect(runsInAzure({ FUNCTIONS_WORKER_RUNTIME: 'node', WEBSITE_HOSTNAME: '127.0.0.1:7071' })).toBe(false);
  });

  it('missing: the app refuses to start, naming the setting and the value it needs', () => {
    expect(() => loadStartupCheck({ ...AZURE })).toThrow(/app setting MESSAGING_TRANSPORT is required in Azure: set it to "servicebus"/);
    expect(() => readAppSettings({ ...AZURE })).toThrow(/MESSAGING_TRANSPORT is required in Azure/);
  });

  it('stated: the app starts', () => {
    expect(() => loadStartupCheck({ ...AZURE, MESSAGING_TRANSPORT: 'servicebus' })).not.toThrow();
    expect(readAppSettings({ ...AZURE, MESSAGING_TRANSPORT: 'servicebus' }).MESSAGING_TRANSPORT).toBe('servicebus');
  });

  it('locally the default (storage, on Azurite queues) still applies', () => {
    expect(() => loadStartupCheck({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).not.toThrow();
    expect(readAppSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).MESSAGING_TRANSPORT).toBe('storage');
  });
});
