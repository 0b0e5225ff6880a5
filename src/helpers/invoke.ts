import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import type { AwsCredentials, CredentialProvider } from '../credentials/types.js';
import { createClientWithSettings } from './client.js';
import { captureErrorBodies, describeSdkError, type SdkErrorInfo } from './sdk-errors.js';

/** The region the guide's `invoke_lambda_function` defaults to; used only when nothing else names one, and said. */
export const GUIDE_DEFAULT_REGION = 'us-west-2';

/** Lambda's limit for a synchronous (RequestResponse) request payload: 6 MB. */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface InvokeOptions {
  system: System;
  profile?: string | undefined;
  region?: string | undefined;
  /** `Event` invocation (fire and forget, HTTP 202) instead of `RequestResponse`. */
  async?: boolean | undefined;
  /** Ask for the last 4 KB of the function's log (synchronous invocations only). */
  log?: boolean | undefined;
  /** Version or alias to invoke. */
  qualifier?: string | undefined;
  credentials?: CredentialProvider | AwsCredentials | undefined;
  maxAttempts?: number | undefined;
}

/** A function error: the invocation worked, the function's code failed (`X-Amz-Function-Error`). */
export interface FunctionErrorInfo {
  /** `Unhandled` (an exception escaped the handler) or `Handled`, as Lambda reports it. */
  readonly kind: string;
  readonly errorType: string | undefined;
  readonly errorMessage: string | undefined;
  readonly stackTrace: string[] | undefined;
}

export interface InvokeResult {
  readonly functionName: string;
  readonly region: string;
  /** Where the region came from: `flag`, `AWS_REGION`, `AWS_DEFAULT_REGION`, `profile`, or `default` (the guide's). */
  readonly regionSource: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  /** 200 for a synchronous call, 202 for an asynchronous one (even when the function fails). */
  readonly statusCode: number;
  /** The response payload decoded as UTF-8 ('' for asynchronous calls). */
  readonly payload: string;
  readonly payloadBytes: number;
  /** The payload parsed as JSON, when it is JSON. */
  readonly json: unknown;
  readonly isJson: boolean;
  readonly functionError: FunctionErrorInfo | undefined;
  /** The decoded log tail (with `log: true`). */
  readonly logTail: string | undefined;
  readonly executedVersion: string | undefined;
}

/** An invocation that did not reach the function: denied, missing function, bad credentials, too large... */
export class InvokeError extends AwsDoctorError {
  override readonly name = 'InvokeError';
  /** The service's error, classified; undefined for errors found before calling. */
  readonly sdk: SdkErrorInfo | undefined;
  readonly region: string | undefined;
  constructor(
    reason: string,
    message: string,
    options: { cause?: unknown; hint?: string; sdk?: SdkErrorInfo; region?: string } = {},
  ) {
    super(reason, message, options);
    this.sdk = options.sdk;
    this.region = options.region;
  }
}

/** Region named by a Lambda function ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`), if any. */
export function regionOfFunctionArn(functionName: string): string | undefined {
  const match = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:function:/.exec(functionName);
  return match?.[1];
}

function encodePayload(payload: unknown): Uint8Array | undefined {
  if (payload === undefined) return undefined;
  if (payload instanceof Uint8Array) return payload;
  // Same as the guide's json.dumps(payload).
  return new TextEncoder().encode(JSON.stringify(payload));
}

