// Log Analytics workspace and a workspace-based Application Insights component (local auth off: the app sends with its identity).
param location string
param tags object
param logAnalyticsName string
param appInsightsName string
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted only with Entra ID auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING + Monitoring Metrics Publisher).
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
// The connection string holds the instrumentation key, an identifier rather than a credential once local auth is off.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output workspaceId string = workspace.id
