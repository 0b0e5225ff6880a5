import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startMoto, type MotoServer } from '../helpers/moto.js';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A valid (empty) zip archive: moto's Docker-less Lambda never runs the code. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export const ADMIN_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** Switches moto to its Docker-less Lambda backend (results come from a queue the test fills). */
export async function useSimpleLambda(moto: MotoServer): Promise<void> {
  const response = await fetch(`${moto.endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lambda: { use_docker: false } }),
  });
  if (!response.ok) throw new Error(`moto config failed: ${response.status}`);
}

/** Queues results for the next invocations in `region` (each is returned as the payload of one call). */
export async function queueLambdaResults(moto: MotoServer, results: string[], region = 'us-east-1'): Promise<void> {
  const response = await fetch(`${moto.endpoint}/moto-api/static/lambda-simple/response`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results, region }),
  });
  if (response.status !== 201) throw new Error(`moto queue failed: ${response.status}`);
}

/** Creates a role and a function named `name` in `region` (2 AWS actions, which count for moto's IAM enforcement). */
export async function createFunction(
  moto: MotoServer,
  name: string,
  region = 'us-east-1',
  credentials: Keys = { accessKeyId: ADMIN_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: ADMIN_KEYS.AWS_SECRET_ACCESS_KEY },
): Promise<string> {
  const config = { endpoint: moto.endpoint, region, credentials };
  const iam = new IAMClient(config);
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: `role-${name}-${region}`,
      AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    }),
  );
  const lambda = new LambdaClient(config);
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'python3.12',
      Role: role.Role!.Arn!,
      Handler: 'app.handler',
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  iam.destroy();
  lambda.destroy();
  return created.FunctionArn!;
}

export interface EnforcedMoto {
  moto: MotoServer;
  /** A user allowed everything (`*` on `*`). */
  admin: Keys & { arn: string };
  /** A user with no policy at all: every action but sts:GetCallerIdentity is denied. */
  limited: Keys & { arn: string };
}

/**
 * A moto server that enforces IAM after creating two users: `admin` (allowed everything) and `limited` (no policy).
 * Exactly 5 unauthenticated actions happen before enforcement starts.
 */
export async function startEnforcedMoto(): Promise<EnforcedMoto> {
  const moto = await startMoto({ enforceIamAfter: 5 });
  const iam = new IAMClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: ADMIN_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: ADMIN_KEYS.AWS_SECRET_ACCESS_KEY },
  });
  const make = async (name: string, allowAll: boolean) => {
    const user = await iam.send(new CreateUserCommand({ UserName: name }));
    if (allowAll) {
      await iam.send(
        new PutUserPolicyCommand({
          UserName: name,
          PolicyName: 'all',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          }),
        }),
      );
    }
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey!, arn: user.User!.Arn! };
  };
  const admin = await make('admin', true);
  const limited = await make('limited', false);
  iam.destroy();
  return { moto, admin, limited };
}
