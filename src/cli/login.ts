import { getLoginCredentials, listLoginSessions } from '../login/index.js';
import { formatLoginList, formatLoginRefresh, loginListJson, loginRefreshJson } from '../login/format.js';
import { action, ExitCode, printJson, type RegisterCommand } from './context.js';

/** `awsdoctor login ...`: the `aws login` cache, seen and refreshed as the SDKs do. */
export const registerLogin: RegisterCommand = (program, ctx) => {
  const login = program.command('login').description('inspect and refresh aws login sessions (~/.aws/login/cache)');

  login
    .command('list')
    .description('every aws login cache file, the profiles using it, account, expiry and status')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Status: valid | refresh due (within 5 min of expiry: the next use refreshes) | expired (the next use tries the
refresh token) | unreadable | missing. Orphans are cache files no profile's login_session points to.
Exit code 1 when a file is unreadable or a profile's file is missing.

Examples:
  awsdoctor login list
  awsdoctor login list --json | jq '.sessions[] | select(.orphan)'
  AWS_LOGIN_CACHE_DIRECTORY=/tmp/cache awsdoctor login list
`,
    )
    .action(
      action(ctx, async (options: { json?: boolean }) => {
        const list = await listLoginSessions(ctx.system);
        if (options.json) printJson(ctx.stdout, loginListJson(list));
        else ctx.stdout.write(formatLoginList(list));
        const broken = list.sessions.some((s) => s.status === 'unreadable' || s.status === 'missing');
        return broken ? ExitCode.failure : ExitCode.ok;
      }),
    );

  login
    .command('refresh')
    .description("refresh a profile's aws login session now (exchanging its refresh token), as the SDKs would")
    .option('--profile <name>', 'profile (default: AWS_PROFILE, then default)')
    .option('--if-needed', 'only when within 5 minutes of expiry, as an SDK would')
    .option('--signin-endpoint <url>', 'sign-in service endpoint (default: AWS_ENDPOINT_URL_SIGNIN)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Prints the masked key id and the new expiry, never a secret. Safe to run while SDKs and other tools use the same
session: the refresh happens under the cache file's lock, and the file stays readable by aws, boto3 and the JS SDK.

Examples:
  awsdoctor login refresh --profile dev
  awsdoctor login refresh --profile dev --if-needed --json
`,
    )
    .action(
      action(
        ctx,
        async (options: { profile?: string; ifNeeded?: boolean; signinEndpoint?: string; json?: boolean }) => {
          const result = await getLoginCredentials(ctx.system, {
            profile: options.profile,
            signinEndpoint: options.signinEndpoint,
            forceRefresh: !options.ifNeeded,
          });
          if (options.json) printJson(ctx.stdout, loginRefreshJson(result));
          else ctx.stdout.write(formatLoginRefresh(result, ctx.system.now()));
          // Asked to refresh and could not (the warning on stderr says why): not a success.
          return result.source === 'fallback' && !options.ifNeeded ? ExitCode.failure : ExitCode.ok;
        },
      ),
    );
};
