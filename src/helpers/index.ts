// Public exports of this area, re-exported by src/index.ts.
export { createClient, clientSettings, type CreateClientOptions, type ClientSettings } from './client.js';
