// The app's storage account: Functions host + Durable task hub (blobs, queues, tables), claim-check blobs, the Flex deployment package.
param location string
param tags object
param name string
@description('Days before claim-check blobs are deleted by the lifecycle policy.')
param claimCheckRetentionDays int = 30

var deploymentContainerName = 'app-package'
// Large BODs are stored here and referenced from the queue message (docs/contracts.md, HTTP endpoints claim check).
var claimCheckContainerName = 'claim-checks'
// Orders handed over from searchOrders pages (personal data): the activity deletes each after use, the app's
// o2c-fetch-planner timer deletes leftovers after an hour, and this policy after a day if both failed.
var orderClaimCheckContainerName = 'order-claim-checks'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Every client (host, Durable task hub, app code) uses the managed identity; no account keys in settings.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

resource claimCheckContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: claimCheckContainerName
}

resource orderClaimCheckContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: orderClaimCheckContainerName
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-claim-checks'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${claimCheckContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: claimCheckRetentionDays } } }
          }
        }
        {
          name: 'expire-order-claim-checks'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${orderClaimCheckContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 1 } } }
          }
        }
      ]
    }
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainerName
output claimCheckContainerName string = claimCheckContainerName
