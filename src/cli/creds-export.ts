import { loadSharedConfig } from '../config/shared-files.js';
import { EXPORT_FORMATS, expiryNotice, formatEnvExport, isExportFormat } from '../bridge/env-export.js';
import { UsageError } from '../errors.js';
import { bridgeProvider } from './bridge-provider.js';
import { ExitCode, action, type RegisterCommand } from './context.js';

interface ExportFlags {
  profile?: string;
  format: string;
  region?: string;
  json?: boolean;
}

/** `awsdoctor creds export --profile P --format sh|fish|powershell|dotenv|json`: environment lines. */
export const registerCredsExport: RegisterCommand = (creds, ctx) => {
  creds
    .command('export')
    .description('print the credentials as environment variables (they do not refresh: see creds exec)')
    .option('--profile <name>', 'profile to resolve (default: AWS_PROFILE, then default)')
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'sh')
    .option('--region <region>', 'also export AWS_REGION/AWS_DEFAULT_REGION (default: the profile region, if any)')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Examples:
  eval "$(awsdoctor creds export --profile dev)"                    sh, bash, zsh
  awsdoctor creds export --profile dev --format fish | source       fish
  awsdoctor creds export --profile dev --format powershell | Invoke-Expression
  awsdoctor creds export --profile dev --format dotenv > .env       then: chmod 600 .env
  awsdoctor creds export --profile dev --json                       {"AWS_ACCESS_KEY_ID": ...} for os.environ.update

Exported keys stop working when they expire (about 15 minutes for aws login). For a long-running process use
\`awsdoctor creds exec --profile dev -- CMD\` or \`awsdoctor creds setup-process --profile dev\`, which refresh.`,
    )
    .action(
      action(ctx, async (flags: ExportFlags) => {
        const format = flags.json ? 'json' : flags.format;
        if (!isExportFormat(format)) {
          throw new UsageError(`Unknown format ${format}.`, `Use one of: ${EXPORT_FORMATS.join(', ')}.`);
        }
        const credentials = await bridgeProvider(ctx.system, flags.profile)();
        const profileName = flags.profile ?? ctx.system.env.AWS_PROFILE;
        const shared = await loadSharedConfig(ctx.system);
        const region = flags.region ?? shared.config.sections[profileName ?? 'default']?.region;
        const now = ctx.system.now();
        ctx.stdout.write(formatEnvExport(credentials, { format, now, profile: profileName, region }));
        // JSON carries no comments: say it on stderr, where people see it and parsers do not.
        if (format === 'json' && credentials.expiration) {
          for (const line of expiryNotice(credentials, { now, profile: profileName })) {
            ctx.stderr.write(`awsdoctor: ${line}\n`);
          }
        }
        return ExitCode.ok;
      }),
    );
};
