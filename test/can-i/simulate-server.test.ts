import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canI } from '../../src/access/can-i.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';

/**
 * A test server that answers like IAM and STS (query protocol, XML responses as in the IAM and STS API references):
 * GetCallerIdentity (an assumed-role session), GetRole (the role has a path), and SimulatePrincipalPolicy from a
 * table, paginated with Marker. It records every request so the test can check what can-i asked.
 */
const ACCOUNT = '111122223333';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team/deploy`;
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

interface Simulated {
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  statements?: { id: string; type: string; line: number; column: number }[];
  boundaryAllows?: boolean;
  missing?: string[];
}

const TABLE: Record<string, Simulated> = {
  'ecr:GetAuthorizationToken': {
    decision: 'allowed',
    statements: [{ id: 'ecr-login', type: 'IAM Policy', line: 3, column: 17 }],
    boundaryAllows: true,
  },
  'ecr:PutImage': { decision: 'implicitDeny', boundaryAllows: false },
  's3:DeleteBucket': {
    decision: 'explicitDeny',
    statements: [{ id: 'guardrails', type: 'IAM Policy', line: 12, column: 9 }],
  },
  'ec2:RunInstances': { decision: 'implicitDeny', missing: ['ec2:InstanceType'] },
};

interface Recorded {
  action: string;
  params: URLSearchParams;
}

let server: Server;
let endpoint: string;
let denySimulation = false;
const requests: Recorded[] = [];
let home: TempHome;

function xml(root: string, ns: string, result: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root}Response xmlns="${ns}">
  <${root}Result>${result}</${root}Result>
  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
</${root}Response>`;
}

function evaluationResult(action: string, resource: string): string {
  const sim = TABLE[action] ?? { decision: 'implicitDeny' };
  const statements = (sim.statements ?? [])
    .map(
      (s) => `<member><SourcePolicyId>${s.id}</SourcePolicyId><SourcePolicyType>${s.type}</SourcePolicyType>
        <StartPosition><Line>${s.line}</Line><Column>${s.column}</Column></StartPosition>
        <EndPosition><Line>${s.line + 4}</Line><Column>6</Column></EndPosition></member>`,
    )
    .join('');
  const missing = (sim.missing ?? []).map((k) => `<member>${k}</member>`).join('');
  const boundary =
    sim.boundaryAllows === undefined
      ? ''
      : `<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>${sim.boundaryAllows}</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>`;
  return `<member>
      <EvalActionName>${action}</EvalActionName>
      <EvalResourceName>${resource}</EvalResourceName>
      <EvalDecision>${sim.decision}</EvalDecision>
      <MatchedStatements>${statements}</MatchedStatements>
      <MissingContextValues>${missing}</MissingContextValues>
      ${boundary}
    </member>`;
}

function members(params: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${prefix}.member.${i}`); i++) out.push(params.get(`${prefix}.member.${i}`) as string);
  return out;
}

function respond(params: URLSearchParams): { status: number; body: string } {
  const action = params.get('Action') ?? '';
  if (action === 'GetCallerIdentity') {
    return {
      status: 200,
      body: xml(
        'GetCallerIdentity',
        'https://sts.amazonaws.com/doc/2011-06-15/',
        `<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci-run-7</Arn><UserId>AROA3XFRBF535EXAMPLE:ci-run-7</UserId><Account>${ACCOUNT}</Account>`,
      ),
    };
  }
  if (action === 'GetRole' && params.get('RoleName') === 'deploy') {
    return {
      status: 200,
      body: xml(
        'GetRole',
        IAM_NS,
        `<Role><Path>/team/</Path><RoleName>deploy</RoleName><RoleId>AROA3XFRBF535EXAMPLE</RoleId><Arn>${ROLE_ARN}</Arn>
         <CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument></Role>`,
      ),
    };
  }
  if (action === 'SimulatePrincipalPolicy' && !denySimulation) {
    if (params.get('PolicySourceArn') !== ROLE_ARN) {
      return { status: 404, body: errorXml('NoSuchEntity', 'The principal does not exist.', 'Sender') };
    }
    const actions = members(params, 'ActionNames');
    const resources = members(params, 'ResourceArns');
    const pairs = actions.flatMap((a) => (resources.length ? resources : ['*']).map((r) => [a, r] as const));
    // Two results per page: the client must follow Marker.
    const start = Number(params.get('Marker') ?? '0');
    const page = pairs.slice(start, start + 2);
    const more = start + 2 < pairs.length;
    return {
      status: 200,
      body: xml(
        'SimulatePrincipalPolicy',
        IAM_NS,
        `<IsTruncated>${more}</IsTruncated>${more ? `<Marker>${start + 2}</Marker>` : ''}
         <EvaluationResults>${page.map(([a, r]) => evaluationResult(a, r)).join('')}</EvaluationResults>`,
      ),
    };
  }
  return {
    status: 403,
    body: errorXml(
      'AccessDenied',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci-run-7 is not authorized to perform: iam:${action}`,
      'Sender',
    ),
  };
}

