#!/usr/bin/env node
// Snapshot the environment first: the doctor reasons about the user's environment, not the tweaks below.
const env = { ...process.env };
// The AWS SDK warns about Node versions on stderr; that is noise for people and scripts reading our output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2), { env });
