// M3 ⇄ Amazon Sync on Azure: resource group, storage, Service Bus, Key Vault, monitoring and the function app (azd entry point).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (Flex Consumption is not offered in every region).')
param location string

@description('Object id of the person or pipeline running azd; gets Key Vault Secrets Officer so secrets can be set after deploy. Empty: no assignment.')
param principalId string = ''

@allowed(['FlexConsumption', 'Premium'])
@description('Hosting plan: Flex Consumption (FC1, scale to zero) or Elastic Premium (EP1, always warm, VNet-ready).')
param planKind string = 'FlexConsumption'

@description('Flex Consumption: most instances the app scales out to. Premium: most elastic workers.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
@description('Flex Consumption instance memory in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(100)
@description('Service Bus deliveries before a message is dead-lettered (docs/design.md, Error policy: poison messages → DLQ, re-drivable).')
param serviceBusMaxDeliveryCount int = 10

@description('Durable Functions task hub name (host.json reads %TASKHUB_NAME%).')
param taskHubName string = 'm3sync'

@minLength(32)
@description('The x-api-key the intake endpoints accept (ION API connection point, EventBridge connection), at least 32 characters; it opens nothing else. Kept in Key Vault.')
@secure()
param intakeApiKey string

@minLength(32)
@description('The x-api-key of the operations API, the ops page, reconcile and settlement operations, at least 32 characters and different from the intake key. Kept in Key Vault.')
@secure()
param opsApiKey string

@description('Login with Amazon client id of the SP-API application (not a secret).')
param spApiLwaClientId string = ''

@secure()
@description('Login with Amazon client secret. Empty: set Key Vault secret spapi-lwa-client-secret yourself.')
param spApiLwaClientSecret string = ''

@secure()
@description('JSON array of sellers [{sellerId, region, marketplaceIds, refreshToken}]. Empty: set Key Vault secret spapi-sellers yourself.')
param spApiSellers string = ''

@description('SP-API endpoint override (testing only). Empty: the regional endpoint per seller.')
param spApiEndpoint string = ''

@description('SQS queue URL Amazon delivers notifications to, polled by the amazon-sqs-poller timer. Empty: poller off (use the EventBridge pipe in infra/aws instead).')
param amazonSqsQueueUrl string = ''

@description('AWS region of that queue. Empty: read from the queue URL.')
param awsRegion string = ''

@description('AWS access key id for the poller; its secret goes into the Key Vault secret aws-secret-access-key. Empty: the AWS SDK default credential chain.')
param awsAccessKeyId string = ''

@allowed(['ionapi', 'basic', 'bearer'])
@description('How the app reaches M3: ionapi = CloudSuite via ION API Gateway (.ionapi file); basic/bearer = on-premises MI REST at m3BaseUrl.')
param m3Connection string = 'ionapi'

@secure()
@description('Content of the .ionapi file (Backend Service authorized app). Empty: set Key Vault secret m3-ionapi yourself.')
param m3Ionapi string = ''

@description('On-premises M3 only: MI REST base URL.')
param m3BaseUrl string = ''

@description('On-premises M3 only (basic): user name.')
param m3User string = ''

@secure()
@description('On-premises M3 only (basic): password, stored as Key Vault secret m3-password.')
param m3Password string = ''

@secure()
@description('On-premises M3 only (bearer): token, stored as Key Vault secret m3-bearer-token.')
param m3BearerToken string = ''

@description('M3 company (CONO) the app works in.')
param m3Company string = '100'

@description('M3 division (DIVI); empty = the user default.')
param m3Division string = ''

@description('Flows paused at start (kill switch), comma-separated, e.g. "order-to-cash,inventory-sync".')
param pausedFlows string = ''

@description('Flows in dry run (plans recorded, nothing written), comma-separated.')
param dryRunFlows string = ''

@description('Largest BOD the intake accepts, in bytes (413 above).')
param bodMaxBytes int = 10485760

@description('Largest notification body the intake accepts, in bytes.')
param notificationMaxBytes int = 262144

@description('Days finished orchestration history (and claim-check blobs) is kept before the history-purge timer deletes it.')
param historyRetentionDays int = 30

@description('Days a claim-check blob (large BOD) is kept before lifecycle deletion.')
param claimCheckRetentionDays int = 30

@description('Log Analytics retention in days.')
param logRetentionDays int = 30

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.logAnalytics}${resourceToken}'
    appInsightsName: '${abbrs.appInsights}${resourceToken}'
    retentionInDays: logRetentionDays
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageAccount}${resourceToken}'
    claimCheckRetentionDays: claimCheckRetentionDays
  }
}

module serviceBus 'core/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.serviceBusNamespace}${resourceToken}'
    maxDeliveryCount: serviceBusMaxDeliveryCount
  }
}

module keyVault 'core/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.keyVault}${resourceToken}'
    intakeApiKey: intakeApiKey
    opsApiKey: opsApiKey
    spApiLwaClientSecret: spApiLwaClientSecret
    spApiSellers: spApiSellers
    m3Ionapi: m3Ionapi
    m3Password: m3Password
    m3BearerToken: m3BearerToken
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.functionApp}${resourceToken}'
    planName: '${abbrs.plan}${resourceToken}'
    planKind: planKind
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    taskHubName: taskHubName
    spApiLwaClientId: spApiLwaClientId
    spApiEndpoint: spApiEndpoint
    amazonSqsQueueUrl: amazonSqsQueueUrl
    awsRegion: awsRegion
    awsAccessKeyId: awsAccessKeyId
    m3Connection: m3Connection
    m3BaseUrl: m3BaseUrl
    m3User: m3User
    m3Company: m3Company
    m3Division: m3Division
    pausedFlows: pausedFlows
    dryRunFlows: dryRunFlows
    bodMaxBytes: bodMaxBytes
    notificationMaxBytes: notificationMaxBytes
    historyRetentionDays: historyRetentionDays
  }
}

module roles 'app/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    appPrincipalId: functionApp.outputs.principalId
    deployerPrincipalId: principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output APP_BASE_URL string = functionApp.outputs.baseUrl
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
