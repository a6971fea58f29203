// What the generated IAM documents decide, not what they say: for every valid golden scenario, a table of
// requests is put to an IAM policy simulator (@cloud-copilot/iam-simulate) and each decision is compared
// with one derived from the configuration alone — the access levels, prefixes, account and names the user
// chose — by the small model below, never from the generated text.
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import { checkExtraStatements, s3Grant } from '../knowledge/policies.ts'
import { decide, type Decision, type Policies, type Probe } from '../test-support/iam-simulator.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import { generate } from './generate.ts'
import type { GenerateResult } from './types.ts'

/** An account that is not the user's: where a re-registered bucket of the same name would live. */
const OTHER_ACCOUNT = '999988887777'

// The product's promise per access level (README, Access step): read = get and list, write = put only,
// read-write = both; never delete.
const ACTIONS_PER_ACCESS = {
  read: ['s3:GetObject', 's3:ListBucket'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket'],
} as const satisfies Record<WizardConfig['buckets'][number]['access'], readonly string[]>

/** The partition from the region's name, as AWS names regions (independent of the generator's table). */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** A role's ARN from its name field: an existing role may be given by ARN (path included). */
const roleArn = (config: WizardConfig, name: string) =>
  name.startsWith('arn:') ? name : `arn:${partitionOf(config.region)}:iam::${config.accountId}:role/${name}`

/** The role's own name: the last part of an ARN. */
const roleName = (name: string) => name.slice(name.lastIndexOf('/') + 1)

/**
 * Whether the task needs an execution role, decided from the configuration as the ECS docs list the reasons:
 * an image in a private ECR registry (<account>.dkr.ecr.<region>.amazonaws.com…), awslogs, or secrets.
 */
const needsExecutionRole = (config: WizardConfig) =>
  /^\d{12}\.dkr\.ecr[.-]/.test(config.task.image) || config.task.awslogs || config.task.secrets.length > 0

/** Another region of the same partition. */
function otherRegion(region: string): string {
  const others: Record<string, [string, string]> = {
    aws: ['us-east-1', 'eu-west-1'],
    'aws-cn': ['cn-north-1', 'cn-northwest-1'],
    'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1'],
  }
  const [a, b] = others[partitionOf(region)]!
  return region === a ? b : a
}

interface Row {
  /** What the test name shows: who asks for what, and the expected decision. */
  what: string
  probe: Probe
  policies: Policies
  expected: Decision
}

const allowedIf = (condition: boolean): Decision => (condition ? 'allowed' : 'denied')

function policyOf(result: GenerateResult, path: string): unknown {
  const file = result.files.find((f) => f.path === path)
  return file ? (JSON.parse(file.text) as unknown) : undefined
}

