// Public exports of this area, re-exported by src/index.ts.
export * from './types.js';
export { parseErrors, parseErrorText, MAX_ERRORS, type ParseResult } from './parse-error.js';
export { normalizeErrorText, MAX_INPUT_CHARS } from './normalize.js';
export { parseArn, principalTypeOf, principalAccount, principalEntity } from './principal.js';
