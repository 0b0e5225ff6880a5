// Public exports of this area, re-exported by src/index.ts.
export {
  CredentialSourceError,
  type AwsCredentials,
  type CredentialProvider,
  type CredentialSourceName,
  type SourceAttempt,
} from './types.js';
export { defaultCredentialProvider } from './default-provider.js';
export {
  resolveCredentials,
  resolveDetailed,
  resolutionResult,
  credentialProviderFor,
  parseSdk,
  type ResolveOptions,
  type ResolutionResult,
  type ResolutionDetails,
  type TraceEntry,
} from './resolve.js';
export {
  planResolution,
  ASSUMED_CAPABILITIES,
  type ResolutionPlan,
  type PlannedSource,
  type PlannedError,
  type FetchSpec,
  type BotocoreCapabilities,
  type PlanOptions,
} from './plan.js';
export { executePlan, fetchFor, type ChainAttempt, type ExecutionResult, type ChainError } from './execute.js';
export { loadProfileSet, type ProfileSet, type SdkName, type FileState } from './profiles.js';
export { parseBotocoreIni, shlexSplit, type IniParseError } from './botocore-ini.js';
export {
  probePython,
  capabilitiesOf,
  compareVersions,
  LOGIN_PROVIDER_MIN_BOTOCORE,
  type PythonEnvironment,
} from './python-probe.js';
export { whoami, callerIdentity, parsePrincipal, type Identity, type Principal } from './whoami.js';
export {
  buildDoctorReport,
  renderDoctorReport,
  describeExpiry,
  type DoctorReport,
  type DoctorOptions,
  type DoctorCheck,
} from './doctor.js';
export {
  runHygieneChecks,
  DEFAULT_HYGIENE_CHECKS,
  filePermissionCheck,
  environmentKeysCheck,
  staticKeysCheck,
  type HygieneCheck,
  type HygieneFinding,
} from './hygiene.js';
export { fromEnvironment } from './env.js';
export { fromProfileKeys } from './static-keys.js';
export { fromAssumeRole } from './assume-role.js';
export { fromWebIdentity } from './web-identity.js';
export { fromSso, ssoTokenCachePath } from './sso.js';
export { fromCredentialProcess } from './custom-process.js';
export { fromContainerEndpoint } from './container.js';
export { fromImds } from './instance-metadata.js';
export { fromLoginSession } from './login-source.js';
export { fromLogin } from './login.js';
