import { spawn } from 'node:child_process';
import type { System } from '../system.js';
import { shlexSplit } from './botocore-ini.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/** Output larger than this is not a credentials document. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

function fail(reason: string, message: string, cause?: unknown): CredentialSourceError {
  return new CredentialSourceError('custom-process', reason, message, {
    ...(cause === undefined ? {} : { cause }),
    hint: 'Run the credential_process command yourself and check that it prints Version 1 JSON.',
  });
}

/**
 * `credential_process`, run as botocore runs it: split with `shlex.split` and executed without a shell (or, for the JS
 * SDK, through `/bin/sh -c`), in the environment of the process being reasoned about; stdout must be JSON with
 * `Version: 1`.
 */
export async function fromCredentialProcess(
  system: System,
  command: string,
  options: { profileAccountId?: string | undefined; shell?: boolean | undefined } = {},
): Promise<AwsCredentials> {
  let argv: string[];
  try {
    // The JS SDK runs the command through a shell (`child_process.exec`); botocore splits it and runs it directly.
    argv = options.shell ? ['/bin/sh', '-c', command] : shlexSplit(command);
  } catch (error) {
    throw fail('process.bad-command', `Cannot split credential_process (${(error as Error).message}).`, error);
  }
  if (argv.length === 0) throw fail('process.bad-command', 'credential_process is empty.');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(system.env)) if (v !== undefined) env[k] = v;
  const { code, stdout, stderr, spawnError } = await new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
    spawnError?: Error;
  }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, cwd: system.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.on('error', (error) => resolve({ code: null, stdout: out, stderr: err, spawnError: error }));
    child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
  });
  if (spawnError) throw fail('process.not-found', `Cannot run ${argv[0]}: ${spawnError.message}`, spawnError);
  if (code !== 0)
    throw fail(
      'process.exit',
      `Error when retrieving credentials from custom-process: ${stderr.trim() || `exit code ${code}`}`,
    );
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(stdout) as Record<string, unknown>;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  } catch (error) {
    throw fail(
      'process.bad-json',
      `credential_process printed something that is not a JSON object: ${(error as Error).message}`,
      error,
    );
  }
  const version = parsed.Version ?? '<Version key not provided>';
  if (version !== 1) {
    throw fail(
      'process.version',
      `Error when retrieving credentials from custom-process: Unsupported version '${String(version)}' for credential process provider, supported versions: 1`,
    );
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey']) {
    if (!(key in parsed))
      throw fail(
        'process.missing-key',
        `Error when retrieving credentials from custom-process: Missing required key in response: '${key}'`,
      );
  }
  const expiration = typeof parsed.Expiration === 'string' ? new Date(parsed.Expiration) : undefined;
  return {
    accessKeyId: String(parsed.AccessKeyId),
    secretAccessKey: String(parsed.SecretAccessKey),
    sessionToken: typeof parsed.SessionToken === 'string' ? parsed.SessionToken : undefined,
    expiration: expiration && !Number.isNaN(expiration.getTime()) ? expiration : undefined,
    accountId: (typeof parsed.AccountId === 'string' ? parsed.AccountId : undefined) ?? options.profileAccountId,
  };
}