/** Someone else's bucket that lets anyone in: the case s3:ResourceAccount exists for. */
const openBucketPolicy = (partition: string, bucket: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/*`],
    },
  ],
})

/** A key prefix's neighbour that shares its text: tenant1/ → tenant10/. */
const siblingOf = (prefix: string) => `${prefix.replace(/\/$/, '')}0/`

function taskRoleRows(config: WizardConfig, result: GenerateResult): Row[] {
  const p = partitionOf(config.region)
  const policy = policyOf(result, 'iam/task-role-policy.json')
  const principal = `arn:${p}:sts::${config.accountId}:assumed-role/${roleName(config.taskRoleName)}/task-0123456789abcdef`
  // The model: an action on a key (or a listing under a prefix) is allowed when the bucket's owner is the
  // configured account and some bucket entry of that name has the action and a prefix the subject starts with.
  const may = (action: string, bucket: string, subject: string, owner: string) =>
    owner === config.accountId &&
    config.buckets.some(
      (b) =>
        b.name === bucket &&
        (ACTIONS_PER_ACCESS[b.access] as readonly string[]).includes(action) &&
        subject.startsWith(b.prefix ?? ''),
    )
  const rows = new Map<string, Row>()
  const objectRow = (action: string, bucket: string, key: string, owner = config.accountId) => {
    const what = `task role: ${action} s3://${bucket}/${key}${owner === config.accountId ? '' : ` in account ${owner}`}`
    rows.set(what, {
      what,
      probe: {
        principal,
        action,
        resource: `arn:${p}:s3:::${bucket}/${key}`,
        resourceAccount: owner,
        context: { 's3:ResourceAccount': owner },
      },
      policies: {
        identity: policy ? [policy] : [],
        ...(owner === config.accountId ? {} : { resource: openBucketPolicy(p, bucket) }),
      },
      expected: allowedIf(may(action, bucket, key, owner)),
    })
  }
  const listRow = (bucket: string, prefix: string | undefined, owner = config.accountId) => {
    const what = `task role: s3:ListBucket s3://${bucket} ${prefix === undefined ? 'without a prefix' : `with prefix "${prefix}"`}${owner === config.accountId ? '' : ` in account ${owner}`}`
    rows.set(what, {
      what,
      probe: {
        principal,
        action: 's3:ListBucket',
        resource: `arn:${p}:s3:::${bucket}`,
        resourceAccount: owner,
        context: { 's3:ResourceAccount': owner, ...(prefix === undefined ? {} : { 's3:prefix': prefix }) },
      },
      policies: {
        identity: policy ? [policy] : [],
        ...(owner === config.accountId ? {} : { resource: openBucketPolicy(p, bucket) }),
      },
      expected: allowedIf(may('s3:ListBucket', bucket, prefix ?? '', owner)),
    })
  }

  for (const b of config.buckets) {
    const prefix = b.prefix ?? ''
    // Inside the prefix; for "tenant1" (no "/") the folder its author most likely meant.
    const inside = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`
    const keys = [`${inside}example.txt`, `${inside}deeper/example.txt`]
    if (prefix) keys.push(`${siblingOf(prefix)}example.txt`, 'outside-the-prefix.txt')
    for (const key of keys)
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) objectRow(action, b.name, key)
    objectRow('s3:AbortMultipartUpload', b.name, keys[0]!)
    listRow(b.name, prefix || undefined)
    listRow(b.name, `${prefix}deeper/`)
    if (prefix) {
      listRow(b.name, undefined)
      listRow(b.name, siblingOf(prefix))
      if (prefix.endsWith('/')) listRow(b.name, prefix.slice(0, -1))
    }
    // The same bucket name, owned by another account that lets everyone in.
    objectRow('s3:GetObject', b.name, keys[0]!, OTHER_ACCOUNT)
    objectRow('s3:PutObject', b.name, keys[0]!, OTHER_ACCOUNT)
    listRow(b.name, prefix || undefined, OTHER_ACCOUNT)
  }
  const unlisted = 'a-bucket-nobody-configured'
  objectRow('s3:GetObject', unlisted, 'example.txt')
  objectRow('s3:PutObject', unlisted, 'example.txt')
  listRow(unlisted, undefined)
  return [...rows.values()]
}

function trustRows(config: WizardConfig, result: GenerateResult): Row[] {
  const p = partitionOf(config.region)
  const taskTrust = policyOf(result, 'iam/task-role-trust-policy.json')
  const instanceTrust = policyOf(result, 'iam/instance-role-trust-policy.json')
  const executionTrust = policyOf(result, 'iam/execution-role-trust-policy.json')
  const taskRole = roleArn(config, config.taskRoleName)
  const executionRole = roleArn(config, config.executionRoleName)
  const instanceRole = roleArn(config, config.instanceRoleName)
  const assume = (
    what: string,
    role: string,
    trust: unknown,
    principal: string,
    context: Record<string, string>,
    expected: Decision,
  ): Row => ({
    what,
    probe: {
      principal,
      action: 'sts:AssumeRole',
      resource: role,
      resourceAccount: config.accountId,
      context,
    },
    policies: { resource: trust },
    expected,
  })
  const from = (account: string, region: string) => ({
    'aws:SourceAccount': account,
    'aws:SourceArn': `arn:${p}:ecs:${region}:${account}:task/${config.clusterName}/0123456789abcdef`,
  })
  // With the trust conditions on, only ECS acting for this account in this region may assume the role.
  const guarded = config.sourceConditions
  // The .cn form of the EC2 principal that aws-cn also trusts (docs/decisions/004) is left out: the
  // simulator takes only names ending in "amazonaws.com" for service principals.
  const rows = [
    assume(
      'task role trust: ecs-tasks.amazonaws.com for a task of this account and region',
      taskRole,
      taskTrust,
      'ecs-tasks.amazonaws.com',
      from(config.accountId, config.region),
      'allowed',
    ),
    assume(
      `task role trust: ecs-tasks.amazonaws.com for a task of account ${OTHER_ACCOUNT}`,
      taskRole,
      taskTrust,
      'ecs-tasks.amazonaws.com',
      from(OTHER_ACCOUNT, config.region),
      allowedIf(!guarded),
    ),
    assume(
      `task role trust: ecs-tasks.amazonaws.com for a task in ${otherRegion(config.region)}`,
      taskRole,
      taskTrust,
      'ecs-tasks.amazonaws.com',
      from(config.accountId, otherRegion(config.region)),
      allowedIf(!guarded),
    ),
    assume('task role trust: ec2.amazonaws.com', taskRole, taskTrust, 'ec2.amazonaws.com', {}, 'denied'),
    ...(needsExecutionRole(config)
      ? [
          assume(
            'execution role trust: ecs-tasks.amazonaws.com for a task of this account and region',
            executionRole,
            executionTrust,
            'ecs-tasks.amazonaws.com',
            from(config.accountId, config.region),
            'allowed',
          ),
          assume(
            `execution role trust: ecs-tasks.amazonaws.com for a task of account ${OTHER_ACCOUNT}`,
            executionRole,
            executionTrust,
            'ecs-tasks.amazonaws.com',
            from(OTHER_ACCOUNT, config.region),
            allowedIf(!guarded),
          ),
          assume(
            'execution role trust: ec2.amazonaws.com',
            executionRole,
            executionTrust,
            'ec2.amazonaws.com',
            {},
            'denied',
          ),
        ]
      : []),
  ]
  if (config.launchType === 'fargate') return rows
  return [
    ...rows,
    assume(
      'instance role trust: ec2.amazonaws.com',
      instanceRole,
      instanceTrust,
      'ec2.amazonaws.com',
      {},
      'allowed',
    ),
    assume(
      'instance role trust: ecs-tasks.amazonaws.com',
      instanceRole,
      instanceTrust,
      'ecs-tasks.amazonaws.com',
      from(config.accountId, config.region),
      'denied',
    ),
  ]
}

function passRoleRows(config: WizardConfig, result: GenerateResult): Row[] {
  const policy = policyOf(result, 'iam/passrole-policy.json')
  const role = (name: string) => roleArn(config, name)
  const deployer = role(config.deployerRoleName ?? 'deployer')
  const pass = (roleName: string, label: string, service: string, expected: Decision): Row => ({
    what: `PassRole: ${label} to ${service}`,
    probe: {
      principal: deployer,
      action: 'iam:PassRole',
      resource: role(roleName),
      resourceAccount: config.accountId,
      context: { 'iam:PassedToService': service },
    },
    policies: { identity: [policy] },
    expected,
  })
  return [
    pass(config.taskRoleName, 'the task role', 'ecs-tasks.amazonaws.com', 'allowed'),
    pass(config.taskRoleName, 'the task role', 'ec2.amazonaws.com', 'denied'),
    pass(config.taskRoleName, 'the task role', 'lambda.amazonaws.com', 'denied'),
    ...(needsExecutionRole(config)
      ? [
          pass(config.executionRoleName, 'the execution role', 'ecs-tasks.amazonaws.com', 'allowed'),
          pass(config.executionRoleName, 'the execution role', 'ec2.amazonaws.com', 'denied'),
        ]
      : [pass(config.executionRoleName, 'the unused execution role', 'ecs-tasks.amazonaws.com', 'denied')]),
    // Fargate has no instances: nothing may pass the instance role.
    pass(
      config.instanceRoleName,
      'the instance role',
      'ec2.amazonaws.com',
      allowedIf(config.launchType === 'ec2'),
    ),
    pass(config.instanceRoleName, 'the instance role', 'ecs-tasks.amazonaws.com', 'denied'),
    pass('some-other-role-nobody-configured', 'another role', 'ecs-tasks.amazonaws.com', 'denied'),
  ]
}

function configObjectRows(config: WizardConfig, result: GenerateResult): Row[] {
  const object = config.os === 'linux' && config.launchType === 'ec2' ? config.configObject : undefined
  if (!object) return []
  const p = partitionOf(config.region)
  const policy = policyOf(result, 'iam/instance-role-policy.json')
  const principal = `arn:${p}:sts::${config.accountId}:assumed-role/${roleName(config.instanceRoleName)}/i-0123456789abcdef0`
  const read = (action: string, bucket: string, key: string, owner = config.accountId): Row => ({
    what: `instance role: ${action} s3://${bucket}/${key}${owner === config.accountId ? '' : ` in account ${owner}`}`,
    probe: {
      principal,
      action,
      resource: `arn:${p}:s3:::${bucket}/${key}`,
      resourceAccount: owner,
      context: { 's3:ResourceAccount': owner },
    },
    policies: {
      identity: policy ? [policy] : [],
      ...(owner === config.accountId ? {} : { resource: openBucketPolicy(p, bucket) }),
    },
    // The model: the instance reads its one ecs.config object from the configured account, nothing else.
    expected: allowedIf(
      action === 's3:GetObject' &&
        bucket === object.bucket &&
        key === object.key &&
        owner === config.accountId,
    ),
  })
  return [
    read('s3:GetObject', object.bucket, object.key),
    read('s3:GetObject', object.bucket, `${object.key}.bak`),
    read('s3:GetObject', object.bucket, 'another.config'),
    read('s3:PutObject', object.bucket, object.key),
    read('s3:GetObject', object.bucket, object.key, OTHER_ACCOUNT),
  ]
}

