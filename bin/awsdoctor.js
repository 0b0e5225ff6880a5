#!/usr/bin/env node
// Snapshot the environment first: the doctor reasons about the user's environment, not the tweaks below.
const env = { ...process.env };
const args = process.argv.slice(2);
let answered = false;
// `creds process` runs on every credential refresh of every SDK client: answer a fresh login cache with Node
// built-ins only (no AWS SDK, no commander); anything else falls through to the full CLI.
if (args[0] === 'creds' && args[1] === 'process') {
  // One bundled file (npm run build) loads faster than the module graph it is made of; tsc alone gives the latter.
  const { fastCredentialProcess } = await import('../dist/bridge/process-fast-path.bundle.js').catch(
    () => import('../dist/bridge/process-fast-path.js'),
  );
  const output = fastCredentialProcess(args.slice(2), env, Date.now());
  if (output !== undefined) {
    process.stdout.write(output);
    answered = true;
  }
}
if (!answered) {
  // The AWS SDK warns about Node versions on stderr; that is noise for people and scripts reading our output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(args, { env });
}
