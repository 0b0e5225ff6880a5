import { Option } from 'commander';
import { readIniSection, configProfileHeader } from '../config/edit-ini.js';
import { configFilePath, credentialsFilePath } from '../config/paths.js';
import { readTextIfExists } from '../config/shared-files.js';
import { UsageError } from '../errors.js';
import {
  ConfigureError,
  configureProfile,
  planConfigureProfile,
  type ConfigureProfileOptions,
  type ConfigureResult,
} from '../helpers/configure.js';
import { formatConfigurationTable, listConfiguration } from '../helpers/configure-list.js';
import { parseKeyInput, type KeyInput } from '../helpers/key-input.js';
import { maskKeyId, maskSecret } from '../redact.js';
import { ExitCode, action, printJson, type CliContext, type RegisterCommand } from './context.js';
import { terminalPrompter, type Prompter } from './prompt.js';

interface ConfigureFlags {
  profile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  secretAccessKeyStdin?: boolean;
  stdin?: boolean;
  region?: string;
  output?: string;
  force?: boolean;
  dryRun?: boolean;
  validation?: boolean;
  json?: boolean;
}

/** The profile's current values, to show in prompts (`[AKIA…MPLE]`) and keep on an empty answer. */
async function currentValues(ctx: CliContext, profile: string): Promise<KeyInput> {
  const [creds, config] = await Promise.all([
    readTextIfExists(credentialsFilePath(ctx.system)),
    readTextIfExists(configFilePath(ctx.system)),
  ]);
  const c = creds === undefined ? undefined : readIniSection(creds, profile);
  const f = config === undefined ? undefined : readIniSection(config, configProfileHeader(profile));
  return {
    accessKeyId: c?.aws_access_key_id || undefined,
    secretAccessKey: c?.aws_secret_access_key || undefined,
    region: f?.region || undefined,
    output: f?.output || undefined,
  };
}

async function askInteractively(prompter: Prompter, current: KeyInput): Promise<KeyInput> {
  const shown = (value: string | undefined) => value ?? 'None';
  const id = await prompter.ask(
    `AWS Access Key ID [${current.accessKeyId ? maskKeyId(current.accessKeyId) : 'None'}]: `,
  );
  const secret = await prompter.ask(
    `AWS Secret Access Key [${current.secretAccessKey ? maskSecret(current.secretAccessKey) : 'None'}] (hidden): `,
    { hidden: true },
  );
  const region = await prompter.ask(`Default region name [${shown(current.region)}]: `);
  const output = await prompter.ask(`Default output format [${shown(current.output)}]: `);
  const answers: KeyInput = { region: region || undefined, output: output || undefined };
  if (id || secret) {
    if (id && id !== current.accessKeyId && !secret) {
      throw new UsageError('A new access key id needs its secret access key; nothing was written.');
    }
    answers.accessKeyId = id || current.accessKeyId;
    answers.secretAccessKey = secret || current.secretAccessKey;
  }
  return answers;
}

/** Where the keys and settings come from: flags, stdin, or the terminal. Secrets never come from argv. */
async function gatherInput(
  ctx: CliContext,
  flags: ConfigureFlags,
  profile: string,
): Promise<{ input: KeyInput; prompter?: Prompter }> {
  if (flags.secretAccessKey !== undefined) {
    throw new UsageError(
      'Refusing --secret-access-key VALUE: a secret in the command line is visible to every process (ps) and kept in shell history.',
      'Pipe it instead: awsdoctor configure --access-key-id AKIA... --secret-access-key-stdin < secret.txt (and rotate the key you just typed)',
    );
  }
  const settings: KeyInput = { region: flags.region, output: flags.output };
  if (flags.accessKeyId !== undefined) {
    if (!flags.secretAccessKeyStdin) {
      throw new UsageError(
        '--access-key-id needs --secret-access-key-stdin (the secret is read from stdin, never from a flag).',
      );
    }
    const secret = (await ctx.readStdin()).trim();
    if (!secret) throw new UsageError('No secret access key on stdin.');
    return { input: { ...settings, accessKeyId: flags.accessKeyId, secretAccessKey: secret } };
  }
  if (flags.secretAccessKeyStdin) throw new UsageError('--secret-access-key-stdin needs --access-key-id.');
  const settingFlags = flags.region !== undefined || flags.output !== undefined;
  if (flags.stdin || (!settingFlags && !process.stdin.isTTY)) {
    const parsed = parseKeyInput(await ctx.readStdin());
    return { input: { ...parsed, region: flags.region ?? parsed.region, output: flags.output ?? parsed.output } };
  }
  if (settingFlags) return { input: settings };
  if (!process.stderr.isTTY)
    throw new UsageError('Interactive configure needs a terminal.', 'Pipe the keys on stdin instead.');
  const prompter = terminalPrompter(process.stdin, process.stderr);
  const input = await askInteractively(prompter, await currentValues(ctx, profile));
  return { input, prompter };
}

