// Public exports of this area, re-exported by src/index.ts.
export { expandPath, configFilePath, credentialsFilePath, loginCacheDirectory } from './paths.js';
export { loadSharedConfig, type SharedConfig, type SharedFile, type ProfileSettings } from './shared-files.js';
