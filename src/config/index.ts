// Public exports of this area, re-exported by src/index.ts.
export { expandPath, configFilePath, credentialsFilePath, loginCacheDirectory } from './paths.js';
export { loadSharedConfig, type SharedConfig, type SharedFile, type ProfileSettings } from './shared-files.js';
export { resolveRegion, endpointOverride, type ResolvedRegion, type RegionSource } from './region.js';
export { upsertIniSection, readIniSection, configProfileHeader } from './edit-ini.js';
export { editUserFile, writeFileAtomically, backupFile, SECRET_FILE_MODE, type FileEdit } from './safe-write.js';
