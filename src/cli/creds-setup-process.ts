import { setupProcessProfile } from '../bridge/setup-process.js';
import { ExitCode, action, printJson, type RegisterCommand } from './context.js';

/** `awsdoctor creds setup-process --profile P [--name N] [--dry-run]`: writes `[profile P-process]`. */
export const registerCredsSetupProcess: RegisterCommand = (creds, ctx) => {
  creds
    .command('setup-process')
    .description('add a profile whose credential_process runs `awsdoctor creds process` (works in any SDK version)')
    .requiredOption('--profile <name>', 'the profile whose credentials to hand out')
    .option('--name <name>', 'name of the new profile (default: <profile>-process)')
    .option('--dry-run', 'show the change, write nothing')
    .option('--json', 'machine-readable result')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor creds setup-process --profile dev              adds [profile dev-process] to ~/.aws/config
  awsdoctor creds setup-process --profile dev --dry-run    shows the diff only
  AWS_PROFILE=dev-process python -c "import boto3; print(boto3.client('sts').get_caller_identity())"

The line uses absolute paths to node and awsdoctor (a notebook kernel's PATH may have neither) and no shell syntax,
so boto3 (no shell) and the JS SDK (a shell) run it alike. The old file is backed up; running it twice changes
nothing.`,
    )
    .action(
      action(ctx, async (flags: { profile: string; name?: string; dryRun?: boolean; json?: boolean }) => {
        const name = flags.name ?? `${flags.profile}-process`;
        const edit = await setupProcessProfile(ctx.system, { profile: flags.profile, name, dryRun: flags.dryRun });
        if (flags.json) {
          printJson(ctx.stdout, {
            profile: name,
            path: edit.path,
            changed: edit.changed,
            dryRun: Boolean(flags.dryRun),
            backupPath: edit.backupPath ?? null,
            diff: edit.diff,
          });
          return ExitCode.ok;
        }
        if (!edit.changed) {
          ctx.stdout.write(`[profile ${name}] in ${edit.path} is already set up; nothing changed.\n`);
        } else if (flags.dryRun) {
          ctx.stdout.write(edit.diff);
          ctx.stderr.write('awsdoctor: dry run: nothing written.\n');
        } else {
          ctx.stdout.write(
            `Wrote [profile ${name}] to ${edit.path}${edit.backupPath ? ` (backup: ${edit.backupPath})` : ''}.\n`,
          );
        }
        if (!flags.dryRun) ctx.stdout.write(`Use it: AWS_PROFILE=${name} (boto3, the AWS CLI and the JS SDK).\n`);
        return ExitCode.ok;
      }),
    );
};
