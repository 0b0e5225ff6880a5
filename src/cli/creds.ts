import type { RegisterCommand } from './context.js';
import { registerCredsExec } from './creds-exec.js';
import { registerCredsExport } from './creds-export.js';
import { registerCredsProcess } from './creds-process.js';
import { registerCredsResolve } from './creds-resolve.js';
import { registerCredsServe } from './creds-serve.js';
import { registerCredsSetupProcess } from './creds-setup-process.js';

/** `awsdoctor creds ...`: resolve credentials, and bridge them to processes that cannot resolve them themselves. */
export const registerCreds: RegisterCommand = (program, ctx) => {
  const creds = program
    .command('creds')
    .description('resolve credentials as an SDK would, and bridge them to other processes');
  for (const register of [
    registerCredsResolve,
    registerCredsProcess,
    registerCredsExport,
    registerCredsServe,
    registerCredsExec,
    registerCredsSetupProcess,
  ]) {
    register(creds, ctx);
  }
};
