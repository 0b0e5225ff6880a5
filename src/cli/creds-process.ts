import { formatCredentialProcess } from '../bridge/process-output.js';
import { AwsDoctorError, describeError } from '../errors.js';
import { withEnv } from '../system.js';
import { bridgeProvider } from './bridge-provider.js';
import { ExitCode, action, type RegisterCommand } from './context.js';

const DEPTH_VARIABLE = 'AWSDOCTOR_CREDS_PROCESS_DEPTH';
const MAX_DEPTH = 3;

/**
 * `awsdoctor creds process --profile P`: the credential_process JSON. bin/awsdoctor.cjs answers the common case (fresh
 * login cache) without loading this file; this is the full path (refresh, or any other source).
 */
export const registerCredsProcess: RegisterCommand = (creds, ctx) => {
  creds
    .command('process')
    .description('print credentials in the credential_process format (for `credential_process =` in ~/.aws/config)')
    .option('--profile <name>', 'profile to resolve (default: AWS_PROFILE, then default)')
    .option('--json', 'the output is always JSON; accepted for consistency')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor creds process --profile dev
  awsdoctor creds setup-process --profile dev     writes [profile dev-process] with the line below
  # ~/.aws/config:  credential_process = /usr/bin/node /path/to/bin/awsdoctor.cjs creds process --profile dev

SDKs run this on every refresh and show its stderr to the person: errors are one line, exit code 1.`,
    )
    .action(
      action(ctx, async (options: { profile?: string }) => {
        try {
          // A profile whose credential_process (indirectly) calls itself would fork for ever: count the nesting.
          const depth = Number(ctx.system.env[DEPTH_VARIABLE] ?? '0') || 0;
          if (depth >= MAX_DEPTH) {
            throw new AwsDoctorError(
              'bridge.process-loop',
              `credential_process calls awsdoctor creds process ${depth} levels deep: profile ${options.profile ?? '(default)'} resolves through itself.`,
              { hint: 'Point creds process at the profile that holds the login session, not at a *-process profile.' },
            );
          }
          const system = withEnv(ctx.system, { ...ctx.system.env, [DEPTH_VARIABLE]: String(depth + 1) });
          const credentials = await bridgeProvider(system, options.profile)();
          ctx.stdout.write(formatCredentialProcess(credentials));
          return ExitCode.ok;
        } catch (error) {
          // One line: boto3 and the JS SDK put the process's stderr into their own error message.
          const hint = error instanceof AwsDoctorError && error.hint ? ` (next: ${error.hint})` : '';
          ctx.stderr.write(`awsdoctor: ${describeError(error)}${hint}\n`);
          return error instanceof AwsDoctorError ? ExitCode.failure : ExitCode.internal;
        }
      }),
    );
};
