import { readFile, stat } from 'node:fs/promises';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import { configFilePath, credentialsFilePath } from './paths.js';

/** One profile's settings, as the SDKs see them after parsing (nested sections flattened as `s3.max_concurrent_requests`). */
export type ProfileSettings = Readonly<Record<string, string | undefined>>;

export interface SharedFile {
  readonly path: string;
  readonly exists: boolean;
  /** Sections keyed as the JS SDK keys them: `default`, `dev` (from `[profile dev]`), `sso-session.corp`, `services.x`. */
  readonly sections: Readonly<Record<string, ProfileSettings>>;
}

export interface SharedConfig {
  readonly config: SharedFile;
  readonly credentials: SharedFile;
}

/** Files larger than this are not AWS config files; refusing them keeps a mistaken path from eating memory. */
export const MAX_SHARED_FILE_BYTES = 4 * 1024 * 1024;

async function fileState(path: string): Promise<{ exists: boolean }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new AwsDoctorError('config.not-a-file', `${path} is not a regular file.`, {
        hint: 'Point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a file, or unset them.',
      });
    }
    if (info.size > MAX_SHARED_FILE_BYTES) {
      throw new AwsDoctorError(
        'config.too-large',
        `${path} is ${info.size} bytes, larger than any AWS config file should be (limit ${MAX_SHARED_FILE_BYTES}).`,
        { hint: 'Check that the path names your AWS config or credentials file.' },
      );
    }
    return { exists: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    throw error;
  }
}

/**
 * Reads the shared config and credentials files of `system` with the AWS SDK's own parser
 * (`@smithy/core/config`), so that section and key handling matches the JS SDK to the letter.
 */
export async function loadSharedConfig(system: System): Promise<SharedConfig> {
  const configPath = configFilePath(system);
  const credentialsPath = credentialsFilePath(system);
  const [configState, credentialsState] = await Promise.all([fileState(configPath), fileState(credentialsPath)]);
  let parsed: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    parsed = await loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath, ignoreCache: true });
  } catch (error) {
    throw new AwsDoctorError(
      'config.unparsable',
      `Cannot parse ${configPath} or ${credentialsPath}: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'Fix the line named above, or run `awsdoctor doctor` for the exact line.',
      },
    );
  }
  return {
    config: { path: configPath, exists: configState.exists, sections: parsed.configFile ?? {} },
    credentials: { path: credentialsPath, exists: credentialsState.exists, sections: parsed.credentialsFile ?? {} },
  };
}

/** Reads a whole text file, or `undefined` when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
