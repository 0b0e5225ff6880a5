// Public exports of this area, re-exported by src/index.ts.
export {
  credentialProcessDocument,
  formatCredentialProcess,
  type CredentialProcessDocument,
} from './process-output.js';
export {
  formatEnvExport,
  exportVariables,
  expiryNotice,
  isExportFormat,
  quoteSh,
  quoteFish,
  quotePowerShell,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
} from './env-export.js';
export { containerCredentialsBody, type ContainerCredentialsBody } from './container-body.js';
export { refreshingCache, type RefreshingCacheOptions } from './refreshing-cache.js';
export {
  startCredentialsEndpoint,
  endpointEnvironment,
  isLoopbackAddress,
  CREDENTIALS_PATH,
  type CredentialsEndpoint,
  type CredentialsEndpointOptions,
} from './endpoint.js';
export { childEnvironment, CONFLICTING_ENV_NAMES, type ChildEnvironment } from './exec-env.js';
export {
  setupProcessProfile,
  credentialProcessCommand,
  quoteProcessArg,
  CLI_SCRIPT_PATH,
  type SetupProcessOptions,
} from './setup-process.js';
export { fastCredentialProcess } from './process-fast-path.js';