function parseJson(text: string): { isJson: boolean; json: unknown } {
  if (text.trim() === '') return { isJson: false, json: undefined };
  try {
    return { isJson: true, json: JSON.parse(text) as unknown };
  } catch {
    return { isJson: false, json: undefined };
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads errorType / errorMessage / stackTrace from a function error payload (Python, Node, Java all use them). */
export function parseFunctionError(kind: string, json: unknown, text: string): FunctionErrorInfo {
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const trace = body.stackTrace;
  const stackTrace = Array.isArray(trace)
    ? trace.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
    : typeof trace === 'string'
      ? trace.split('\n')
      : undefined;
  return {
    kind,
    errorType: asString(body.errorType),
    errorMessage: asString(body.errorMessage) ?? (typeof json === 'object' ? undefined : text || undefined),
    stackTrace,
  };
}

function toInvokeError(error: unknown, rawBody: string | undefined, functionName: string, region: string): InvokeError {
  const sdk = describeSdkError(error, rawBody);
  const arnRegion = regionOfFunctionArn(functionName);
  const common = { cause: error, sdk, region };
  if (sdk.kind === 'access-denied') {
    return new InvokeError('invoke.access-denied', `${sdk.code}: ${sdk.message}`, {
      ...common,
      hint: 'awsdoctor explain - (paste the error above): who is denied what, and the policy to ask for',
    });
  }
  if (arnRegion && arnRegion !== region && (sdk.kind === 'not-found' || /Validation|InvalidParameter/.test(sdk.code))) {
    return new InvokeError(
      'invoke.wrong-region',
      `The function ARN names region ${arnRegion}, but the call went to ${region}: ${sdk.code}.`,
      { ...common, hint: `awsdoctor invoke ${functionName} --region ${arnRegion}` },
    );
  }
  if (sdk.code === 'ResourceNotFoundException' || sdk.kind === 'not-found') {
    return new InvokeError(
      'invoke.function-not-found',
      `Function ${functionName} was not found in ${region}: ${sdk.message}`,
      {
        ...common,
        hint: `aws lambda list-functions --region ${region} --query 'Functions[].FunctionName' (is it in another region or account?)`,
      },
    );
  }
  if (sdk.kind === 'invalid-credentials') {
    return new InvokeError('invoke.invalid-credentials', `${sdk.code}: ${sdk.message}`, {
      ...common,
      hint: 'awsdoctor whoami (the access key is unknown to AWS, deleted, or paired with the wrong secret)',
    });
  }
  if (sdk.kind === 'expired-credentials') {
    return new InvokeError('invoke.expired-credentials', `${sdk.code}: ${sdk.message}`, {
      ...common,
      hint: 'aws login (or refresh your session), then retry',
    });
  }
  if (sdk.code === 'RequestTooLargeException' || sdk.httpStatus === 413) {
    return new InvokeError('invoke.payload-too-large', `${sdk.code}: ${sdk.message}`, {
      ...common,
      hint: 'Send a smaller payload (6 MB synchronous, 1 MB asynchronous), or pass a reference such as an S3 key.',
    });
  }
  if (sdk.kind === 'network') {
    return new InvokeError('invoke.unreachable', `Cannot reach the Lambda endpoint for ${region}: ${sdk.message}`, {
      ...common,
      hint: 'Check the network, proxy settings and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_LAMBDA.',
    });
  }
  return new InvokeError('invoke.failed', `Invoke ${functionName} failed: ${sdk.code}: ${sdk.message}`, {
    ...common,
    hint: 'awsdoctor doctor (checks the credentials and region this call used)',
  });
}

/**
 * Invokes a Lambda function like the guide's `invoke_lambda_function`, with awsdoctor's credential resolution:
 * the region comes from `region`, AWS_REGION / AWS_DEFAULT_REGION, the profile, and only then the guide's
 * `us-west-2` (announced through `system.warn`). `payload` is sent as JSON (a `Uint8Array` is sent as is).
 * A function error is returned in `functionError`; an invocation error is thrown as an `InvokeError`.
 */
export async function invokeLambda(
  functionName: string,
  payload: unknown,
  options: InvokeOptions,
): Promise<InvokeResult> {
  // Printable ASCII only: a name is echoed in errors, and control characters would reach the terminal.
  if (!/^[\x21-\x7e]{1,256}$/.test(functionName)) {
    throw new InvokeError(
      'invoke.bad-function-name',
      `Not a Lambda function name or ARN: ${JSON.stringify(functionName.slice(0, 80))}`,
      {
        hint: 'Pass the function name (my-function), an ARN, or name:alias.',
      },
    );
  }
  const body = encodePayload(payload);
  const async = Boolean(options.async);
  if (!async && body && body.byteLength > MAX_SYNC_PAYLOAD_BYTES) {
    throw new InvokeError(
      'invoke.payload-too-large',
      `The payload is ${body.byteLength} bytes; Lambda accepts at most ${MAX_SYNC_PAYLOAD_BYTES} for a synchronous call.`,
      { hint: 'Send a smaller payload, or pass a reference such as an S3 key.' },
    );
  }
  const { client, settings } = await createClientWithSettings(LambdaClient, {
    system: options.system,
    profile: options.profile,
    region: options.region,
    credentials: options.credentials,
    serviceId: 'Lambda',
    fallbackRegion: GUIDE_DEFAULT_REGION,
    maxAttempts: options.maxAttempts,
  });
  if (settings.regionSource === 'default') {
    options.system.warn(
      `no region is set (no --region, AWS_REGION, AWS_DEFAULT_REGION or region in profile ${settings.profileName}); using the guide's default ${GUIDE_DEFAULT_REGION}`,
    );
  }
  const arnRegion = regionOfFunctionArn(functionName);
  if (arnRegion && arnRegion !== settings.region) {
    options.system.warn(`the function ARN names region ${arnRegion} but the call goes to ${settings.region}`);
  }
  const errorBody = captureErrorBodies(client);
  let response: InvokeCommandOutput;
  try {
    response = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: async ? 'Event' : 'RequestResponse',
        ...(body ? { Payload: body } : {}),
        ...(options.log && !async ? { LogType: 'Tail' } : {}),
        ...(options.qualifier ? { Qualifier: options.qualifier } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof AwsDoctorError) throw error;
    throw toInvokeError(error, errorBody(), functionName, settings.region);
  } finally {
    client.destroy();
  }
  const bytes = response.Payload ?? new Uint8Array();
  const text = new TextDecoder('utf-8').decode(bytes);
  const { isJson, json } = parseJson(text);
  return {
    functionName,
    region: settings.region,
    regionSource: settings.regionSource,
    invocationType: async ? 'Event' : 'RequestResponse',
    statusCode: response.StatusCode ?? 0,
    payload: text,
    payloadBytes: bytes.byteLength,
    json,
    isJson,
    functionError: response.FunctionError ? parseFunctionError(response.FunctionError, json, text) : undefined,
    logTail: response.LogResult ? Buffer.from(response.LogResult, 'base64').toString('utf8') : undefined,
    executedVersion: response.ExecutedVersion,
  };
}
