// Key Vault (RBAC) holding the SP-API and M3 secrets the app settings reference; a secret is written only when its value is given.
param location string
param tags object
param name string

@secure()
param intakeApiKey string
@secure()
param opsApiKey string
@secure()
param spApiLwaClientSecret string = ''
@secure()
param spApiSellers string = ''
@secure()
param m3Ionapi string = ''
@secure()
param m3Password string = ''
@secure()
param m3BearerToken string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Always on: a deleted vault (and the keys and refresh tokens in it) stays recoverable for the retention period and
    // cannot be purged early, not even by someone holding the deployment's rights. It cannot be turned off again.
    enablePurgeProtection: true
  }
}

// Secret names are referenced by app/function-app.bicep; an empty value leaves the secret to be set out of band
// (`az keyvault secret set`), which keeps it out of azd's environment file.
var secrets = [
  { name: 'intake-api-key', value: intakeApiKey }
  { name: 'ops-api-key', value: opsApiKey }
  { name: 'spapi-lwa-client-secret', value: spApiLwaClientSecret }
  { name: 'spapi-sellers', value: spApiSellers }
  { name: 'm3-ionapi', value: m3Ionapi }
  { name: 'm3-password', value: m3Password }
  { name: 'm3-bearer-token', value: m3BearerToken }
]

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in secrets: if (!empty(s.value)) {
  parent: vault
  name: s.name
  properties: { value: s.value }
}]

output name string = vault.name
output uri string = vault.properties.vaultUri
