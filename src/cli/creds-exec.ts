import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { childEnvironment } from '../bridge/exec-env.js';
import { loadSharedConfig } from '../config/shared-files.js';
import { AwsDoctorError } from '../errors.js';
import { bridgeProvider } from './bridge-provider.js';
import { parsePort, startEndpointFor } from './creds-serve.js';
import { type RegisterCommand } from './context.js';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
/** Keys in the child's `default` profile that the SDKs would use before the endpoint. */
const DEFAULT_PROFILE_SOURCES = [
  'aws_access_key_id',
  'role_arn',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'login_session',
  'credential_process',
];

/** `awsdoctor creds exec --profile P -- CMD ARGS`: runs CMD with credentials from an in-process endpoint. */
export const registerCredsExec: RegisterCommand = (creds, ctx) => {
  creds
    .command('exec')
    .description('run a command that gets refreshing credentials from a local endpoint (exit code = its exit code)')
    .argument('<command...>', 'the command and its arguments, after --')
    .option('--profile <name>', 'profile to resolve (default: AWS_PROFILE, then default)')
    .option('--port <port>', 'endpoint port on 127.0.0.1 (default: a free one)')
    .option('--verbose', 'log every endpoint request on stderr')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor creds exec --profile dev -- jupyter lab        every kernel gets fresh credentials, for hours
  awsdoctor creds exec --profile dev -- python train.py
  awsdoctor creds exec --profile dev -- aws sts get-caller-identity

The command gets AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN. Variables that the SDKs
would use instead (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, ...) are removed from
its environment; the profile's region is passed as AWS_REGION/AWS_DEFAULT_REGION. Signals are forwarded.`,
    )
    .action(async (command: string[], flags: { profile?: string; port?: string; verbose?: boolean }) => {
      const [file, ...args] = command;
      if (!file) throw new AwsDoctorError('usage', 'No command given.', { hint: 'awsdoctor creds exec -- CMD ARGS' });
      const provider = bridgeProvider(ctx.system, flags.profile);
      const shared = await loadSharedConfig(ctx.system);
      const profileName = flags.profile ?? ctx.system.env.AWS_PROFILE ?? 'default';
      const endpoint = await startEndpointFor(ctx, provider, { port: parsePort(flags.port), verbose: flags.verbose });
      const { env, removed } = childEnvironment(ctx.system.env, endpoint, shared.config.sections[profileName]?.region);
      if (removed.length > 0) {
        ctx.stderr.write(
          `awsdoctor: removed ${removed.join(', ')} from the command's environment (the endpoint replaces them).\n`,
        );
      }
      const shadowing = DEFAULT_PROFILE_SOURCES.filter(
        (key) => shared.config.sections.default?.[key] ?? shared.credentials.sections.default?.[key],
      );
      if (shadowing.length > 0) {
        ctx.stderr.write(
          `awsdoctor: warning: the default profile has ${shadowing.join(', ')}; the SDKs use it before the endpoint.\n`,
        );
      }
      const child = spawn(file, args, { env, stdio: 'inherit' });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
      const code = await new Promise<number>((resolve) => {
        child.once('error', (error: NodeJS.ErrnoException) => {
          ctx.stderr.write(
            `awsdoctor: cannot run ${file}: ${error.code === 'ENOENT' ? 'command not found' : error.message}\n`,
          );
          // 127 like a shell: the command could not be found or run.
          resolve(127);
        });
        child.once('exit', (exitCode, signal) => {
          resolve(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1));
        });
      });
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      await endpoint.close();
      ctx.exitCode = code;
    });
};
