import type { RegisterCommand } from './context.js';

/** Placeholder until the command lands: registers nothing. Receives the `creds` command group. */
export const registerCredsExport: RegisterCommand = () => {};