/**
 * The user's extra statements, read from the config: each literal Allow (no wildcard, no condition) is
 * allowed on its resource, and on a resource it does not name it is not.
 */
function extraStatementRows(config: WizardConfig, result: GenerateResult): Row[] {
  const p = partitionOf(config.region)
  const policy = policyOf(result, 'iam/task-role-policy.json')
  const principal = `arn:${p}:sts::${config.accountId}:assumed-role/${roleName(config.taskRoleName)}/task-0123456789abcdef`
  const statements = config.extraStatements
    ? (JSON.parse(config.extraStatements) as Record<string, unknown>[])
    : []
  const literal = (v: unknown): string[] =>
    [v].flat().filter((x): x is string => typeof x === 'string' && !/[*?]/.test(x))
  return statements.flatMap((st, i) => {
    if (st.Effect !== 'Allow' || st.Condition !== undefined) return []
    const resource = literal(st.Resource)[0]
    if (!resource) return []
    return literal(st.Action).flatMap((action): Row[] => [
      {
        what: `extra statement ${i + 1}: ${action} on ${resource}`,
        probe: { principal, action, resource, resourceAccount: config.accountId },
        policies: { identity: [policy] },
        expected: 'allowed',
      },
      {
        what: `extra statement ${i + 1}: ${action} on ${resource}-not-named`,
        probe: { principal, action, resource: `${resource}-not-named`, resourceAccount: config.accountId },
        policies: { identity: [policy] },
        expected: 'denied',
      },
    ])
  })
}

