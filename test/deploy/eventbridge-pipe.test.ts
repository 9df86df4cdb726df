/** The CloudFormation template that bridges Amazon's SQS notifications to POST /api/amazon/notifications. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const repoRoot = path.resolve(__dirname, '../..');
const template = parseYaml(readFileSync(path.join(repoRoot, 'infra/aws/eventbridge-pipe.yaml'), 'utf8')) as {
  Parameters: Record<string, { Type: string; Default?: unknown }>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, unknown>;
};

function resourcesOf(type: string): Array<{ name: string; properties: Record<string, unknown> }> {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([name, r]) => ({ name, properties: r.Properties }));
}
function only(type: string): Record<string, unknown> {
  const found = resourcesOf(type);
  expect(found).toHaveLength(1);
  return found[0].properties;
}
function refsAndGetAtts(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(refsAndGetAtts);
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === 'Ref' && typeof v === 'string') return [v];
    if (key === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string') return [v[0]];
    return refsAndGetAtts(v);
  });
}

describe('infra/aws/eventbridge-pipe.yaml', () => {
  it('is a CloudFormation template in long-form YAML', () => {
    expect(template).toMatchObject({ AWSTemplateFormatVersion: '2010-09-09' });
  });

  it('refers only to parameters and resources it declares', () => {
    const known = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources), 'AWS::Region', 'AWS::AccountId']);
    const unknown = refsAndGetAtts({ Resources: template.Resources, Outputs: template.Outputs, Conditions: template.Conditions }).filter((n) => !known.has(n));
    expect(unknown).toEqual([]);
  });

  it('posts to /api/amazon/notifications on the app with POST', () => {
    const destination = only('AWS::Events::ApiDestination');
    expect(destination.HttpMethod).toBe('POST');
    expect(destination.InvocationEndpoint).toEqual({ 'Fn::Sub': '${AppBaseUrl}/api/amazon/notifications' });
  });

  it('authenticates with an x-api-key header whose value is resolved from Secrets Manager, never written in the template', () => {
    const connection = only('AWS::Events::Connection');
    expect(connection.AuthorizationType).toBe('API_KEY');
    expect(connection.AuthParameters).toEqual({
      ApiKeyAuthParameters: {
        ApiKeyName: 'x-api-key',
        ApiKeyValue: { 'Fn::Sub': expect.stringMatching(/^\{\{resolve:secretsmanager:\$\{IntakeApiKeySecretId\}:SecretString\}\}$/) },
      },
    });
  });

  it('pipes the SQS queue to the API destination one message at a time, sending the notification body', () => {
    const pipe = only('AWS::Pipes::Pipe');
    expect(pipe.SourceParameters).toEqual({ SqsQueueParameters: { BatchSize: 1, MaximumBatchingWindowInSeconds: 0 } });
    expect(pipe.Target).toEqual({ 'Fn::GetAtt': ['AppNotificationsDestination', 'Arn'] });
    expect(pipe.TargetParameters).toMatchObject({ InputTemplate: '<$.body>' });
  });

  it('creates a standard queue Amazon may send to, with a dead-letter queue, unless one is given', () => {
    const queue = template.Resources.NotificationsQueue;
    expect(queue).toMatchObject({ Type: 'AWS::SQS::Queue', Condition: 'CreateQueue' });
    expect(queue.Properties.FifoQueue).toBeUndefined();
    expect(queue.Properties.RedrivePolicy).toMatchObject({ deadLetterTargetArn: { 'Fn::GetAtt': ['NotificationsDeadLetterQueue', 'Arn'] } });
    const policy = JSON.stringify(only('AWS::SQS::QueuePolicy'));
    expect(policy).toContain('arn:aws:iam::437568002678:root');
    expect(policy).toContain('sqs:SendMessage');
    expect(policy).toContain('sqs:GetQueueAttributes');
  });

  it('gives the pipe role only the queue reads and the API destination call it needs', () => {
    const role = JSON.stringify(only('AWS::IAM::Role'));
    const actions = [...role.matchAll(/"((?:sqs|events):[A-Za-z*]+)"/g)].map((m) => m[1]).sort();
    expect(actions).toEqual(['events:InvokeApiDestination', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']);
    expect(role).not.toContain('"*"');
  });
});
