import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own servers on port 0, so files may run in parallel.
    pool: 'forks',
    reporters: ['default'],
    // In-process SDK clients would print the SDK's Node-version notice into the test log; the CLI silences it too.
    // Tests never reach the network: no SDK in or under the test process may probe instance metadata (169.254.169.254).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
