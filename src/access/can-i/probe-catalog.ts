/**
 * The only calls `can-i --probe` ever makes: read-only list/describe/get calls, and EC2 Describe calls with
 * DryRun=true. Each answers "may I do ACTION?" for exactly that action. Nothing here creates, changes or deletes.
 */
export interface ProbeOperation {
  /** IAM action the call needs, lower case `service:action` is the lookup key. */
  readonly action: string;
  /** SigV4 signing name. */
  readonly signingName: string;
  /** SDK service id, for `AWS_ENDPOINT_URL_<ID>`. */
  readonly serviceId: string;
  /** Endpoint host prefix (`{prefix}.{region}.amazonaws.com`), or a global host. */
  readonly host: string | ((region: string) => string);
  /** Global services sign with us-east-1. */
  readonly signingRegion?: string;
  readonly protocol: 'query' | 'json' | 'rest-get';
  readonly operation: string;
  /** Query protocol API version. */
  readonly version?: string;
  /** JSON protocol target prefix (`X-Amz-Target: {prefix}.{operation}`) and content type version. */
  readonly target?: string;
  readonly jsonVersion?: '1.0' | '1.1';
  /** Request parameters: query string params, JSON body, or the REST path with query. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly path?: string;
  /** EC2's DryRun: the answer is DryRunOperation (allowed) or UnauthorizedOperation. */
  readonly dryRun?: boolean;
  /** The AWS CLI command for the same call. */
  readonly command: string;
}

const regional = (prefix: string) => (region: string) => `${prefix}.${region}.amazonaws.com`;

const query = (
  action: string,
  signingName: string,
  serviceId: string,
  version: string,
  params: Record<string, string | number | boolean>,
  command: string,
  extra: Partial<ProbeOperation> = {},
): ProbeOperation => ({
  action,
  signingName,
  serviceId,
  host: regional(signingName),
  protocol: 'query',
  operation: action.split(':')[1] as string,
  version,
  params,
  command,
  ...extra,
});

const json = (
  action: string,
  signingName: string,
  serviceId: string,
  target: string,
  jsonVersion: '1.0' | '1.1',
  params: Record<string, string | number | boolean>,
  command: string,
  hostPrefix = signingName,
): ProbeOperation => ({
  action,
  signingName,
  serviceId,
  host: regional(hostPrefix),
  protocol: 'json',
  operation: action.split(':')[1] as string,
  target,
  jsonVersion,
  params,
  command,
});

const iam = (action: string, params: Record<string, string | number>, command: string) =>
  query(action, 'iam', 'IAM', '2010-05-08', params, command, {
    host: 'iam.amazonaws.com',
    signingRegion: 'us-east-1',
  });

const ec2 = (action: string, command: string) =>
  query(action, 'ec2', 'EC2', '2016-11-15', { DryRun: true }, `${command} --dry-run`, { dryRun: true });