const defaultKeyPolicy = (account: string, partition: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
})

/**
 * SSE-KMS: the task role may use a bucket's key only through S3 in the key's region: Decrypt to read (and to
 * finish multipart uploads), GenerateDataKey to write; never directly, through another service, or another key.
 */
function kmsRows(config: WizardConfig, result: GenerateResult): Row[] {
  const p = partitionOf(config.region)
  const policy = policyOf(result, 'iam/task-role-policy.json')
  const principal = `arn:${p}:sts::${config.accountId}:assumed-role/${roleName(config.taskRoleName)}/task-0123456789abcdef`
  const suffix = p === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
  return config.buckets.flatMap((bucket, i) => {
    if (!bucket.kmsKeyArn) return []
    const region = bucket.kmsKeyArn.split(':')[3]!
    const writes = bucket.access !== 'read'
    const use = (action: string, via: string | undefined, key = bucket.kmsKeyArn!): Row => ({
      what: `bucket ${i + 1} key: ${action}${via ? ` via ${via}` : ' called directly'}${key === bucket.kmsKeyArn ? '' : ' on another key'}`,
      probe: {
        principal,
        action,
        resource: key,
        resourceAccount: config.accountId,
        context: via ? { 'kms:ViaService': via } : {},
      },
      // A key's default key policy lets the account's IAM policies decide (KMS: default key policy).
      policies: { identity: [policy], resource: defaultKeyPolicy(config.accountId, p) },
      expected: allowedIf(
        via === `s3.${region}.${suffix}` &&
          key === bucket.kmsKeyArn &&
          (action === 'kms:Decrypt' || (action === 'kms:GenerateDataKey' && writes)),
      ),
    })
    const s3 = `s3.${region}.${suffix}`
    return [
      use('kms:Decrypt', s3),
      use('kms:GenerateDataKey', s3),
      use('kms:Decrypt', undefined),
      use('kms:GenerateDataKey', undefined),
      use('kms:Decrypt', `secretsmanager.${region}.${suffix}`),
      use('kms:Decrypt', `s3.${otherRegion(region)}.${suffix}`),
      use('kms:Decrypt', s3, bucket.kmsKeyArn.replace(/key\/.*/, 'key/00000000-0000-0000-0000-000000000000')),
      use('kms:Encrypt', s3),
    ]
  })
}

