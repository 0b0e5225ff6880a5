import type { RegisterCommand } from './context.js';

/** Placeholder until the command lands: registers nothing. */
export const registerJupyter: RegisterCommand = () => {};