const CATALOG: readonly ProbeOperation[] = [
  query('sts:GetCallerIdentity', 'sts', 'STS', '2011-06-15', {}, 'aws sts get-caller-identity'),
  iam('iam:ListUsers', { MaxItems: 1 }, 'aws iam list-users --max-items 1'),
  iam('iam:ListRoles', { MaxItems: 1 }, 'aws iam list-roles --max-items 1'),
  iam('iam:ListGroups', { MaxItems: 1 }, 'aws iam list-groups --max-items 1'),
  iam('iam:ListPolicies', { Scope: 'Local', MaxItems: 1 }, 'aws iam list-policies --scope Local --max-items 1'),
  iam('iam:GetUser', {}, 'aws iam get-user'),
  iam('iam:ListAccountAliases', {}, 'aws iam list-account-aliases'),
  iam('iam:GetAccountSummary', {}, 'aws iam get-account-summary'),
  ec2('ec2:DescribeInstances', 'aws ec2 describe-instances'),
  ec2('ec2:DescribeRegions', 'aws ec2 describe-regions'),
  ec2('ec2:DescribeVpcs', 'aws ec2 describe-vpcs'),
  ec2('ec2:DescribeSubnets', 'aws ec2 describe-subnets'),
  ec2('ec2:DescribeSecurityGroups', 'aws ec2 describe-security-groups'),
  ec2('ec2:DescribeVolumes', 'aws ec2 describe-volumes'),
  ec2('ec2:DescribeKeyPairs', 'aws ec2 describe-key-pairs'),
  query('sqs:ListQueues', 'sqs', 'SQS', '2012-11-05', { MaxResults: 1 }, 'aws sqs list-queues --max-results 1'),
  query('sns:ListTopics', 'sns', 'SNS', '2010-03-31', {}, 'aws sns list-topics'),
  query(
    'cloudformation:ListStacks',
    'cloudformation',
    'CloudFormation',
    '2010-05-15',
    {},
    'aws cloudformation list-stacks',
  ),
  query(
    'cloudformation:DescribeStacks',
    'cloudformation',
    'CloudFormation',
    '2010-05-15',
    {},
    'aws cloudformation describe-stacks',
  ),
  {
    action: 's3:ListAllMyBuckets',
    signingName: 's3',
    serviceId: 'S3',
    host: regional('s3'),
    protocol: 'rest-get',
    operation: 'ListBuckets',
    path: '/?max-buckets=1',
    command: 'aws s3api list-buckets --max-items 1',
  },
  {
    action: 'lambda:ListFunctions',
    signingName: 'lambda',
    serviceId: 'Lambda',
    host: regional('lambda'),
    protocol: 'rest-get',
    operation: 'ListFunctions',
    path: '/2015-03-31/functions/?MaxItems=1',
    command: 'aws lambda list-functions --max-items 1',
  },
  json(
    'ecr:DescribeRepositories',
    'ecr',
    'ECR',
    'AmazonEC2ContainerRegistry_V20150921',
    '1.1',
    { maxResults: 1 },
    'aws ecr describe-repositories --max-items 1',
    'api.ecr',
  ),
  json(
    'ecr:GetAuthorizationToken',
    'ecr',
    'ECR',
    'AmazonEC2ContainerRegistry_V20150921',
    '1.1',
    {},
    'aws ecr get-authorization-token --query authorizationData[0].expiresAt',
    'api.ecr',
  ),
  json(
    'dynamodb:ListTables',
    'dynamodb',
    'DynamoDB',
    'DynamoDB_20120810',
    '1.0',
    { Limit: 1 },
    'aws dynamodb list-tables --max-items 1',
  ),
  json(
    'logs:DescribeLogGroups',
    'logs',
    'CloudWatch Logs',
    'Logs_20140328',
    '1.1',
    { limit: 1 },
    'aws logs describe-log-groups --max-items 1',
  ),
  json('kms:ListKeys', 'kms', 'KMS', 'TrentService', '1.1', { Limit: 1 }, 'aws kms list-keys --max-items 1'),
  json(
    'secretsmanager:ListSecrets',
    'secretsmanager',
    'Secrets Manager',
    'secretsmanager',
    '1.1',
    { MaxResults: 1 },
    'aws secretsmanager list-secrets --max-items 1',
  ),
  json(
    'ssm:DescribeParameters',
    'ssm',
    'SSM',
    'AmazonSSM',
    '1.1',
    { MaxResults: 1 },
    'aws ssm describe-parameters --max-items 1',
  ),
];

const BY_ACTION = new Map(CATALOG.map((p) => [p.action.toLowerCase(), p]));

/** The harmless call that answers `action`, if there is one in the allowlist. */
export function probeFor(action: string): ProbeOperation | undefined {
  return BY_ACTION.get(action.toLowerCase());
}

/** Every action that has a probe (for help texts and tests). */
export function probeActions(): string[] {
  return CATALOG.map((p) => p.action);
}
