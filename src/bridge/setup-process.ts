import { fileURLToPath } from 'node:url';
import { loadSharedConfig } from '../config/shared-files.js';
import { configFilePath } from '../config/paths.js';
import { configProfileHeader, readIniSection, upsertIniSection } from '../config/edit-ini.js';
import { editUserFile, type FileEdit } from '../config/safe-write.js';
import { AwsDoctorError, UsageError } from '../errors.js';
import type { System } from '../system.js';

/** The CLI script next to this build (dist/bridge → bin/awsdoctor.cjs; the same from src/bridge in tests). */
export const CLI_SCRIPT_PATH = fileURLToPath(new URL('../../bin/awsdoctor.cjs', import.meta.url));

export interface SetupProcessOptions {
  /** The profile whose credentials the new profile hands out. */
  readonly profile: string;
  /** The new profile's name; default `<profile>-process`. */
  readonly name?: string | undefined;
  readonly dryRun?: boolean | undefined;
  /** Absolute path of the Node executable (default: the one running now). */
  readonly nodePath?: string | undefined;
  /** Absolute path of awsdoctor's CLI script (default: this installation's). */
  readonly cliPath?: string | undefined;
}

/** Keys that make boto3/the JS SDK use another source before `credential_process` in the same profile. */
const PRECEDING_SOURCES = [
  'aws_access_key_id',
  'role_arn',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'login_session',
];

const POSIX_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument so that Python's `shlex.split` (botocore runs credential_process without a shell) and
 * `/bin/sh` (the JS SDK runs it with `exec`) both read it back unchanged: plain words stay bare, anything else goes
 * in single quotes, with `'` written as `'\''` (both understand that).
 */
export function quoteProcessArg(arg: string, platform: NodeJS.Platform = 'linux'): string {
  if (/[\r\n\0]/.test(arg)) {
    throw new AwsDoctorError('bridge.unquotable', `Cannot put ${JSON.stringify(arg)} on a credential_process line.`);
  }
  if (platform === 'win32') {
    // botocore's Windows splitter and cmd.exe both read double quotes; Windows paths cannot contain `"`.
    if (arg.includes('"')) throw new AwsDoctorError('bridge.unquotable', `Cannot quote ${arg} for Windows.`);
    return /[\s&|<>^()%!]/.test(arg) || arg === '' ? `"${arg}"` : arg;
  }
  return POSIX_PLAIN.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The `credential_process` value: absolute node + CLI script paths (a kernel's PATH may lack both), no shell syntax. */
export function credentialProcessCommand(
  profile: string,
  paths: { nodePath: string; cliPath: string },
  platform: NodeJS.Platform = 'linux',
): string {
  const line = [paths.nodePath, paths.cliPath, 'creds', 'process', '--profile', profile]
    .map((arg) => quoteProcessArg(arg, platform))
    .join(' ');
  // The JS SDK's INI parser cuts a value at ` #` or ` ;` (an inline comment), whatever the quoting.
  if (/\s[#;]/.test(line)) {
    throw new AwsDoctorError('bridge.unquotable', `The command line would be cut at a comment character: ${line}`, {
      hint: 'Install awsdoctor (and node) under paths without " #" or " ;".',
    });
  }
  return line;
}

/**
 * Adds (or updates) `[profile <name>]` with `credential_process = node awsdoctor creds process --profile <profile>`
 * and the profile's region, keeping every other line of the config file. Backup + atomic write; idempotent.
 */
export async function setupProcessProfile(system: System, options: SetupProcessOptions): Promise<FileEdit> {
  const profile = options.profile;
  const name = options.name ?? `${profile}-process`;
  if (!profile || /[\]\r\n]/.test(profile) || profile.trim() !== profile) {
    throw new UsageError(`Invalid profile name ${JSON.stringify(profile)}.`);
  }
  if (!name || /[\]\r\n]/.test(name) || name.trim() !== name) {
    throw new UsageError(`Invalid profile name ${JSON.stringify(name)}.`, 'Pass a plain name with --name.');
  }
  if (name === profile) {
    throw new UsageError(
      `--name must differ from --profile: profile ${profile} would call itself.`,
      `Try --name ${profile}-process.`,
    );
  }
  const shared = await loadSharedConfig(system);
  const source = shared.config.sections[profile] ?? shared.credentials.sections[profile];
  if (!source) {
    throw new AwsDoctorError('bridge.profile-missing', `Profile ${profile} is not in ${shared.config.path}.`, {
      hint: `Create it first (e.g. \`aws login --profile ${profile}\`), or check the name with \`aws configure list-profiles\`.`,
    });
  }
  const command = credentialProcessCommand(
    profile,
    { nodePath: options.nodePath ?? process.execPath, cliPath: options.cliPath ?? CLI_SCRIPT_PATH },
    system.platform,
  );
  const path = configFilePath(system);
  const header = configProfileHeader(name);
  return editUserFile(
    path,
    (before) => {
      const existing = readIniSection(before ?? '', header) ?? {};
      const conflicting = PRECEDING_SOURCES.filter((key) => existing[key] !== undefined);
      if (conflicting.length > 0) {
        throw new AwsDoctorError(
          'bridge.profile-conflict',
          `[${header}] already has ${conflicting.join(', ')}, which the SDKs use before credential_process.`,
          { hint: `Pick another name with --name, or remove those keys from [${header}].` },
        );
      }
      return upsertIniSection(before ?? '', header, {
        credential_process: command,
        ...(source.region ? { region: source.region } : {}),
      });
    },
    { system, dryRun: options.dryRun ?? false },
  );
}
