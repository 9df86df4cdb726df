// The function app: plan (Flex Consumption FC1 or Elastic Premium EP1), site with a system-assigned identity, and its app settings.
param location string
param tags object
param name string
param planName string
@allowed(['FlexConsumption', 'Premium'])
param planKind string = 'FlexConsumption'
param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048
param storageAccountName string
param deploymentContainerName string
param serviceBusNamespaceName string
param keyVaultName string
param appInsightsConnectionString string
param taskHubName string = 'm3sync'
param spApiLwaClientId string = ''
param spApiEndpoint string = ''
@allowed(['ionapi', 'basic', 'bearer'])
param m3Connection string = 'ionapi'
param m3BaseUrl string = ''
param m3User string = ''
param m3Company string = '100'
param m3Division string = ''
param pausedFlows string = ''
param dryRunFlows string = ''
param bodMaxBytes int = 10485760
param notificationMaxBytes int = 262144
@description('Days finished orchestration history and claim-check blobs are kept before the history-purge timer deletes them.')
param historyRetentionDays int = 30
@description('SQS queue URL for the amazon-sqs-poller timer; empty = poller disabled (EventBridge pipe instead).')
param amazonSqsQueueUrl string = ''
param awsRegion string = ''
@description('AWS access key id for the poller; its secret is the Key Vault secret aws-secret-access-key.')
param awsAccessKeyId string = ''

var isFlex = planKind == 'FlexConsumption'
var kvRef = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true // Linux (Flex Consumption is Linux-only)
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the `api` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    reserved: true
    siteConfig: isFlex
      ? { minTlsVersion: '1.2', ftpsState: 'Disabled' }
      : { linuxFxVersion: 'Node|20', minTlsVersion: '1.2', ftpsState: 'Disabled' }
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
              authentication: { type: 'SystemAssignedIdentity' }
            }
          }
          scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
          runtime: { name: 'node', version: '20' }
        }
      : null
  }
}

// No basic-auth publishing: with these off, neither the SCM (Kudu/zip deploy) site nor FTP accepts a user name and
// password, so only Microsoft Entra identities with rights on the site can deploy code (azd deploys that way).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

// app-settings:begin — every setting the code reads (functions/app-settings.ts) appears here by name;
// test/infra/settings-consistency.test.ts checks code = infra = local.settings.sample.json. `NAME__x` entries are
// identity-based connections and stand for the connection NAME the code reads.
var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  ServiceBusConnection__fullyQualifiedNamespace: '${serviceBusNamespaceName}.servicebus.windows.net'
  MESSAGING_TRANSPORT: 'servicebus'
  TASKHUB_NAME: taskHubName
  INTAKE_API_KEY: '${kvRef}intake-api-key)'
  OPS_API_KEY: '${kvRef}ops-api-key)'
  BOD_MAX_ELEMENTS: '200000'
  BOD_MAX_DEPTH: '100'
  BOD_MAX_DOCUMENTS: '500'
  SPAPI_LWA_CLIENT_ID: spApiLwaClientId
  SPAPI_LWA_CLIENT_SECRET: '${kvRef}spapi-lwa-client-secret)'
  SPAPI_LWA_TOKEN_URL: 'https://api.amazon.com/auth/o2/token'
  SPAPI_SELLERS: '${kvRef}spapi-sellers)'
  M3_CONO: m3Company
  M3_DIVI: m3Division
  MAPPINGS_PATH: 'mappings'
  BOD_MAX_BYTES: string(bodMaxBytes)
  NOTIFICATION_MAX_BYTES: string(notificationMaxBytes)
  SHIPMENT_BULK_THRESHOLD: '50'
  OUTAGE_RETRY_ROUNDS: '10'
  HISTORY_RETENTION_DAYS: string(historyRetentionDays)
  PAUSED_FLOWS: pausedFlows
  DRY_RUN_FLOWS: dryRunFlows
  M3SYNC_SANDBOX: 'false'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
}
// Set only when non-empty, so the code's own default (or "not configured") applies otherwise. The M3 connection
// mode decides which of them exist; M3_IONAPI_PATH is a developer-machine file path and never set in Azure.
var optionalAppSettings = {
  SPAPI_ENDPOINT: spApiEndpoint
  SPAPI_RATE_TIME_SCALE: '1'
  M3_IONAPI: m3Connection == 'ionapi' ? '${kvRef}m3-ionapi)' : ''
  M3_IONAPI_PATH: ''
  M3_BASE_URL: m3Connection == 'ionapi' ? '' : m3BaseUrl
  M3_USER: m3Connection == 'basic' ? m3User : ''
  M3_PASSWORD: m3Connection == 'basic' ? '${kvRef}m3-password)' : ''
  M3_BEARER_TOKEN: m3Connection == 'bearer' ? '${kvRef}m3-bearer-token)' : ''
  AMAZON_SQS_QUEUE_URL: amazonSqsQueueUrl
  AWS_REGION: awsRegion
  AWS_ACCESS_KEY_ID: empty(amazonSqsQueueUrl) ? '' : awsAccessKeyId
  AWS_SECRET_ACCESS_KEY: empty(amazonSqsQueueUrl) || empty(awsAccessKeyId) ? '' : '${kvRef}aws-secret-access-key)'
}
// Platform settings the code never reads. Flex Consumption rejects the runtime ones (they live in functionAppConfig).
var platformSettings = union(
  { APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' },
  isFlex ? {} : { FUNCTIONS_EXTENSION_VERSION: '~4', FUNCTIONS_WORKER_RUNTIME: 'node', WEBSITE_RUN_FROM_PACKAGE: '1' }
)
// app-settings:end

var setOptionalAppSettings = toObject(filter(items(optionalAppSettings), s => !empty(s.value)), s => s.key, s => s.value)

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, setOptionalAppSettings, platformSettings)
}

output name string = site.name
output principalId string = site.identity.principalId
output baseUrl string = 'https://${site.properties.defaultHostName}'
