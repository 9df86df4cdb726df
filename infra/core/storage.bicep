// The app's storage account: Functions host + Durable task hub (blobs, queues, tables), claim-check blobs, the Flex deployment package.
param location string
param tags object
param name string
@description('Days before claim-check blobs are deleted by the lifecycle policy.')
param claimCheckRetentionDays int = 30

var deploymentContainerName = 'app-package'
// Large BODs are stored here and referenced from the queue message (ARCHITECTURE §3.2 claim check).
var claimCheckContainerName = 'claim-checks'

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
      ]
    }
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainerName
output claimCheckContainerName string = claimCheckContainerName
