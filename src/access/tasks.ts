import { UsageError } from '../errors.js';
import { buildPolicy, type BuiltPolicy } from './policy.js';
import { parseArn } from './principal.js';

/**
 * Where an action of a bundle is scoped, given the one resource ARN the person names:
 * `resource` the ARN itself, `objects` everything under it (`bucket/*`), `roles` the IAM roles of its account
 * (iam:PassRole), `all` always `*` (no resource-level permissions, or listing across resources).
 */
export type TaskScope = 'resource' | 'objects' | 'roles' | 'all';

export interface TaskAction {
  action: string;
  scope: TaskScope;
  why: string;
}

export interface TaskBundle {
  name: string;
  summary: string;
  /** The kind of ARN `--resource` takes, e.g. `arn:aws:ecr:REGION:ACCOUNT:repository/NAME`. */
  resourceExample: string;
  actions: readonly TaskAction[];
  /** What the bundle deliberately leaves out, or needs besides. */
  notes: readonly string[];
}

/** The permission sets people ask for most, each action justified. `ecr-push` is the troubleshooting guide's policy. */
export const TASK_BUNDLES: readonly TaskBundle[] = [
  {
    name: 'sts-identity',
    summary: 'See who you are (aws sts get-caller-identity)',
    resourceExample: '(none)',
    actions: [{ action: 'sts:GetCallerIdentity', scope: 'all', why: 'returns the account and ARN of the caller' }],
    notes: ['AWS allows sts:GetCallerIdentity even without a policy; it can only be blocked by an explicit deny.'],
  },
  {
    name: 'ecr-push',
    summary: 'Create an ECR repository and push Docker images to it (the guide’s custom policy)',
    resourceExample: 'arn:aws:ecr:REGION:ACCOUNT:repository/NAME',
    actions: [
      {
        action: 'ecr:GetAuthorizationToken',
        scope: 'all',
        why: 'docker login to the registry (aws ecr get-login-password)',
      },
      { action: 'ecr:CreateRepository', scope: 'resource', why: 'create the repository if it does not exist' },
      { action: 'ecr:DescribeRepositories', scope: 'resource', why: 'find the repository URI' },
      { action: 'ecr:BatchCheckLayerAvailability', scope: 'resource', why: 'docker push checks which layers exist' },
      { action: 'ecr:InitiateLayerUpload', scope: 'resource', why: 'start uploading a new layer' },
      { action: 'ecr:UploadLayerPart', scope: 'resource', why: 'upload the layer’s parts' },
      { action: 'ecr:CompleteLayerUpload', scope: 'resource', why: 'finish the layer upload' },
      { action: 'ecr:PutImage', scope: 'resource', why: 'write the image manifest and tag' },
      { action: 'ecr:BatchGetImage', scope: 'resource', why: 'read manifests of images already pushed (base layers)' },
      { action: 'ecr:GetDownloadUrlForLayer', scope: 'resource', why: 'pull existing layers when building on them' },
    ],
    notes: [],
  },
  {
    name: 'ecr-pull',
    summary: 'Pull Docker images from an ECR repository',
    resourceExample: 'arn:aws:ecr:REGION:ACCOUNT:repository/NAME',
    actions: [
      { action: 'ecr:GetAuthorizationToken', scope: 'all', why: 'docker login to the registry' },
      { action: 'ecr:BatchCheckLayerAvailability', scope: 'resource', why: 'check which layers exist' },
      { action: 'ecr:GetDownloadUrlForLayer', scope: 'resource', why: 'download each layer' },
      { action: 'ecr:BatchGetImage', scope: 'resource', why: 'read the image manifest' },
    ],
    notes: [],
  },
  {
    name: 'lambda-invoke',
    summary: 'Invoke a Lambda function',
    resourceExample: 'arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    actions: [
      { action: 'lambda:InvokeFunction', scope: 'resource', why: 'call the function (aws lambda invoke)' },
      {
        action: 'lambda:GetFunctionConfiguration',
        scope: 'resource',
        why: 'check its state and runtime before calling',
      },
    ],
    notes: ['To invoke every version and alias too, also allow the ARN followed by :*.'],
  },
  {
    name: 'lambda-deploy',
    summary: 'Create and update a Lambda function’s code and configuration',
    resourceExample: 'arn:aws:lambda:REGION:ACCOUNT:function:NAME',
    actions: [
      { action: 'lambda:CreateFunction', scope: 'resource', why: 'create the function the first time' },
      { action: 'lambda:GetFunction', scope: 'resource', why: 'read the current code and configuration' },
      { action: 'lambda:UpdateFunctionCode', scope: 'resource', why: 'upload new code' },
      { action: 'lambda:UpdateFunctionConfiguration', scope: 'resource', why: 'change memory, timeout, environment' },
      { action: 'lambda:PublishVersion', scope: 'resource', why: 'publish an immutable version' },
      { action: 'iam:PassRole', scope: 'roles', why: 'hand the execution role to Lambda (CreateFunction needs it)' },
    ],
    notes: [
      'Narrow iam:PassRole to the one execution role ARN if you know it, with the condition iam:PassedToService = lambda.amazonaws.com.',
    ],
  },
  {
    name: 's3-read',
    summary: 'List a bucket and download its objects',
    resourceExample: 'arn:aws:s3:::BUCKET',
    actions: [
      { action: 's3:ListBucket', scope: 'resource', why: 'list the objects (aws s3 ls); acts on the bucket ARN' },
      { action: 's3:GetObject', scope: 'objects', why: 'download objects; acts on BUCKET/* object ARNs' },
      { action: 's3:GetBucketLocation', scope: 'resource', why: 'the CLI asks for the bucket’s region' },
    ],
    notes: ['Objects encrypted with a customer managed KMS key also need kms:Decrypt on that key.'],
  },
  {
    name: 's3-write',
    summary: 'Upload objects to a bucket (no deletes)',
    resourceExample: 'arn:aws:s3:::BUCKET',
    actions: [
      { action: 's3:PutObject', scope: 'objects', why: 'upload objects (aws s3 cp, sync)' },
      { action: 's3:AbortMultipartUpload', scope: 'objects', why: 'clean up failed large uploads' },
      { action: 's3:ListBucket', scope: 'resource', why: 'aws s3 sync lists what is already there' },
      { action: 's3:ListBucketMultipartUploads', scope: 'resource', why: 'find unfinished large uploads' },
    ],
    notes: [
      'Deleting needs s3:DeleteObject (left out on purpose).',
      'SSE-KMS buckets also need kms:GenerateDataKey on the key.',
    ],
  },
  {
    name: 'logs-read',
    summary: 'Read CloudWatch Logs of a log group',
    resourceExample: 'arn:aws:logs:REGION:ACCOUNT:log-group:NAME',
    actions: [
      { action: 'logs:DescribeLogGroups', scope: 'all', why: 'list log groups (aws logs describe-log-groups)' },
      { action: 'logs:DescribeLogStreams', scope: 'resource', why: 'list the streams in the group' },
      { action: 'logs:GetLogEvents', scope: 'objects', why: 'read one stream’s events; acts on log-stream ARNs' },
      { action: 'logs:FilterLogEvents', scope: 'resource', why: 'search the group (aws logs tail, filter-log-events)' },
      { action: 'logs:StartQuery', scope: 'resource', why: 'run Logs Insights queries on the group' },
      { action: 'logs:GetQueryResults', scope: 'all', why: 'fetch Logs Insights results' },
    ],
    notes: [],
  },
  {
    name: 'dynamodb-read',
    summary: 'Read items from a DynamoDB table',
    resourceExample: 'arn:aws:dynamodb:REGION:ACCOUNT:table/NAME',
    actions: [
      { action: 'dynamodb:DescribeTable', scope: 'resource', why: 'read the key schema and status' },
      { action: 'dynamodb:GetItem', scope: 'resource', why: 'read one item by key' },
      { action: 'dynamodb:BatchGetItem', scope: 'resource', why: 'read many items by key' },
      { action: 'dynamodb:Query', scope: 'resource', why: 'read items by partition key' },
      { action: 'dynamodb:Scan', scope: 'resource', why: 'read the whole table' },
    ],
    notes: ['Queries on a secondary index also need the index ARN: TABLE_ARN/index/*.'],
  },
  {
    name: 'dynamodb-write',
    summary: 'Write and delete items in a DynamoDB table',
    resourceExample: 'arn:aws:dynamodb:REGION:ACCOUNT:table/NAME',
    actions: [
      { action: 'dynamodb:DescribeTable', scope: 'resource', why: 'read the key schema and status' },
      { action: 'dynamodb:PutItem', scope: 'resource', why: 'create or replace an item' },
      { action: 'dynamodb:UpdateItem', scope: 'resource', why: 'change attributes of an item' },
      { action: 'dynamodb:DeleteItem', scope: 'resource', why: 'delete an item' },
      { action: 'dynamodb:BatchWriteItem', scope: 'resource', why: 'write or delete many items at once' },
    ],
    notes: [],
  },
  {
    name: 'secrets-read',
    summary: 'Read a Secrets Manager secret',
    resourceExample: 'arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf',
    actions: [
      { action: 'secretsmanager:GetSecretValue', scope: 'resource', why: 'read the secret value' },
      { action: 'secretsmanager:DescribeSecret', scope: 'resource', why: 'read its metadata and rotation state' },
    ],
    notes: [
      'Secret ARNs end in a random 6-character suffix: use NAME-?????? or NAME-* when you only know the name.',
      'A secret encrypted with a customer managed KMS key also needs kms:Decrypt on that key.',
    ],
  },
  {
    name: 'ssm-read',
    summary: 'Read SSM Parameter Store parameters',
    resourceExample: 'arn:aws:ssm:REGION:ACCOUNT:parameter/PATH',
    actions: [
      { action: 'ssm:GetParameter', scope: 'resource', why: 'read one parameter' },
      { action: 'ssm:GetParameters', scope: 'resource', why: 'read several parameters at once' },
      { action: 'ssm:GetParametersByPath', scope: 'resource', why: 'read a whole path (hierarchy)' },
    ],
    notes: ['SecureString parameters with a customer managed KMS key also need kms:Decrypt on that key.'],
  },
  {
    name: 'sqs-send',
    summary: 'Send messages to an SQS queue',
    resourceExample: 'arn:aws:sqs:REGION:ACCOUNT:QUEUE',
    actions: [
      { action: 'sqs:GetQueueUrl', scope: 'resource', why: 'look the queue URL up by name' },
      { action: 'sqs:GetQueueAttributes', scope: 'resource', why: 'read its settings' },
      { action: 'sqs:SendMessage', scope: 'resource', why: 'send messages (also covers SendMessageBatch)' },
    ],
    notes: [],
  },
  {
    name: 'sqs-consume',
    summary: 'Receive and delete messages from an SQS queue',
    resourceExample: 'arn:aws:sqs:REGION:ACCOUNT:QUEUE',
    actions: [
      { action: 'sqs:GetQueueUrl', scope: 'resource', why: 'look the queue URL up by name' },
      { action: 'sqs:GetQueueAttributes', scope: 'resource', why: 'read its settings' },
      { action: 'sqs:ReceiveMessage', scope: 'resource', why: 'receive messages' },
      { action: 'sqs:DeleteMessage', scope: 'resource', why: 'delete them once processed' },
      { action: 'sqs:ChangeMessageVisibility', scope: 'resource', why: 'extend processing time' },
    ],
    notes: [],
  },
];