/** The execution role reads exactly the secrets the container gets, by the store's own read action. */
function executionRoleRows(config: WizardConfig, result: GenerateResult): Row[] {
  if (config.task.secrets.length === 0) return []
  const p = partitionOf(config.region)
  const policy = policyOf(result, 'iam/execution-role-policy.json')
  const principal = `arn:${p}:sts::${config.accountId}:assumed-role/${roleName(config.executionRoleName)}/ecs-task`
  return config.task.secrets.flatMap((secret, i): Row[] => {
    const manager = secret.valueFrom.includes(':secretsmanager:')
    // The secret itself: its ARN up to the 6-character suffix, without a JSON key or version.
    const resource = manager ? secret.valueFrom.split(':').slice(0, 7).join(':') : secret.valueFrom
    const action = manager ? 'secretsmanager:GetSecretValue' : 'ssm:GetParameters'
    const other = manager ? resource.replace(/-[A-Za-z0-9]{6}$/, 'x-ZyXwVu') : `${resource}-other`
    const row = (what: string, a: string, r: string, expected: Decision): Row => ({
      what: `secret ${i + 1}: ${what}`,
      probe: { principal, action: a, resource: r, resourceAccount: config.accountId },
      policies: { identity: policy ? [policy] : [] },
      expected,
    })
    return [
      row(`${action} on it`, action, resource, 'allowed'),
      row(`${action} on another one`, action, other, 'denied'),
      row(
        manager ? 'secretsmanager:PutSecretValue' : 'ssm:PutParameter',
        manager ? 'secretsmanager:PutSecretValue' : 'ssm:PutParameter',
        resource,
        'denied',
      ),
    ]
  })
}

const scenarios = loadScenarios().filter((s) => s.result.files.length > 0)

describe('IAM semantics: the generated policies decide as the configuration says', () => {
  it('covers every valid golden scenario', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15)
  })

  for (const scenario of scenarios) {
    const config = readConfig(scenario.raw).config
    const rows = [
      ...taskRoleRows(config, scenario.result),
      ...trustRows(config, scenario.result),
      ...passRoleRows(config, scenario.result),
      ...configObjectRows(config, scenario.result),
      ...extraStatementRows(config, scenario.result),
      ...kmsRows(config, scenario.result),
      ...executionRoleRows(config, scenario.result),
    ]
    describe(scenario.name, () => {
      it('has the instance role policy exactly when a Linux instance reads ecs.config from S3', () => {
        expect(policyOf(scenario.result, 'iam/instance-role-policy.json') !== undefined).toBe(
          config.os === 'linux' && config.launchType === 'ec2' && config.configObject !== undefined,
        )
      })
      it.each(rows.map((row) => [`${row.what} → ${row.expected}`, row] as const))('%s', async (_, row) => {
        expect(await decide(row.probe, row.policies)).toBe(row.expected)
      })
    })
  }
})

