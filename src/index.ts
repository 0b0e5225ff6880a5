// awsdoctor's library API: named exports only. See README.md, "Library".
export { createSystem, withEnv, homeDirFromEnv, type System, type SystemOptions, type Env } from './system.js';
export { AwsDoctorError, UsageError, isAwsDoctorError } from './errors.js';
export { maskKeyId, maskSecret } from './redact.js';
export * from './config/index.js';
export * from './credentials/index.js';
export * from './login/index.js';
export * from './bridge/index.js';
export * from './access/index.js';
export * from './jupyter/index.js';
export * from './helpers/index.js';