function errorXml(code: string, message: string, type: string): string {
  return `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4a2b</RequestId></ErrorResponse>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  home = await makeTempHome();
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const params = new URLSearchParams(body);
      requests.push({ action: params.get('Action') ?? '', params });
      const { status, body: out } = respond(params);
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await home?.cleanup();
});

function env(): Record<string, string> {
  return {
    ...home.env,
    AWS_ENDPOINT_URL_IAM: endpoint,
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN',
  };
}

describe('can-i through iam:SimulatePrincipalPolicy (test server answering like IAM)', () => {
  it('simulates the role behind the session (path from GetRole), with aws:RequestedRegion and resource ARNs', async () => {
    denySimulation = false;
    requests.length = 0;
    const report = await canI({
      system: home.system(env()),
      actions: ['ecr:GetAuthorizationToken', 'ecr:PutImage', 's3:DeleteBucket'],
      resources: ['arn:aws:ecr:eu-west-1:111122223333:repository/app'],
      region: 'eu-west-1',
    });
    expect(report.method).toBe('simulate');
    expect(report.caller).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci-run-7`);
    expect(report.principal).toBe(ROLE_ARN);
    expect(report.blindSpots).toEqual(['rcp', 'resource-policy', 'session-policy']);

    const simulations = requests.filter((r) => r.action === 'SimulatePrincipalPolicy');
    expect(simulations.length).toBe(2); // followed the Marker
    const first = simulations[0]!.params;
    expect(first.get('PolicySourceArn')).toBe(ROLE_ARN);
    expect(members(first, 'ActionNames')).toEqual(['ecr:GetAuthorizationToken', 'ecr:PutImage', 's3:DeleteBucket']);
    expect(members(first, 'ResourceArns')).toEqual(['arn:aws:ecr:eu-west-1:111122223333:repository/app']);
    expect(first.get('ContextEntries.member.1.ContextKeyName')).toBe('aws:RequestedRegion');
    expect(first.get('ContextEntries.member.1.ContextKeyValues.member.1')).toBe('eu-west-1');
    expect(first.get('ContextEntries.member.1.ContextKeyType')).toBe('string');
    expect(simulations[1]!.params.get('Marker')).toBe('2');

    expect(report.results.map((r) => [r.action, r.decision])).toEqual([
      ['ecr:GetAuthorizationToken', 'allowed'],
      ['ecr:PutImage', 'implicitly-denied'],
      ['s3:DeleteBucket', 'explicitly-denied'],
    ]);
    expect(report.results[0]!.matchedStatements).toEqual([
      { policy: 'ecr-login', policyType: 'IAM Policy', startLine: 3, startColumn: 17 },
    ]);
    expect(report.results[1]!.reason).toContain('permissions boundary does not allow it');
    expect(report.results[2]!.reason).toContain('explicitly denied by guardrails');
    // Nothing but reads: the only IAM/STS actions can-i sent.
    expect([...new Set(requests.map((r) => r.action))].sort()).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'SimulatePrincipalPolicy',
    ]);
  });

  it('asks about global services (IAM) with aws:RequestedRegion us-east-1, where their endpoint is', async () => {
    denySimulation = false;
    requests.length = 0;
    await canI({ system: home.system(env()), actions: ['ecr:PutImage', 'iam:ListUsers'], region: 'eu-west-1' });
    const simulations = requests
      .filter((r) => r.action === 'SimulatePrincipalPolicy')
      .map((r) => [
        members(r.params, 'ActionNames'),
        r.params.get('ContextEntries.member.1.ContextKeyValues.member.1'),
      ]);
    expect(simulations).toEqual([
      [['ecr:PutImage'], 'eu-west-1'],
      [['iam:ListUsers'], 'us-east-1'],
    ]);
  });

  it('reports context keys the simulator missed', async () => {
    denySimulation = false;
    const report = await canI({ system: home.system(env()), actions: ['ec2:RunInstances'], region: 'us-east-1' });
    expect(report.results[0]!.reason).toContain('context keys not supplied: ec2:InstanceType');
  });

  it('falls back when simulation is denied, and says so (nothing readable: method none)', async () => {
    denySimulation = true;
    const report = await canI({ system: home.system(env()), actions: ['ecr:PutImage'], region: 'us-east-1' });
    expect(report.method).toBe('none');
    expect(report.notes.join(' ')).toMatch(/SimulatePrincipalPolicy is not available \(AccessDenied/);
    expect(report.results[0]!.decision).toBe('unknown');
  });

  it('CLI --json: method simulate, exit 1 with a denied action, exit 0 when all allowed', async () => {
    denySimulation = false;
    const mixed = await runCli(
      ['can-i', 'ecr:GetAuthorizationToken', 's3:DeleteBucket', '--region', 'eu-west-1', '--json'],
      {
        env: env(),
      },
    );
    expect(mixed.code, mixed.stderr).toBe(1);
    const doc = JSON.parse(mixed.stdout);
    expect(doc.method).toBe('simulate');
    expect(doc.principal).toBe(ROLE_ARN);
    expect(doc.results[1]).toMatchObject({ action: 's3:DeleteBucket', resource: '*', decision: 'explicitly-denied' });
    const ok = await runCli(['can-i', 'ecr:GetAuthorizationToken', '--region', 'eu-west-1'], { env: env() });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("IAM's policy simulator");
    expect(ok.stdout).not.toContain('wJalrXUtnFEMI');
  });
});
