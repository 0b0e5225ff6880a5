import type { Command } from 'commander';
import type { System } from '../system.js';

/** Exit codes that mean something, the same for every command. */
export const ExitCode = {
  /** The command did what was asked; the answer is yes / healthy. */
  ok: 0,
  /** The command ran, and the answer is no: no usable credentials, denied, a failed call, unreadable input file. */
  failure: 1,
  /** Bad usage: unknown flag, missing argument, contradictory options. */
  usage: 2,
  /** awsdoctor itself broke: a bug to report. */
  internal: 70,
} as const;

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

/** What every command receives: the seam to the outside world and the two output streams. Built once in main. */
export interface CliContext {
  readonly system: System;
  /** Only the command's result goes here (scripts and SDKs parse it). */
  readonly stdout: Output;
  /** Progress, warnings and errors. */
  readonly stderr: Output;
  /** Reads all of standard input (for `-` arguments). */
  readStdin(): Promise<string>;
  /** Set by a command's action; main returns it. */
  exitCode: number;
}

/** One file per command: each exports a `register` that adds its command(s) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Writes one JSON document followed by a newline. */
export function printJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Wraps an action so its returned number becomes the exit code; thrown errors are rendered by main. */
export function action<A extends unknown[]>(
  ctx: CliContext,
  run: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await run(...args);
    ctx.exitCode = typeof code === 'number' ? code : ExitCode.ok;
  };
}
