import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { AwsDoctorError } from '../errors.js';

/** Questions asked on a terminal, `aws configure` style; a hidden answer is never echoed. */
export interface Prompter {
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
  close(): void;
}

/**
 * A prompter on a TTY: readline for editing, writing through a stream that can be muted, so a hidden answer
 * (the secret access key) is read without one character of it reaching the screen.
 */
export function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WriteStream): Prompter {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) output.write(chunk);
      callback();
    },
  }) as Writable & { columns?: number; isTTY?: boolean };
  sink.columns = output.columns;
  sink.isTTY = true;
  const rl: Interface = createInterface({ input, output: sink, terminal: true });
  let closed = false;
  let cancel: ((error: Error) => void) | undefined;
  const cancelled = (why: string) =>
    new AwsDoctorError('configure.cancelled', `${why}; nothing was written.`, {
      hint: 'Run awsdoctor configure again.',
    });
  rl.on('SIGINT', () => {
    output.write('\n');
    cancel?.(cancelled('Cancelled'));
    rl.close();
  });
  rl.on('close', () => {
    closed = true;
    cancel?.(cancelled('Input ended'));
  });
  return {
    ask(question, options = {}) {
      if (closed) return Promise.reject(cancelled('Input ended'));
      return new Promise<string>((resolve, reject) => {
        cancel = reject;
        output.write(question);
        muted = Boolean(options.hidden);
        rl.question('', (answer) => {
          cancel = undefined;
          if (muted) output.write('\n');
          muted = false;
          resolve(answer.trim());
        });
      });
    },
    close() {
      cancel = undefined;
      rl.close();
    },
  };
}
