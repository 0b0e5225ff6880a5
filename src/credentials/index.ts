// Public exports of this area, re-exported by src/index.ts.
export {
  CredentialSourceError,
  type AwsCredentials,
  type CredentialProvider,
  type CredentialSourceName,
  type SourceAttempt,
} from './types.js';
export { fromLogin } from './login.js';
