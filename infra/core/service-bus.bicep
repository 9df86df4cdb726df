// Service Bus namespace with the app's queues between intake and processing (names = functions/queue-names.ts).
param location string
param tags object
param name string
@description('Deliveries before a message moves to the queue\'s dead-letter sub-queue.')
param maxDeliveryCount int = 10

// queues:begin — one entry per queue the app sends to or triggers on; test/infra/settings-consistency.test.ts compares
// these names with QUEUE_NAMES. Lock durations cover one handler run; host.json renews locks for longer ones.
var queues = [
  { name: 'amazon-events', lockDuration: 'PT1M' }
  { name: 'order-sweep', lockDuration: 'PT1M' }
  { name: 'ion-bods', lockDuration: 'PT2M' }
]
// queues:end

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  // Standard: duplicate detection and dead-lettering are not offered on Basic.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    minimumTlsVersion: '1.2'
    // Identity only (Azure Service Bus Data Sender/Receiver roles): no SAS keys.
    disableLocalAuth: true
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for q in queues: {
  parent: namespace
  name: q.name
  properties: {
    lockDuration: q.lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    // Intake sets messageId = notification id / BOD id + variation, so a retried send within the window is dropped here.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
