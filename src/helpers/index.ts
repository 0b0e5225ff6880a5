// Public exports of this area, re-exported by src/index.ts.
export {
  createClient,
  createClientWithSettings,
  clientSettings,
  type CreateClientOptions,
  type ClientSettings,
  type SdkClientClass,
} from './client.js';
export { describeSdkError, captureErrorBodies, type SdkErrorInfo, type SdkErrorKind } from './sdk-errors.js';
export {
  invokeLambda,
  parseFunctionError,
  regionOfFunctionArn,
  InvokeError,
  GUIDE_DEFAULT_REGION,
  MAX_SYNC_PAYLOAD_BYTES,
  type InvokeOptions,
  type InvokeResult,
  type FunctionErrorInfo,
} from './invoke.js';
export {
  configureProfile,
  planConfigureProfile,
  callerIdentityOf,
  validateConfigureInput,
  maskIniSecrets,
  ConfigureError,
  OUTPUT_FORMATS,
  type ConfigureProfileOptions,
  type ConfigurePlan,
  type ConfigureResult,
  type CallerIdentity,
  type PlannedFileChange,
} from './configure.js';
export {
  listConfiguration,
  formatConfigurationTable,
  type ConfigurationList,
  type ConfigurationRow,
  type SettingType,
} from './configure-list.js';
export {
  runSecurityChecks,
  checkAccessKeyAge,
  checkCredentialFilePermissions,
  checkEnvironmentKeys,
  accessKeyAgeHygieneCheck,
  MAX_ACCESS_KEY_AGE_DAYS,
  type SecurityFinding,
  type FindingSeverity,
} from './security-checks.js';
export { parseKeyInput, MAX_KEY_INPUT_BYTES, type KeyInput } from './key-input.js';
