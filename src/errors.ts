/**
 * The error every awsdoctor source and command throws: a stable machine-readable `reason` (kept across releases,
 * used by `--json` output and the doctor), a one-line message for a person, and the next step to take.
 */
export class AwsDoctorError extends Error {
  override readonly name: string = 'AwsDoctorError';
  /** Stable key, e.g. `login.cache-file-missing`. */
  readonly reason: string;
  /** The next thing the person should do, e.g. `aws login --profile dev`. */
  readonly hint: string | undefined;

  constructor(reason: string, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.hint = options.hint;
  }
}

/** Bad input from the person (a flag, an argument, a file they pointed us at): the CLI exits 2. */
export class UsageError extends AwsDoctorError {
  override readonly name = 'UsageError';
  constructor(message: string, hint?: string) {
    super('usage', message, hint === undefined ? {} : { hint });
  }
}

export function isAwsDoctorError(value: unknown): value is AwsDoctorError {
  return value instanceof AwsDoctorError;
}

/** A short description of any thrown value, for traces; never includes a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
