#!/usr/bin/env node
'use strict';
// CommonJS on purpose: `creds process` runs on every credential refresh of every SDK client, and a CommonJS entry
// skips the ES module loader's start-up, the largest part of what awsdoctor adds over a bare `node -e 0`.

// Snapshot the environment first: the doctor reasons about the user's environment, not the tweaks below.
const env = { ...process.env };
const args = process.argv.slice(2);

function runFullCli() {
  // The AWS SDK warns about Node versions on stderr; that is noise for people and scripts reading our output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  import('../dist/cli/main.js')
    .then(({ main }) => main(args, { env }))
    .then((code) => {
      process.exitCode = code;
    });
}

let answered = false;
if (args[0] === 'creds' && args[1] === 'process') {
  // A fresh login cache is answered with Node built-ins only (no AWS SDK, no commander), from one bundled file
  // (`npm run build`); anything else (a refresh, another source, a missing bundle) goes to the full CLI.
  let fastPath;
  try {
    fastPath = require('../dist/bridge/process-fast-path.cjs');
  } catch {
    fastPath = undefined;
  }
  const output = fastPath?.fastCredentialProcess(args.slice(2), env, Date.now());
  if (output !== undefined) {
    process.stdout.write(output);
    answered = true;
  }
}
if (!answered) runFullCli();
