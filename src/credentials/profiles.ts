import { readFile, stat } from 'node:fs/promises';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { configFilePath, credentialsFilePath } from '../config/paths.js';
import { MAX_SHARED_FILE_BYTES } from '../config/shared-files.js';
import type { System } from '../system.js';
import { parseBotocoreIni, shlexSplit, type IniParseError, type IniSections } from './botocore-ini.js';

export type SdkName = 'boto3' | 'node';

/** One profile's settings as the SDK sees them (nested blocks such as `s3 =` are left out). */
export type Settings = Readonly<Record<string, string>>;

export interface FileState {
  readonly path: string;
  readonly exists: boolean;
  /** The parse error, as the SDK would report it (boto3: ConfigParseError with the line). */
  readonly parseError?: IniParseError | undefined;
  /** Section names as written inside the brackets. */
  readonly sections: readonly string[];
}

export interface ProfileOrigin {
  readonly file: 'config' | 'credentials';
  /** The header as written, e.g. `profile dev`. */
  readonly section: string;
}

/**
 * The shared files as one SDK sees them: botocore's `session.full_config` (config profiles, with credentials-file
 * sections laid over them), or the JS SDK's `parseKnownFiles` (the same merge, its own parser).
 */
export interface ProfileSet {
  readonly sdk: SdkName;
  readonly config: FileState;
  readonly credentials: FileState;
  readonly profiles: Readonly<Record<string, Settings>>;
  /** Static keys as each file holds them (the boto3 chain tells `shared-credentials-file` from `config-file`). */
  readonly credentialsFileProfiles: Readonly<Record<string, Settings>>;
  readonly configFileProfiles: Readonly<Record<string, Settings>>;
  readonly ssoSessions: Readonly<Record<string, Settings>>;
  readonly origins: Readonly<Record<string, readonly ProfileOrigin[]>>;
  /** Sections the SDK ignores, and why (e.g. `[dev]` without `profile ` in the config file). */
  readonly ignoredSections: readonly { file: 'config' | 'credentials'; section: string; why: string }[];
}

async function readIfFile(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_SHARED_FILE_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function flat(section: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(section ?? {})) if (typeof value === 'string') out[key] = value;
  return out;
}

/** botocore's `_parse_section`: `shlex.split(header)` must give exactly two words (so `[profile "a b"]` names `a b`). */
function botocoreSectionName(header: string, prefix: string): string | undefined {
  if (!header.startsWith(prefix)) return undefined;
  let words: string[];
  try {
    words = shlexSplit(header);
  } catch {
    return undefined;
  }
  return words.length === 2 ? words[1] : undefined;
}

async function loadBotocore(system: System): Promise<ProfileSet> {
  const configPath = configFilePath(system);
  const credentialsPath = credentialsFilePath(system);
  const [configText, credentialsText] = await Promise.all([readIfFile(configPath), readIfFile(credentialsPath)]);
  const parse = (text: string | undefined, path: string) =>
    text === undefined ? { ok: true as const, sections: {} as IniSections } : parseBotocoreIni(text, path);
  const configParsed = parse(configText, configPath);
  const credentialsParsed = parse(credentialsText, credentialsPath);
  const configSections = configParsed.ok ? configParsed.sections : {};
  const credentialsSections = credentialsParsed.ok ? credentialsParsed.sections : {};
  const profiles: Record<string, Record<string, string>> = {};
  const configFileProfiles: Record<string, Settings> = {};
  const ssoSessions: Record<string, Settings> = {};
  const origins: Record<string, ProfileOrigin[]> = {};
  const ignored: { file: 'config' | 'credentials'; section: string; why: string }[] = [];
  for (const [header, values] of Object.entries(configSections)) {
    const settings = flat(values);
    if (header.startsWith('profile')) {
      const name = botocoreSectionName(header, 'profile');
      if (name === undefined) {
        ignored.push({ file: 'config', section: header, why: 'botocore needs exactly `profile NAME`' });
        continue;
      }
      profiles[name] = { ...settings };
      configFileProfiles[name] = settings;
      origins[name] = [{ file: 'config', section: header }];
    } else if (header.startsWith('sso-session')) {
      const name = botocoreSectionName(header, 'sso-session');
      if (name !== undefined) ssoSessions[name] = settings;
    } else if (header === 'default') {
      profiles.default = { ...settings };
      configFileProfiles.default = settings;
      origins.default = [{ file: 'config', section: header }];
    } else if (!header.startsWith('services')) {
      ignored.push({
        file: 'config',
        section: header,
        why: `not a profile in the config file: write [profile ${header}] (only the credentials file uses [${header}])`,
      });
    }
  }
  const credentialsFileProfiles: Record<string, Settings> = {};
  for (const [header, values] of Object.entries(credentialsSections)) {
    const settings = flat(values);
    credentialsFileProfiles[header] = settings;
    profiles[header] = { ...(profiles[header] ?? {}), ...settings };
    (origins[header] ??= []).push({ file: 'credentials', section: header });
  }
  return {
    sdk: 'boto3',
    config: {
      path: configPath,
      exists: configText !== undefined,
      parseError: configParsed.ok ? undefined : configParsed.error,
      sections: Object.keys(configSections),
    },
    credentials: {
      path: credentialsPath,
      exists: credentialsText !== undefined,
      parseError: credentialsParsed.ok ? undefined : credentialsParsed.error,
      sections: Object.keys(credentialsSections),
    },
    profiles,
    credentialsFileProfiles,
    configFileProfiles,
    ssoSessions,
    origins,
    ignoredSections: ignored,
  };
}