describe('key prefixes are granted exactly as typed, and say so', () => {
  const withPrefixes = (...prefixes: (string | undefined)[]) =>
    generate({
      ...structuredClone(DEFAULT_CONFIG),
      accountId: '012345678901',
      buckets: prefixes.map((prefix) => ({ name: 'tenant-data', access: 'read', prefix })),
    })

  it('warns at the prefix field when a prefix does not end with "/", naming the sibling it also grants', () => {
    const result = withPrefixes('tenant1', 'tenant2/', undefined)
    const warnings = result.findings.filter((f) => f.field?.endsWith('.prefix'))
    expect(warnings.map((f) => [f.severity, f.field])).toEqual([['warning', 'buckets.0.prefix']])
    expect(warnings[0]!.message).toEqual({
      key: 'finding.buckets.prefixWithoutSlash',
      params: { prefix: 'tenant1' },
    })
    expect(english.t(warnings[0]!.message)).toContain('"tenant10/…"')
    expect(english.t(warnings[0]!.message)).toContain('"tenant1/"')
  })

  it('builds the policy from the same s3Grant() the Access step shows as the field hint', () => {
    const result = withPrefixes('tenant1/', 'tenant2')
    const policy = policyOf(result, 'iam/task-role-policy.json') as {
      Statement: { Resource: string; Condition?: { StringLike?: Record<string, string> } }[]
    }
    const shown = ['tenant1/', 'tenant2'].map((prefix) => s3Grant('aws', 'tenant-data', prefix))
    expect(policy.Statement.map((s) => s.Resource)).toEqual(shown.flatMap((g) => [g.objectArn, g.bucketArn]))
    expect(policy.Statement.map((s) => s.Condition?.StringLike?.['s3:prefix']).filter(Boolean)).toEqual(
      shown.map((g) => g.listPrefix),
    )
  })
})

describe('extra policy statements for the task role', () => {
  const configWith = (extraStatements: string) => ({
    ...structuredClone(DEFAULT_CONFIG),
    accountId: '012345678901',
    extraStatements,
  })
  const statement = (fields: Record<string, unknown>) =>
    JSON.stringify([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', ...fields }])

  it.each([
    ['not JSON', '[{"Effect": "Allow",}]', /not valid JSON/],
    ['a whole policy document instead of a list', '{"Version": "2012-10-17", "Statement": []}', /JSON list/],
    ['a Principal', statement({ Principal: { AWS: '*' } }), /^Statement 1: Principal is not allowed/],
    ['a misspelt element', statement({ Resorce: '*' }), /"Resorce" is not a statement element/],
    ['no Effect', statement({ Effect: undefined }), /Effect must be "Allow" or "Deny"/],
    ['no Action', statement({ Action: undefined }), /exactly one of Action and NotAction/],
    ['no Resource', statement({ Resource: undefined }), /exactly one of Resource and NotResource/],
    ['an action without its service', statement({ Action: 'SendMessage' }), /service:Action/],
    ['a resource that is not an ARN', statement({ Resource: 'my-queue' }), /not "\*" or an ARN/],
    ['a Sid with a space', statement({ Sid: 'Send jobs' }), /letters and digits/],
    ['a generated Sid', statement({ Sid: 'Bucket1Objects' }), /taken by a generated statement/],
    ['a condition that is not operator → key', statement({ Condition: { StringEquals: 'x' } }), /Condition/],
  ])('refuses %s, with its message at the field', (_, text, message) => {
    expect(english.t(checkExtraStatements(text)!)).toMatch(message)
    const result = generate(configWith(text))
    expect(result.files).toEqual([])
    expect(result.findings.map((f) => [f.severity, f.field])).toEqual([['error', 'extraStatements']])
  })

  it('warns at the field when a statement allows every action on every resource', () => {
    const result = generate(configWith(statement({ Action: '*' })))
    expect(result.findings.filter((f) => f.field === 'extraStatements').map((f) => f.severity)).toEqual([
      'warning',
    ])
    const text = result.files.find((f) => f.path === 'iam/task-role-policy.json')!.text
    expect(JSON.parse(text)).toMatchObject({
      Statement: expect.arrayContaining([{ Effect: 'Allow', Action: '*', Resource: '*' }]) as unknown,
    })
  })

  it('gives the task role a policy from extra statements alone, without buckets', () => {
    const result = generate({ ...configWith(statement({})), buckets: [] })
    expect(result.files.map((f) => f.path)).toContain('iam/task-role-policy.json')
    expect(result.findings.filter((f) => f.field === 'buckets')).toEqual([])
  })
})
