import { UsageError } from '../errors.js';

/** Keys (and optionally settings) as a person pipes them into `awsdoctor configure`. */
export interface KeyInput {
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
  region?: string | undefined;
  output?: string | undefined;
}

/** Larger input is not a key pair; refusing it keeps a mistaken redirect from being parsed. */
export const MAX_KEY_INPUT_BYTES = 64 * 1024;

function pick(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function fromJson(value: unknown): KeyInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('The JSON on stdin is not an object with AccessKeyId and SecretAccessKey.');
  }
  let record = value as Record<string, unknown>;
  // `aws iam create-access-key` and `aws sts assume-role` wrap the keys.
  for (const wrapper of ['AccessKey', 'Credentials']) {
    const inner = record[wrapper];
    if (typeof inner === 'object' && inner !== null) record = inner as Record<string, unknown>;
  }
  const keys: KeyInput = {
    accessKeyId: pick(record, 'AccessKeyId', 'aws_access_key_id', 'accessKeyId'),
    secretAccessKey: pick(record, 'SecretAccessKey', 'aws_secret_access_key', 'secretAccessKey'),
    sessionToken: pick(record, 'SessionToken', 'aws_session_token', 'sessionToken'),
  };
  if (!keys.accessKeyId || !keys.secretAccessKey) {
    throw new UsageError('The JSON on stdin has no AccessKeyId and SecretAccessKey.');
  }
  return keys;
}

/** The CSV the IAM console offers for download: a header row, then `key id,secret` (some versions add a user name). */
function fromCsv(lines: string[]): KeyInput {
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  const row = (lines[1] ?? '').split(',').map((c) => c.trim());
  const idIndex = header.findIndex((h) => h.includes('access key id'));
  const secretIndex = header.findIndex((h) => h.includes('secret access key'));
  const accessKeyId = row[idIndex];
  const secretAccessKey = row[secretIndex];
  if (!accessKeyId || !secretAccessKey) throw new UsageError('The CSV on stdin has no key row under its header.');
  return { accessKeyId, secretAccessKey };
}

/**
 * Reads keys from standard input in any of the forms people have at hand: the JSON of `aws iam create-access-key`
 * (or `{AccessKeyId, SecretAccessKey}`), the IAM console's CSV download, or the answers `aws configure` would read,
 * one per line: key id, secret, region, output (an empty line keeps the current value). Returns {} for empty input.
 */
export function parseKeyInput(text: string): KeyInput {
  if (Buffer.byteLength(text) > MAX_KEY_INPUT_BYTES) {
    throw new UsageError(`The input on stdin is larger than ${MAX_KEY_INPUT_BYTES} bytes; it is not a key pair.`);
  }
  const clean = text.replace(/^\uFEFF/, '');
  const trimmed = clean.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new UsageError(`The JSON on stdin is not valid: ${(error as Error).message.split('\n')[0]}`);
    }
    return fromJson(parsed);
  }
  const lines = clean.split(/\r?\n/);
  if (/access key id/i.test(lines[0] ?? '') && (lines[0] ?? '').includes(','))
    return fromCsv(lines.filter((l) => l.trim() !== ''));
  const [id, secret, region, output] = lines.map((l) => l.trim());
  return {
    accessKeyId: id || undefined,
    secretAccessKey: secret || undefined,
    region: region || undefined,
    output: output || undefined,
  };
}