function printDiffs(
  ctx: CliContext,
  result: { credentials: { maskedDiff: string }; config: { maskedDiff: string } },
): void {
  for (const diff of [result.credentials.maskedDiff, result.config.maskedDiff])
    if (diff) ctx.stderr.write(diff.endsWith('\n') ? diff : `${diff}\n`);
}

function resultJson(result: ConfigureResult): Record<string, unknown> {
  return {
    ok: true,
    profile: result.profile,
    written: result.written,
    maskedKeyId: result.maskedKeyId ?? null,
    identity: result.identity ?? null,
    files: [
      { path: result.credentials.path, changed: result.credentials.changed, backup: result.credentialsBackup ?? null },
      { path: result.config.path, changed: result.config.changed, backup: result.configBackup ?? null },
    ],
    notes: result.notes,
  };
}

async function runConfigure(ctx: CliContext, flags: ConfigureFlags): Promise<number> {
  const profile = flags.profile ?? ctx.system.env.AWS_PROFILE ?? 'default';
  const { input, prompter } = await gatherInput(ctx, flags, profile);
  try {
    const options: ConfigureProfileOptions = {
      profile,
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      sessionToken: input.sessionToken,
      region: input.region,
      output: input.output,
      force: flags.force,
      dryRun: flags.dryRun,
      validate: flags.validation !== false,
    };
    if (options.accessKeyId === undefined && options.region === undefined && options.output === undefined) {
      throw new UsageError('Nothing to configure: no keys, region or output given.', 'awsdoctor configure --help');
    }
    if (prompter && !flags.force) {
      const plan = await planConfigureProfile(ctx.system, options);
      if (plan.replacesKeys) {
        printDiffs(ctx, plan);
        const yes = await prompter.ask(`Replace the keys of profile ${profile}? [y/N]: `);
        if (!/^y(es)?$/i.test(yes)) {
          ctx.stderr.write('awsdoctor: nothing was written.\n');
          return ExitCode.failure;
        }
        options.force = true;
      }
    }
    prompter?.close();
    if (options.accessKeyId !== undefined && options.validate) {
      ctx.stderr.write(`Checking key ${maskKeyId(options.accessKeyId)} with STS GetCallerIdentity...\n`);
    }
    let result: ConfigureResult;
    try {
      result = await configureProfile(ctx.system, options);
    } catch (error) {
      if (error instanceof ConfigureError && error.plan) {
        ctx.stderr.write('Would change (secrets masked):\n');
        printDiffs(ctx, error.plan);
      }
      if (flags.json && error instanceof ConfigureError) {
        printJson(ctx.stdout, { ok: false, reason: error.reason, error: error.message, hint: error.hint ?? null });
      }
      throw error;
    }
    if (flags.json) {
      printJson(ctx.stdout, resultJson(result));
    } else {
      if (result.identity) {
        ctx.stdout.write(
          `Key ${result.maskedKeyId} belongs to ${result.identity.arn} (account ${result.identity.account}).\n`,
        );
      }
      if (flags.dryRun) {
        printDiffs(ctx, result);
        ctx.stdout.write('Dry run: nothing was written.\n');
      } else if (!result.written) {
        ctx.stdout.write(`Profile ${result.profile} already has these settings; nothing to change.\n`);
      } else {
        ctx.stdout.write(`Wrote profile ${result.profile}:\n`);
        for (const [file, backup] of [
          [result.credentials, result.credentialsBackup],
          [result.config, result.configBackup],
        ] as const) {
          if (file.changed) ctx.stdout.write(`  ${file.path}${backup ? ` (previous version: ${backup})` : ' (new)'}\n`);
        }
      }
      for (const note of result.notes) ctx.stderr.write(`awsdoctor: note: ${note}\n`);
      if (result.written) ctx.stderr.write(`  next: awsdoctor configure list --profile ${result.profile}\n`);
    }
    return ExitCode.ok;
  } finally {
    prompter?.close();
  }
}