/** Section headers as written, for the report (the JS parser does not keep them). */
function headersOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[([^\]]*)\]/.exec(line);
    if (match) out.push(match[1]!.trim());
  }
  return out;
}

async function loadNode(system: System): Promise<ProfileSet> {
  const configPath = configFilePath(system);
  const credentialsPath = credentialsFilePath(system);
  const [configText, credentialsText] = await Promise.all([readIfFile(configPath), readIfFile(credentialsPath)]);
  const parsed = await loadSharedConfigFiles({
    filepath: credentialsPath,
    configFilepath: configPath,
    ignoreCache: true,
  });
  const profiles: Record<string, Record<string, string>> = {};
  const configFileProfiles: Record<string, Settings> = {};
  const credentialsFileProfiles: Record<string, Settings> = {};
  const ssoSessions: Record<string, Settings> = {};
  const origins: Record<string, ProfileOrigin[]> = {};
  const ignored: { file: 'config' | 'credentials'; section: string; why: string }[] = [];
  for (const [key, values] of Object.entries(parsed.configFile ?? {})) {
    if (key.startsWith('sso-session.')) {
      ssoSessions[key.slice('sso-session.'.length)] = flat(values);
      continue;
    }
    if (key.includes('.')) continue;
    configFileProfiles[key] = flat(values);
    profiles[key] = { ...flat(values) };
    origins[key] = [{ file: 'config', section: key === 'default' ? 'default' : `profile ${key}` }];
  }
  for (const [key, values] of Object.entries(parsed.credentialsFile ?? {})) {
    if (key.includes('.')) continue;
    credentialsFileProfiles[key] = flat(values);
    profiles[key] = { ...(profiles[key] ?? {}), ...flat(values) };
    (origins[key] ??= []).push({ file: 'credentials', section: key });
  }
  const configHeaders = headersOf(configText);
  for (const header of configHeaders) {
    const words = header.split(/\s+/);
    const known =
      header === 'default' || (words.length === 2 && ['profile', 'sso-session', 'services'].includes(words[0]!));
    if (!known)
      ignored.push({
        file: 'config',
        section: header,
        why: 'the JS SDK reads only [default], [profile NAME], [sso-session NAME] here',
      });
  }
  return {
    sdk: 'node',
    config: { path: configPath, exists: configText !== undefined, sections: configHeaders },
    credentials: { path: credentialsPath, exists: credentialsText !== undefined, sections: headersOf(credentialsText) },
    profiles,
    credentialsFileProfiles,
    configFileProfiles,
    ssoSessions,
    origins,
    ignoredSections: ignored,
  };
}

/** Reads the config and credentials files of `system` exactly as the chosen SDK would. */
export async function loadProfileSet(system: System, sdk: SdkName): Promise<ProfileSet> {
  return sdk === 'boto3' ? loadBotocore(system) : loadNode(system);
}
