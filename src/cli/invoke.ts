import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { InvokeError, invokeLambda, type InvokeResult } from '../helpers/invoke.js';
import { ExitCode, action, printJson, type CliContext, type RegisterCommand } from './context.js';
import { explainLine } from './explain-line.js';

interface InvokeFlags {
  payload?: string;
  payloadFile?: string;
  region?: string;
  profile?: string;
  qualifier?: string;
  async?: boolean;
  log?: boolean;
  json?: boolean;
}

/** Payload files larger than this cannot be a Lambda payload (6 MB); refusing early keeps memory bounded. */
const MAX_PAYLOAD_FILE_BYTES = 16 * 1024 * 1024;

async function payloadText(ctx: CliContext, flags: InvokeFlags, dash: string | undefined): Promise<string | undefined> {
  const sources = [flags.payload !== undefined, flags.payloadFile !== undefined, dash === '-'].filter(Boolean).length;
  if (sources > 1) throw new UsageError('Give the payload once: --payload, --payload-file, or - (stdin).');
  if (dash !== undefined && dash !== '-')
    throw new UsageError(`Unexpected argument ${JSON.stringify(dash)}.`, 'Use - to read the payload from stdin.');
  if (flags.payload !== undefined) return flags.payload;
  if (flags.payloadFile !== undefined) {
    try {
      const data = await readFile(flags.payloadFile);
      if (data.byteLength > MAX_PAYLOAD_FILE_BYTES) {
        throw new UsageError(`${flags.payloadFile} is ${data.byteLength} bytes; a Lambda payload is at most 6 MB.`);
      }
      return data.toString('utf8');
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`Cannot read ${flags.payloadFile}: ${(error as Error).message}`);
    }
  }
  if (dash === '-') return ctx.readStdin();
  return undefined;
}

/** Validates that the payload is JSON (as Lambda requires) and returns its bytes unchanged. */
function checkedPayload(text: string | undefined): Uint8Array | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.replace(/^\uFEFF/, '');
  try {
    JSON.parse(trimmed);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new UsageError(
      `The payload is not valid JSON: ${detail}`,
      `Lambda payloads are JSON; to send a string, quote it: --payload '"hello"'`,
    );
  }
  return Buffer.from(trimmed, 'utf8');
}

function renderPayload(result: InvokeResult): string {
  if (result.isJson) return `${JSON.stringify(result.json, null, 2)}\n`;
  if (result.payload === '') return '';
  return result.payload.endsWith('\n') ? result.payload : `${result.payload}\n`;
}

function reportFunctionError(ctx: CliContext, result: InvokeResult): void {
  const fe = result.functionError!;
  const what = [fe.errorType, fe.errorMessage].filter(Boolean).join(': ') || '(no error details in the payload)';
  ctx.stderr.write(`awsdoctor: function error (${fe.kind}) in ${result.functionName}: ${what}\n`);
  for (const line of fe.stackTrace ?? []) ctx.stderr.write(`    ${line.trimEnd()}\n`);
  ctx.stderr.write('  next: the invocation worked; the function code failed. Fix the handler, or re-run with --log.\n');
}

async function runInvoke(
  ctx: CliContext,
  functionName: string,
  dash: string | undefined,
  flags: InvokeFlags,
): Promise<number> {
  const body = checkedPayload(await payloadText(ctx, flags, dash));
  let result: InvokeResult;
  try {
    result = await invokeLambda(functionName, body, {
      system: ctx.system,
      profile: flags.profile,
      region: flags.region,
      async: flags.async,
      log: flags.log,
      qualifier: flags.qualifier,
    });
  } catch (error) {
    if (error instanceof InvokeError && error.reason === 'invoke.access-denied') {
      ctx.stderr.write(`awsdoctor: ${error.message}\n`);
      const line = explainLine(error.sdk?.code ?? 'AccessDeniedException', error.sdk?.message ?? error.message);
      if (line) ctx.stderr.write(`  why: ${line}\n`);
      ctx.stderr.write(
        `  next: awsdoctor explain - (paste the error above): the policy to ask for, and who can grant it\n`,
      );
      if (flags.json) printJson(ctx.stdout, { ok: false, reason: error.reason, error: error.message });
      return ExitCode.failure;
    }
    if (flags.json && error instanceof InvokeError) {
      printJson(ctx.stdout, { ok: false, reason: error.reason, error: error.message, hint: error.hint });
    }
    throw error;
  }
  if (flags.json) {
    printJson(ctx.stdout, invokeResultJson(result));
  } else {
    ctx.stdout.write(renderPayload(result));
    if (result.logTail !== undefined)
      ctx.stderr.write(`--- log tail ---\n${result.logTail.trimEnd()}\n--- end of log tail ---\n`);
    if (result.invocationType === 'Event') {
      ctx.stderr.write(`awsdoctor: queued ${result.functionName} in ${result.region} (HTTP ${result.statusCode}).\n`);
    }
  }
  if (result.functionError) {
    if (!flags.json) reportFunctionError(ctx, result);
    return ExitCode.failure;
  }
  return ExitCode.ok;
}

/** The `--json` shape of `awsdoctor invoke` (pinned by a golden test). */
export function invokeResultJson(result: InvokeResult): Record<string, unknown> {
  return {
    ok: result.functionError === undefined,
    functionName: result.functionName,
    region: result.region,
    regionSource: result.regionSource,
    invocationType: result.invocationType,
    statusCode: result.statusCode,
    executedVersion: result.executedVersion ?? null,
    functionError: result.functionError ?? null,
    payload: result.isJson ? result.json : result.payload,
    payloadIsJson: result.isJson,
    logTail: result.logTail ?? null,
  };
}

export const registerInvoke: RegisterCommand = (program, ctx) => {
  program
    .command('invoke')
    .description('invoke a Lambda function with awsdoctor’s credentials and region resolution; print its response')
    .argument('<function>', 'function name, ARN, or name:alias')
    .argument('[stdin]', '- to read the JSON payload from stdin')
    .addOption(new Option('--payload <json>', 'JSON payload'))
    .addOption(new Option('--payload-file <file>', 'read the JSON payload from a file'))
    .option('--region <region>', 'region (else AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-west-2)')
    .option('--profile <profile>', 'profile to take credentials and region from')
    .option('--qualifier <version-or-alias>', 'version or alias to invoke')
    .option('--async', 'invoke asynchronously (InvocationType Event): returns once queued')
    .option('--log', 'show the decoded tail of the function log (synchronous only)')
    .option('--json', 'print the whole result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor invoke my-function --payload '{"name": "Ada"}'
  awsdoctor invoke my-function --payload-file event.json --log
  echo '{"n": 1}' | awsdoctor invoke my-function - --region eu-west-1
  awsdoctor invoke arn:aws:lambda:us-east-2:123456789012:function:my-function --async

The response payload goes to stdout (pretty JSON, or raw text); errors, warnings and the log tail to stderr.
Exit 0: the function succeeded. 1: a function error, or the invocation failed (denied, not found...). 2: bad usage.
`,
    )
    .action(
      action(ctx, (functionName: string, dash: string | undefined, flags: InvokeFlags) =>
        runInvoke(ctx, functionName, dash, flags),
      ),
    );
};