async function runList(ctx: CliContext, flags: { profile?: string; json?: boolean }): Promise<number> {
  const list = await listConfiguration(ctx.system, { profile: flags.profile });
  if (flags.json) {
    printJson(ctx.stdout, {
      profile: list.profile,
      settings: list.rows.map((row) => ({
        name: row.name,
        value: row.value ?? null,
        type: row.type,
        location: row.location ?? null,
      })),
      notes: list.notes,
    });
  } else {
    ctx.stdout.write(formatConfigurationTable(list));
    for (const note of list.notes) ctx.stderr.write(`awsdoctor: note: ${note}\n`);
  }
  return ExitCode.ok;
}

export const registerConfigure: RegisterCommand = (program, ctx) => {
  program
    .command('configure')
    // `list` is an argument, not a subcommand: with a subcommand, commander gives `list --profile x` to the parent.
    .argument('[list]', 'list: show each setting, masked, and where it comes from (like aws configure list)')
    .description('write a profile’s keys, region and output like `aws configure`, checking the keys with STS first')
    .option('--profile <profile>', 'profile to write (default: AWS_PROFILE or default)')
    .option('--access-key-id <id>', 'access key id (the secret then comes from stdin: --secret-access-key-stdin)')
    .option('--secret-access-key-stdin', 'read the secret access key from stdin')
    .addOption(new Option('--secret-access-key <secret>').hideHelp())
    .option('--stdin', 'read the keys from stdin (JSON of create-access-key, the console CSV, or one answer per line)')
    .option('--region <region>', 'default region of the profile')
    .option('--output <format>', 'default output format (json, yaml, text, table)')
    .option('--force', 'replace the profile’s existing, different keys (a backup is kept)')
    .option('--dry-run', 'show what would change (secrets masked); write nothing')
    .option('--no-validation', 'write the keys without checking them with STS')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor configure --profile dev                       interactive, on a terminal (the secret is not echoed)
  aws iam create-access-key | awsdoctor configure --profile dev
  awsdoctor configure --profile dev --stdin < accessKeys.csv          the IAM console's download
  awsdoctor configure --profile dev --access-key-id AKIA... --secret-access-key-stdin < secret.txt
  printf '%s\\n' AKIA... "$SECRET" us-west-2 json | awsdoctor configure      answers like aws configure reads them
  awsdoctor configure --profile dev --region eu-west-1    change a setting only
  awsdoctor configure list --profile dev                  each setting, masked, and where it comes from
  awsdoctor configure list --json

Secrets are never accepted as flag values. Keys go to the credentials file, region and output to the config file
(AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE respected); both are backed up, written atomically with mode 0600,
and every other profile and comment is kept. Different existing keys are replaced only with --force.
`,
    )
    .action(
      action(ctx, (what: string | undefined, flags: ConfigureFlags) => {
        if (what === undefined) return runConfigure(ctx, flags);
        if (what !== 'list')
          throw new UsageError(`Unknown argument ${JSON.stringify(what)}.`, 'awsdoctor configure list');
        const extra = Object.keys(flags).filter((k) => k !== 'profile' && k !== 'json' && k !== 'validation');
        if (extra.length > 0)
          throw new UsageError(`configure list takes only --profile and --json (not --${extra[0]}).`);
        return runList(ctx, flags);
      }),
    );
};