/** One bundle by name; throws a usage error listing the names when there is no such bundle. */
export function getTaskBundle(name: string): TaskBundle {
  const bundle = TASK_BUNDLES.find((b) => b.name === name.trim().toLowerCase());
  if (!bundle) {
    throw new UsageError(
      `No task bundle named "${name}".`,
      `Pick one of: ${TASK_BUNDLES.map((b) => b.name).join(', ')} (awsdoctor policy --tasks)`,
    );
  }
  return bundle;
}

/** The resource an action of a bundle is scoped to, given the ARN the person named (or none). */
export function scopeResource(scope: TaskScope, resource: string | null | undefined): string {
  if (!resource || scope === 'all') return '*';
  if (scope === 'objects') {
    if (resource.endsWith('*')) return resource;
    // Log streams live under their group; S3 objects under their bucket.
    return resource.includes(':log-group:') ? `${resource}:log-stream:*` : `${resource.replace(/\/$/, '')}/*`;
  }
  if (scope === 'roles') {
    const arn = parseArn(resource);
    return arn && arn.account ? `arn:${arn.partition}:iam::${arn.account}:role/*` : '*';
  }
  return resource;
}

/** Builds a bundle's policy, scoping each action as the bundle says. */
export async function buildTaskPolicy(name: string, options: { resource?: string | null } = {}): Promise<BuiltPolicy> {
  const bundle = getTaskBundle(name);
  const resourceFor: Record<string, string> = {};
  const why: Record<string, string> = {};
  for (const { action, scope, why: reason } of bundle.actions) {
    resourceFor[action] = scopeResource(scope, options.resource);
    why[action] = reason;
  }
  const built = await buildPolicy(
    bundle.actions.map((a) => a.action),
    { resourceFor, why },
  );
  built.notes.push(...bundle.notes);
  return built;
}
