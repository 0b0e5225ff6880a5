import { parseSdk, resolveCredentials, type ResolutionResult } from '../credentials/resolve.js';
import { maskKeyId } from '../redact.js';
import { action, ExitCode, printJson, type RegisterCommand } from './context.js';

/** Pure: the human form of a resolution (key id masked). */
export function renderResolution(result: ResolutionResult): string {
  const lines = [
    result.ok
      ? `${result.sdk}: profile ${result.profile} → ${result.source} ${maskKeyId(result.accessKeyId)}${result.expiresAt ? `, expires ${result.expiresAt}` : ''}`
      : `${result.sdk}: profile ${result.profile} → ${result.error?.code}: ${result.error?.message}`,
  ];
  for (const t of result.trace)
    lines.push(`  ${t.status.padEnd(7)} ${t.source.padEnd(30)} ${t.reason}${t.errorCode ? ` [${t.errorCode}]` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** `awsdoctor creds resolve`: which credentials an SDK would use, or the exact error, with the trace. Registered on the `creds` group. */
export const registerCredsResolve: RegisterCommand = (creds, ctx) => {
  creds
    .command('resolve')
    .description('say which credentials boto3 (or the JS SDK) would use for a profile, or the exact error, and why')
    .option('--profile <name>', 'profile to resolve (as boto3.Session(profile_name=...) / fromIni({profile}))')
    .option('--sdk <sdk>', 'boto3 (default) or node', 'boto3')
    .option('--python <path>', 'probe this Python for botocore/awscrt and predict accordingly (boto3 mode)')
    .option('--json', 'one JSON document on stdout')
    .addHelpText(
      'after',
      `
Exit code: 0 when credentials resolve, 1 when not.

Examples:
  awsdoctor creds resolve                         boto3's verdict for this shell
  awsdoctor creds resolve --profile dev --json    as JSON (source, key id, expiry, trace)
  awsdoctor creds resolve --sdk node              the JS SDK's default chain instead
  awsdoctor creds resolve --python ~/venv/bin/python   what that interpreter's botocore would do
`,
    )
    .action(
      action(ctx, async (opts: { profile?: string; sdk: string; python?: string; json?: boolean }) => {
        if (opts.python) ctx.stderr.write(`awsdoctor: asking ${opts.python} for its boto3, botocore and awscrt...\n`);
        const result = await resolveCredentials(ctx.system, {
          profile: opts.profile,
          sdk: parseSdk(opts.sdk),
          python: opts.python,
        });
        if (opts.json) printJson(ctx.stdout, result);
        else ctx.stdout.write(renderResolution(result));
        return result.ok ? ExitCode.ok : ExitCode.failure;
      }),
    );
};
