// terraform/main.tf, for every golden scenario: HashiCorp's HCL parser reads it and every block, argument
// and reference is checked against the AWS provider's schema (hashicorp/aws 6.66.0, vendored in
// src/test-support/aws-provider-schema.json); the policies it carries are JSON-equal to iam/*.json, the user
// data is byte for byte ec2/user-data.*, and the task definition's fields are those of ecs/task-definition.json.
//
// How references are resolved for the comparison: as Terraform would when applied with credentials for the
// configured account and the provider's region: data.aws_partition/aws_region/aws_caller_identity give the
// plan's partition, Region and account, and a role's or instance profile's ARN is the one AWS gives it from
// its name in this file (arn:<partition>:iam::<account>:role/<name>, the default path "/"). When a terraform
// binary is installed (it is optional: the provider cannot be downloaded here), `terraform fmt -check` reads
// every file, and Terraform itself evaluates the same expressions (with the references replaced by those
// values) in one apply of a configuration without providers.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getReferencesInExpression } from '@cdktn/hcl2json'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import { AMIS } from '../knowledge/amis.ts'
import { ALL_REGIONS } from '../knowledge/partitions.ts'
import { runCommand } from '../test-support/run-command.ts'
import { IAC_CONFIGS } from '../test-support/iac-configs.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import {
  PROVIDER_SCHEMA,
  admitsVersion,
  callArguments,
  checkTerraform,
  evaluateDeep,
  evaluateTemplate,
} from '../test-support/terraform-check.ts'
import { AWS_PROVIDER_VERSION, TERRAFORM_NAMES, TERRAFORM_PATH } from './artifacts/terraform.ts'
import { generate } from './generate.ts'
import { plan as planOf, type RolePlan, type SetupPlan } from './plan.ts'
import { buildRunbook } from './runbook.ts'
import type { Artifact } from './types.ts'

const TERRAFORM = process.env.TERRAFORM_PATH ?? '/usr/local/bin/terraform'
const hasTerraform = existsSync(TERRAFORM)

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type Body = Record<string, Json>

interface Parsed {
  name: string
  files: readonly Artifact[]
  plan: SetupPlan
  file: Artifact
  json: Record<string, Json>
  errors: string[]
  /** Each reference's value, as Terraform would read it when applied (see the header). */
  values: Record<string, string>
}

const scenarios = loadScenarios().filter((s) => s.result.files.length > 0)
const parsed: Parsed[] = []

/** The bodies of `resource "type" "label"` blocks, by label. */
const resources = (json: Record<string, Json>, type: string): [string, Body][] =>
  Object.entries(
    ((json.resource as Record<string, Record<string, Body[]>> | undefined) ?? {})[type] ?? {},
  ).map(([label, bodies]) => [label, bodies[0]!])

/** The plan's roles, with their iam/ files. */
const rolesOf = (plan: SetupPlan): [RolePlan, string][] => [
  [plan.taskRole, 'iam/task-role'],
  ...(plan.executionRole ? [[plan.executionRole, 'iam/execution-role'] as [RolePlan, string]] : []),
  ...(plan.instances ? [[plan.instances.role, 'iam/instance-role'] as [RolePlan, string]] : []),
]

/** What a reference reads, from the plan's account, Region and partition and the names given in the file. */
function referenceValues(plan: SetupPlan, json: Record<string, Json>): Record<string, string> {
  const values: Record<string, string> = {
    'data.aws_partition.current.partition': plan.partition,
    'data.aws_region.current.region': plan.region,
    'data.aws_caller_identity.current.account_id': plan.accountId,
    'data.aws_vpc.default.id': 'the default VPC',
    [`aws_ecs_cluster.${TERRAFORM_NAMES.cluster}.arn`]: plan.cluster.arn,
    [`aws_ecs_task_definition.${TERRAFORM_NAMES.taskDefinition}.arn`]: 'the task definition ARN',
  }
  const iam = (kind: string, name: string) => `arn:${plan.partition}:iam::${plan.accountId}:${kind}/${name}`
  for (const [label, body] of resources(json, 'aws_iam_role')) {
    expect(body.path, 'roles keep the default path').toBeUndefined()
    const name = body.name as string
    Object.assign(values, {
      [`aws_iam_role.${label}.name`]: name,
      [`aws_iam_role.${label}.id`]: name,
      [`aws_iam_role.${label}.arn`]: iam('role', name),
    })
  }
  for (const [label, body] of resources(json, 'aws_iam_instance_profile')) {
    const name = body.name as string
    Object.assign(values, {
      [`aws_iam_instance_profile.${label}.name`]: name,
      [`aws_iam_instance_profile.${label}.arn`]: iam('instance-profile', name),
    })
  }
  for (const [label, body] of resources(json, 'aws_cloudwatch_log_group'))
    values[`aws_cloudwatch_log_group.${label}.name`] = body.name as string
  return values
}

const fileText = (p: Parsed, path: string) => p.files.find((f) => f.path === path)?.text

/** A configuration's terraform/main.tf, parsed and checked, with the values its references take. */
async function analyse(name: string, config: WizardConfig, files: readonly Artifact[]): Promise<Parsed> {
  const file = files.find((f) => f.path === TERRAFORM_PATH)!
  const plan = planOf(config)
  const { errors, json } = await checkTerraform(`${name}/${TERRAFORM_PATH}`, file.text)
  return { name, files, plan, file, json, errors, values: referenceValues(plan, json) }
}

beforeAll(async () => {
  for (const scenario of scenarios)
    parsed.push(await analyse(scenario.name, readConfig(scenario.raw).config, scenario.result.files))
  for (const { name, config } of IAC_CONFIGS) parsed.push(await analyse(name, config, generate(config).files))
}, 120_000)

describe('the vendored AWS provider schema', () => {
  it('is hashicorp/aws 6.66.0 from @cdktn/provider-aws 25.7.0, which the pinned version admits', () => {
    expect(PROVIDER_SCHEMA.provider).toEqual({
      name: 'registry.terraform.io/hashicorp/aws',
      version: '6.66.0',
    })
    expect(PROVIDER_SCHEMA.extractedFrom).toBe('@cdktn/provider-aws@25.7.0')
    expect(admitsVersion(AWS_PROVIDER_VERSION, PROVIDER_SCHEMA.provider.version)).toBe(true)
    expect(admitsVersion(AWS_PROVIDER_VERSION, '7.0.0')).toBe(false)
    expect(PROVIDER_SCHEMA.resourceTypes.length).toBeGreaterThan(1500)
  })

  it('reads version constraints as Terraform does', () => {
    expect(admitsVersion('~> 6.0', '6.66.0')).toBe(true)
    expect(admitsVersion('~> 6.0', '5.99.0')).toBe(false)
    expect(admitsVersion('~> 6.66.1', '6.67.0')).toBe(false)
    expect(admitsVersion('~> 6.66.1', '6.66.5')).toBe(true)
    expect(admitsVersion('>= 6.0, < 6.50', '6.66.0')).toBe(false)
  })
})

/** The resources (and data sources) the plan has, and nothing else. */
function expectResources({ json, plan }: Parsed) {
  const count = (section: unknown) =>
    Object.fromEntries(
      Object.entries((section ?? {}) as Record<string, Record<string, unknown>>).map(([type, byName]) => [
        type,
        Object.keys(byName).length,
      ]),
    )
  const roles = rolesOf(plan).map(([role]) => role)
  const instances = plan.instances
  const expected = {
    aws_iam_role: roles.filter((r) => !r.existing).length,
    aws_iam_role_policy:
      roles.filter((r) => r.inlinePolicy).length + (plan.passRole.deployerRoleName ? 1 : 0),
    aws_iam_role_policy_attachment: roles.reduce((n, r) => n + r.managedPolicies.length, 0),
    aws_iam_instance_profile: instances && !instances.profile.existing ? 1 : 0,
    aws_ecs_cluster: 1,
    aws_cloudwatch_log_group: plan.logGroup ? 1 : 0,
    aws_ecs_task_definition: 1,
    aws_launch_template: instances?.launchTemplate ? 1 : 0,
    aws_ecs_service: plan.service ? 1 : 0,
  }
  expect(count(json.resource)).toEqual(Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)))
  const defaultVpc = plan.service?.network?.kind === 'default-vpc' ? 1 : 0
  expect(count(json.data)).toMatchObject({ aws_partition: 1 })
  expect(count(json.data).aws_vpc ?? 0).toBe(defaultVpc)
  expect(count(json.data).aws_subnets ?? 0).toBe(defaultVpc)
}

/**
 * Every policy JSON-equal to its iam/*.json, on the role it belongs to (by reference to a role this file
 * creates, by name to an existing role), and the managed policies attached by ARN, existing roles included.
 */
async function expectPolicies(p: Parsed) {
  const { json, plan, values } = p
  const roleFiles = Object.fromEntries(rolesOf(plan).map(([role, prefix]) => [role.name, { role, prefix }]))
  const roles = resources(json, 'aws_iam_role')
  const inline = resources(json, 'aws_iam_role_policy')
  const documents = await callArguments([
    ...roles.map(([, body]) => ({ function: 'jsonencode', expression: body.assume_role_policy as string })),
    ...inline.map(([, body]) => ({ function: 'jsonencode', expression: body.policy as string })),
  ])
  const evaluated = documents.map((d) => evaluateDeep(d, values))

  // Trust policies: one role per role the file creates; existing roles are not declared.
  expect(roles.map(([, body]) => body.name).sort()).toEqual(
    rolesOf(plan)
      .filter(([role]) => !role.existing)
      .map(([role]) => role.name)
      .sort(),
  )
  roles.forEach(([, body], i) =>
    expect(evaluated[i], `${body.name as string}`).toEqual(
      JSON.parse(fileText(p, `${roleFiles[body.name as string]!.prefix}-trust-policy.json`)!),
    ),
  )
  // Inline policies: on the task, execution or instance role, or the deployer's role (the pass-role policy).
  const onRole = inline.map(([, body], i) => {
    const role = evaluateTemplate(body.role as string, values)
    const own = roleFiles[role]
    const path =
      role === plan.passRole.deployerRoleName ? 'iam/passrole-policy.json' : `${own?.prefix}-policy.json`
    expect(own ?? role === plan.passRole.deployerRoleName, `inline policy on ${role}`).toBeTruthy()
    // An existing role by its name, a role of this file by reference.
    if (own) expect(body.role, role).toBe(own.role.existing ? role : `\${aws_iam_role.${inline[i]![0]}.name}`)
    expect(body.name).toBe(
      path === 'iam/passrole-policy.json' ? plan.passRole.policy.name : own!.role.inlinePolicy?.name,
    )
    expect(evaluated[roles.length + i], path).toEqual(JSON.parse(fileText(p, path)!))
    return path
  })
  // Every inline policy file the roles have is carried (iam/passrole-policy.json only with a deployer role).
  const expected = rolesOf(plan)
    .map(([, prefix]) => `${prefix}-policy.json`)
    .filter((f) => fileText(p, f))
  if (plan.passRole.deployerRoleName) expected.push('iam/passrole-policy.json')
  expect(onRole.sort()).toEqual(expected.sort())

  const attached = resources(json, 'aws_iam_role_policy_attachment').map(([, body]) => [
    evaluateTemplate(body.role as string, values),
    evaluateTemplate(body.policy_arn as string, values),
  ])
  expect(attached.sort()).toEqual(
    rolesOf(plan)
      .flatMap(([r]) => r.managedPolicies.map((m) => [r.name, m.arn]))
      .sort(),
  )
}

/** The instance profile (when created) holds the instance role; the cluster and log group have the plan's names. */
function expectProfileAndCluster({ json, plan, values }: Parsed) {
  const profiles = resources(json, 'aws_iam_instance_profile')
  const instances = plan.instances
  if (instances && !instances.profile.existing) {
    const [[, profile]] = profiles as [[string, Body]]
    expect(profile.name).toBe(instances.profile.name)
    expect(evaluateTemplate(profile.role as string, values)).toBe(instances.profile.roleName)
  } else expect(profiles).toEqual([])
  expect(resources(json, 'aws_ecs_cluster').map(([, body]) => body)).toEqual([{ name: plan.cluster.name }])
  expect(resources(json, 'aws_cloudwatch_log_group').map(([, body]) => body)).toEqual(
    plan.logGroup ? [{ name: plan.logGroup.name }] : [],
  )
}

/** The task definition's arguments, in the API's camelCase, are ecs/task-definition.json. */
async function expectTaskDefinition(p: Parsed) {
  const [[, body]] = resources(p.json, 'aws_ecs_task_definition') as [[string, Body]]
  const [containers] = await callArguments([
    { function: 'jsonencode', expression: body.container_definitions as string },
  ])
  // The provider's arguments are the API's fields in snake_case; runtime_platform is a block.
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
  const field = (key: string, value: Json): Json => {
    if (key === 'container_definitions') return evaluateDeep(containers!, p.values)
    if (key === 'runtime_platform')
      return Object.fromEntries(
        Object.entries((value as Body[])[0]!).map(([k, v]) => [camel(k), evaluateDeep(v, p.values)]),
      )
    return evaluateDeep(value, p.values)
  }
  const fields = Object.fromEntries(
    Object.entries(body).map(([key, value]) => [camel(key), field(key, value)]),
  )
  expect(fields).toEqual(JSON.parse(fileText(p, 'ecs/task-definition.json')!))
  // The awslogs group by reference: the log group exists before a task starts.
  if (p.plan.logGroup)
    expect(body.container_definitions).toMatch(
      new RegExp(`"awslogs-group" += aws_cloudwatch_log_group\\.${TERRAFORM_NAMES.logGroup}\\.name\n`),
    )
}

/**
 * The launch template: the plan's AMI (AWS's public parameter as resolve:ssm:, or the AMI ID), type, groups,
 * instance profile and IMDSv2 options, and, byte for byte, the user data of ec2/.
 */
async function expectLaunchTemplate(p: Parsed) {
  const templates = resources(p.json, 'aws_launch_template')
  const plan = p.plan.instances?.launchTemplate
  if (!plan) return void expect(templates).toEqual([])
  const instances = p.plan.instances!
  const [[, template]] = templates as [[string, Body]]
  const { user_data: userDataExpression, ...rest } = template
  expect(evaluateDeep(rest, p.values)).toEqual({
    name: plan.name,
    image_id: plan.imageId,
    instance_type: plan.instanceType,
    ...(plan.securityGroupIds.length > 0 ? { vpc_security_group_ids: plan.securityGroupIds } : {}),
    iam_instance_profile: [{ name: plan.instanceProfileName }],
    metadata_options: [
      {
        http_tokens: plan.metadata.httpTokens,
        http_put_response_hop_limit: plan.metadata.hopLimit,
        http_endpoint: 'enabled',
      },
    ],
  })
  // The profile this file creates by reference (so it exists first), an existing one by name.
  expect((template.iam_instance_profile as Body[])[0]!.name).toBe(
    instances.profile.existing
      ? plan.instanceProfileName
      : `\${aws_iam_instance_profile.${TERRAFORM_NAMES.instanceProfile}.name}`,
  )
  // The same data as ec2/launch-template.json (the API's names: ImageId, MetadataOptions …).
  const file = JSON.parse(fileText(p, 'ec2/launch-template.json')!) as Record<string, unknown>
  const metadata = (template.metadata_options as Body[])[0]!
  expect({
    ImageId: template.image_id,
    InstanceType: template.instance_type,
    IamInstanceProfile: {
      Name: evaluateTemplate((template.iam_instance_profile as Body[])[0]!.name as string, p.values),
    },
    ...(template.vpc_security_group_ids ? { SecurityGroupIds: template.vpc_security_group_ids } : {}),
    MetadataOptions: {
      HttpTokens: metadata.http_tokens,
      HttpPutResponseHopLimit: metadata.http_put_response_hop_limit,
      HttpEndpoint: metadata.http_endpoint,
    },
  }).toEqual({ ...file, UserData: undefined })
  if (plan.imageParameter) expect(plan.imageId).toBe(`resolve:ssm:${plan.imageParameter}`)
  const [userData] = await callArguments([
    { function: 'base64encode', expression: userDataExpression as string },
  ])
  const expected = fileText(p, 'ec2/user-data.sh') ?? fileText(p, 'ec2/user-data.ps1')
  expect(evaluateTemplate(userData as string, p.values)).toBe(expected)
  expect(Buffer.from(file.UserData as string, 'base64').toString('utf8')).toBe(expected)
}

/** The service: the plan's name, cluster, task definition, count, launch type and awsvpc network. */
function expectService(p: Parsed) {
  const services = resources(p.json, 'aws_ecs_service')
  const service = p.plan.service
  if (!service) return void expect(services).toEqual([])
  const [[, body]] = services as [[string, Body]]
  const { network_configuration: network, depends_on: dependsOn, ...rest } = body
  expect(evaluateDeep(rest, p.values)).toEqual({
    name: service.name,
    cluster: p.plan.cluster.arn,
    task_definition: 'the task definition ARN',
    desired_count: service.desiredCount,
    launch_type: service.launchType,
  })
  const want = service.network
  if (!want) expect(network).toBeUndefined()
  else {
    const [config] = network as [Body]
    const [subnets, securityGroups, assignPublicIp] =
      want.kind === 'chosen'
        ? [
            want.awsvpcConfiguration.subnets,
            want.awsvpcConfiguration.securityGroups,
            want.awsvpcConfiguration.assignPublicIp,
          ]
        : [undefined, want.securityGroups.length > 0 ? want.securityGroups : undefined, want.assignPublicIp]
    expect(config).toEqual({
      // The default VPC's default subnets, read by the data source.
      subnets: subnets ?? `\${data.aws_subnets.${TERRAFORM_NAMES.defaultVpc}.ids}`,
      ...(securityGroups ? { security_groups: securityGroups } : {}),
      ...(assignPublicIp ? { assign_public_ip: assignPublicIp === 'ENABLED' } : {}),
    })
    if (want.kind === 'default-vpc') {
      const [[, subnetData]] = Object.entries(
        (p.json.data as Record<string, Record<string, Body[]>>).aws_subnets!,
      ).map(([label, bodies]) => [label, bodies[0]!]) as [[string, Body]]
      expect(subnetData.filter).toEqual([
        { name: 'vpc-id', values: ['${data.aws_vpc.default.id}'] },
        { name: 'default-for-az', values: ['true'] },
      ])
    }
  }
  // The execution role's policies are in place before the service starts tasks.
  const role = p.plan.executionRole
  const policies = role
    ? [
        ...(role.inlinePolicy ? [`aws_iam_role_policy.${TERRAFORM_NAMES.executionRole}`] : []),
        ...role.managedPolicies.map(
          (m) => `aws_iam_role_policy_attachment.${TERRAFORM_NAMES.executionRole}_${m.name}`,
        ),
      ]
    : []
  expect(dependsOn).toEqual(policies.length > 0 ? policies.map((r) => `\${${r}}`) : undefined)
}

describe.each([...scenarios.map((s) => s.name), ...IAC_CONFIGS.map((c) => c.name)])(
  '%s: terraform/main.tf',
  (name) => {
    const get = () => parsed.find((p) => p.name === name)!

    it('parses and matches the AWS provider schema', () => {
      expect(get().errors).toEqual([])
    })
    it('has the resources the plan has, and nothing else', () => expectResources(get()))
    it('carries every policy JSON-equal to its iam/*.json, and the managed policies by ARN', () =>
      expectPolicies(get()))
    it('gives the instance profile the instance role, and names the cluster and log group', () =>
      expectProfileAndCluster(get()))
    it('registers the task definition of ecs/task-definition.json, field for field', () =>
      expectTaskDefinition(get()))
    it("launches instances from the plan's launch template with, byte for byte, the user data of ec2/", () =>
      expectLaunchTemplate(get()))
    it('runs the service of the plan', () => expectService(get()))
  },
)

// Random configurations: every OS, AMI, network mode, partition and optional resource, with S3 keys that need
// quoting and extra statements whose values hold quotes, backslashes, template sequences and other text.
const text = fc
  .array(
    fc.constantFrom('"', '\\', '${', '%{', '$${', '}', '\n', '\t', '\u202e', 'é', 'EOT', ' ', 'a', '*'),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''))
const arbitraryConfig = fc
  .record({
    ami: fc.constantFrom(...AMIS),
    launchType: fc.constantFrom('ec2', 'fargate' as const),
    hostFamily: fc.constantFrom('rhel', 'debian' as const),
    networkMode: fc.constantFrom('bridge', 'host', 'awsvpc', 'none', 'default' as const),
    blockInstanceMetadata: fc.boolean(),
    sourceConditions: fc.boolean(),
    region: fc.constantFrom(...ALL_REGIONS),
    deployerRoleName: fc.option(fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,20}$/), { nil: undefined }),
    prefix: fc.option(fc.stringMatching(/^[a-z0-9 '()!]{1,10}\/$/), { nil: undefined }),
    configKey: fc.option(fc.stringMatching(/^[a-z0-9 '()!]{1,10}(\/[a-z0-9 '()!]{1,8})?$/), {
      nil: undefined,
    }),
    existingTaskRole: fc.boolean(),
    existingExecutionRole: fc.boolean(),
    existingInstanceRole: fc.boolean(),
    awslogs: fc.boolean(),
    service: fc.option(
      fc.record({ name: fc.constant('svc'), desiredCount: fc.integer({ min: 0, max: 3 }) }),
      {
        nil: undefined,
      },
    ),
    subnets: fc.constantFrom([], ['subnet-0123456789abcdef0']),
    assignPublicIp: fc.boolean(),
    value: text,
    resource: text,
  })
  .map(({ ami, prefix, configKey, deployerRoleName, value, resource, awslogs, service, ...rest }) => ({
    ...rest,
    version: 1,
    accountId: '012345678901',
    os: ami.os,
    ami: ami.id,
    // Fargate runs awsvpc only.
    networkMode: rest.launchType === 'fargate' ? 'awsvpc' : rest.networkMode,
    buckets: [{ name: 'app-bucket', access: 'read-write', ...(prefix ? { prefix } : {}) }],
    ...(configKey ? { configObject: { bucket: 'cfg-bucket', key: configKey } } : {}),
    ...(deployerRoleName ? { deployerRoleName } : {}),
    ...(service ? { service } : {}),
    extraStatements: JSON.stringify([
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: `arn:aws:sqs:us-east-1:012345678901:${resource}`,
        Condition: { StringEquals: { 'aws:PrincipalTag/x': [value, `${value}${value}`] } },
      },
    ]),
    task: {
      awslogs,
      portMappings: rest.networkMode === 'none' ? [] : DEFAULT_CONFIG.task.portMappings,
    },
  }))

describe('random configurations', () => {
  it('give a file that matches the schema and carries the same policies, task definition and user data', async () => {
    let checked = 0
    await fc.assert(
      fc.asyncProperty(arbitraryConfig, async (config) => {
        const { config: read, issues } = readConfig(config)
        if (issues.length > 0) return // a combination the wizard refuses: no files
        const { files } = generate(read)
        if (files.length === 0) return // an error finding (a network mode the OS lacks …): no files
        const p = await analyse('random', read, files)
        expect(p.errors).toEqual([])
        expectResources(p)
        await expectPolicies(p)
        expectProfileAndCluster(p)
        await expectTaskDefinition(p)
        await expectLaunchTemplate(p)
        expectService(p)
        checked++
      }),
      { numRuns: 50, seed: 20261123 },
    )
    expect(checked).toBeGreaterThan(20)
  }, 120_000)
})

describe('extra statements with any JSON value', () => {
  it('writes null, numbers, booleans and nested lists as they are, JSON-equal to iam/task-role-policy.json', async () => {
    const config: WizardConfig = {
      ...structuredClone(DEFAULT_CONFIG),
      accountId: '012345678901',
      extraStatements: JSON.stringify([
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/${aws:username}/*',
          Condition: { Null: { 'aws:TokenIssueTime': null, n: 5, b: false, l: [1, null, 'for'], for: 'if' } },
        },
      ]),
    }
    const result = generate(config)
    const file = result.files.find((f) => f.path === TERRAFORM_PATH)!
    const { errors, json } = await checkTerraform('main.tf', file.text)
    expect(errors).toEqual([])
    const plan = planOf(config)
    const [[, policy]] = resources(json, 'aws_iam_role_policy') as [[string, Body]]
    const [document] = await callArguments([{ function: 'jsonencode', expression: policy.policy as string }])
    expect(evaluateDeep(document!, referenceValues(plan, json))).toEqual(
      JSON.parse(result.files.find((f) => f.path === 'iam/task-role-policy.json')!.text),
    )
  })
})

describe('the checker', () => {
  // Each mutant is a real file of a scenario with one fault; the checker must name it.
  const base = () => parsed.find((p) => p.name === 'config-object-al2023')!.file.text
  const mutants: [what: string, mutate: (text: string) => string, expected: RegExp][] = [
    [
      'an unknown resource type',
      (t) => t.replace('resource "aws_ecs_cluster"', 'resource "aws_ecs_clustr"'),
      /unknown resource type aws_ecs_clustr/,
    ],
    [
      'an unknown data source',
      (t) => t.replace('data "aws_partition" "current" {}', 'data "aws_partitions" "current" {}'),
      /unknown data source aws_partitions/,
    ],
    [
      'an unknown argument',
      (t) => t.replace('  family ', '  familee '),
      /task\.familee: unsupported argument/,
    ],
    [
      'an unknown argument in a nested block',
      (t) => t.replace('    name = aws_iam_instance_profile', '    nam = aws_iam_instance_profile'),
      /iam_instance_profile\[0\]\.nam: unsupported argument/,
    ],
    [
      'a missing required argument',
      (t) => t.replace(/^ {2}family +=.*\n/m, ''),
      /aws_ecs_task_definition\.task: missing required argument family/,
    ],
    [
      'a missing required argument of another resource',
      (t) => t.replace(/^ {2}policy_arn = .*\n/m, ''),
      /missing required argument policy_arn/,
    ],
    [
      'a string where a list belongs',
      (t) => t.replace('requires_compatibilities = ["EC2"]', 'requires_compatibilities = "EC2"'),
      /requires_compatibilities: expected a list/,
    ],
    [
      'a block written as an attribute',
      (t) => t.replace('  iam_instance_profile {', '  iam_instance_profile = {'),
      /iam_instance_profile: a block, written as an attribute/,
    ],
    [
      'a resource declared twice',
      (t) => `${t}\nresource "aws_ecs_cluster" "this" {\n  name = "again"\n}\n`,
      /aws_ecs_cluster\.this: declared more than once/,
    ],
    [
      'a reference to an undeclared resource',
      (t) => t.replace('value       = aws_ecs_cluster.this.arn', 'value       = aws_ecs_cluster.other.arn'),
      /aws_ecs_cluster\.other\.arn: not declared/,
    ],
    [
      'a reference to an attribute the resource lacks',
      (t) => t.replace('aws_ecs_cluster.this.arn', 'aws_ecs_cluster.this.arnn'),
      /aws_ecs_cluster has no attribute arnn/,
    ],
    [
      'a reference to an undeclared data source inside jsonencode',
      (t) => t.replace(/^data "aws_region" "current" \{\}\n/m, ''),
      /data\.aws_region\.current\.region: not declared/,
    ],
    [
      'an unknown provider argument',
      (t) => t.replace('provider "aws" {\n  region', 'provider "aws" {\n  regoin'),
      /provider\.aws\.regoin: unsupported argument/,
    ],
    [
      'no version pin',
      (t) => t.replace(/^ {6}version = .*\n/m, ''),
      /terraform\.required_providers\.aws: must pin a version/,
    ],
    [
      'a pin that excludes the checked provider version',
      (t) => t.replace('version = "~> 6.0"', 'version = "~> 5.0"'),
      /~> 5\.0 does not admit 6\.66\.0/,
    ],
    [
      'an output without a value',
      (t) => t.replace(/^ {2}value {7}= aws_iam_role\.task\.arn\n/m, ''),
      /output\.task_role_arn: missing required argument value/,
    ],
  ]

  it('passes the file the mutants start from', async () => {
    expect((await checkTerraform('main.tf', base())).errors).toEqual([])
  })

  it.each(mutants)('rejects %s', async (_what, mutate, expected) => {
    const text = mutate(base())
    expect(text, 'the mutation applies').not.toBe(base())
    const { errors } = await checkTerraform('main.tf', text)
    expect(errors.join('\n')).toMatch(expected)
  })

  // A file with a service, a log group, an execution role and the default VPC's subnets.
  const service = () =>
    parsed.find((p) => p.name.startsWith('fargate linux: a service in the default VPC'))!.file.text
  it.each([
    [
      'a depends_on naming an undeclared resource',
      (t: string) => t.replace('    aws_iam_role_policy.execution,\n', '    aws_iam_role_policy.exec,\n'),
      /aws_iam_role_policy\.exec: not declared/,
    ],
    [
      'a depends_on naming an attribute',
      (t: string) =>
        t.replace('    aws_iam_role_policy.execution,\n', '    aws_iam_role_policy.execution.name,\n'),
      /depends_on names a resource, not an attribute/,
    ],
    [
      'a service network without subnets',
      (t: string) => t.replace(/^ {4}subnets += .*\n/m, ''),
      /network_configuration\[0\]: missing required argument subnets/,
    ],
    [
      'a string where the public IP switch is a bool',
      (t: string) => t.replace('assign_public_ip = true', 'assign_public_ip = ["ENABLED"]'),
      /assign_public_ip: expected a bool/,
    ],
    [
      'an unknown data source argument',
      (t: string) => t.replace('  default = true', '  defaults = true'),
      /data\.aws_vpc\.default\.defaults: unsupported argument/,
    ],
    [
      'a reference to the subnets data source that is not declared',
      (t: string) => t.replace('data "aws_subnets" "default"', 'data "aws_subnets" "other"'),
      /data\.aws_subnets\.default\.ids: not declared/,
    ],
  ])('rejects %s in a service', async (_what, mutate, expected) => {
    expect((await checkTerraform('main.tf', service())).errors).toEqual([])
    const text = mutate(service())
    expect(text, 'the mutation applies').not.toBe(service())
    const { errors } = await checkTerraform('main.tf', text)
    expect(errors.join('\n')).toMatch(expected)
  })

  it('rejects an HCL syntax error and an attribute given twice (the parser)', async () => {
    await expect(checkTerraform('main.tf', base().replace('  family ', '  family = = '))).rejects.toThrow()
    await expect(checkTerraform('main.tf', base().replace(/^( {2}family +=.*\n)/m, '$1$1'))).rejects.toThrow(
      /Attribute redefined/,
    )
  })

  it('sees a changed policy or user data (the equivalence comparisons can fail)', async () => {
    const p = parsed.find((s) => s.name === 'config-object-al2023')!
    const [policy, userData] = await callArguments([
      {
        function: 'jsonencode',
        expression: (resources(p.json, 'aws_iam_role_policy')[0]![1].policy as string).replace(
          's3:GetObject',
          's3:GetObject*',
        ),
      },
      {
        function: 'base64encode',
        expression: (resources(p.json, 'aws_launch_template')[0]![1].user_data as string).replace(
          'set -euo pipefail',
          'set -eu',
        ),
      },
    ])
    expect(evaluateDeep(policy!, p.values)).not.toEqual(
      JSON.parse(fileText(p, 'iam/instance-role-policy.json')!),
    )
    expect(evaluateTemplate(userData as string, p.values)).not.toBe(fileText(p, 'ec2/user-data.sh'))
  })
})

describe('the runbook', () => {
  const setup = (partial: Partial<WizardConfig>, edited: string[] = []) => {
    const config: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901', ...partial }
    return buildRunbook(config, generate(config).files, edited).find((s) => s.id === 'iam')!
  }

  it('offers "Apply with Terraform" from the terraform folder, with the file', () => {
    const action = setup({}).actions.find((a) => a.label.key === 'runbook.iam.terraform.label')!
    expect(action.command).toBe('cd terraform && terraform init && terraform apply')
    expect(action.files).toEqual([TERRAFORM_PATH])
    expect(action.text.map((m) => m.params?.withDeployer)).toEqual(['no'])
    expect(
      setup({ deployerRoleName: 'deployer' })
        .actions.find((a) => a.label.key === 'runbook.iam.terraform.label')!
        .text.map((m) => m.params?.deployer),
    ).toEqual(['deployer'])
  })

  it('says which edited files the Terraform file does not carry the edit of', () => {
    const carries = (partial: Partial<WizardConfig>, edited: string[]) =>
      setup(partial, edited).notes.find((n) => n.key === 'runbook.note.terraformCarries')?.params?.paths
    expect(carries({}, ['ec2/user-data.sh', 'iam/task-role-trust-policy.json'])).toBe(
      'iam/task-role-trust-policy.json, ec2/user-data.sh',
    )
    // The pass-role policy is in the file only when it goes on a deployer role.
    expect(carries({}, ['iam/passrole-policy.json'])).toBeUndefined()
    expect(carries({ deployerRoleName: 'deployer' }, ['iam/passrole-policy.json'])).toBe(
      'iam/passrole-policy.json',
    )
    // Not when the Terraform file itself holds the edits.
    expect(carries({}, ['ec2/user-data.sh', TERRAFORM_PATH])).toBeUndefined()
  })
})

describe.skipIf(!hasTerraform)(`with ${TERRAFORM} (optional)`, () => {
  it('terraform fmt finds every file formatted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-terraform-fmt-'))
    for (const { name, file } of parsed) {
      mkdirSync(join(dir, name))
      writeFileSync(join(dir, name, 'main.tf'), file.text)
    }
    const run = await runCommand(TERRAFORM, ['fmt', '-check', '-recursive', '-list=true', dir])
    expect(run.stdout, run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('Terraform evaluates the policies, task containers and user data to the files of ec2/, iam/ and ecs/', async () => {
    // Each jsonencode/base64encode expression of every file, its references replaced by their values,
    // as an output of one configuration without providers (init and apply need no download).
    const locals: string[] = []
    const outputs: string[] = []
    const expected: Record<string, { json?: unknown; text?: string }> = {}
    const valueIds = new Map<string, string>()
    const local = (value: string) => {
      if (!valueIds.has(value)) {
        valueIds.set(value, `v${valueIds.size}`)
        locals.push(
          `  v${valueIds.size - 1} = ${JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}`,
        )
      }
      return `local.${valueIds.get(value)!}`
    }
    const add = async (
      p: Parsed,
      id: string,
      expression: string,
      want: { json?: unknown; text?: string },
    ) => {
      const bytes = Buffer.from(expression)
      const refs = await getReferencesInExpression('main.tf', expression)
      let out = Buffer.alloc(0)
      let at = 0
      for (const ref of refs) {
        out = Buffer.concat([
          out,
          bytes.subarray(at, ref.startPosition),
          Buffer.from(local(p.values[ref.value]!)),
        ])
        at = ref.endPosition
      }
      const source = Buffer.concat([out, bytes.subarray(at)]).toString()
      outputs.push(`output "${id}" {\n  value = ${source.slice(2, -1)}\n}\n`)
      expected[id] = want
    }
    for (const [n, p] of parsed.entries()) {
      const prefixOf = Object.fromEntries(rolesOf(p.plan).map(([role, prefix]) => [role.name, prefix]))
      for (const [label, body] of resources(p.json, 'aws_iam_role'))
        await add(p, `s${n}_trust_${label}`, body.assume_role_policy as string, {
          json: JSON.parse(fileText(p, `${prefixOf[body.name as string]!}-trust-policy.json`)!),
        })
      for (const [label, body] of resources(p.json, 'aws_iam_role_policy')) {
        const role = evaluateTemplate(body.role as string, p.values)
        const path =
          role === p.plan.passRole.deployerRoleName
            ? 'iam/passrole-policy.json'
            : `${prefixOf[role]!}-policy.json`
        await add(p, `s${n}_policy_${label}`, body.policy as string, { json: JSON.parse(fileText(p, path)!) })
      }
      const [[, task]] = resources(p.json, 'aws_ecs_task_definition') as [[string, Body]]
      await add(p, `s${n}_containers`, task.container_definitions as string, {
        json: (JSON.parse(fileText(p, 'ecs/task-definition.json')!) as { containerDefinitions: unknown })
          .containerDefinitions,
      })
      for (const [, template] of resources(p.json, 'aws_launch_template'))
        await add(p, `s${n}_user_data`, template.user_data as string, {
          text: fileText(p, 'ec2/user-data.sh') ?? fileText(p, 'ec2/user-data.ps1'),
        })
    }
    const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-terraform-eval-'))
    writeFileSync(join(dir, 'main.tf'), `locals {\n${locals.join('\n')}\n}\n\n${outputs.join('\n')}`)
    const env = {
      ...process.env,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: '/dev/null',
    }
    for (const args of [
      ['init', '-input=false'],
      ['apply', '-auto-approve', '-input=false'],
    ]) {
      const run = await runCommand(TERRAFORM, args, { cwd: dir, env })
      expect(run.status, `terraform ${args[0]}: ${run.stderr}`).toBe(0)
    }
    const run = await runCommand(TERRAFORM, ['output', '-json'], { cwd: dir, env })
    const values = JSON.parse(run.stdout) as Record<string, { value: string }>
    expect(Object.keys(values).sort()).toEqual(Object.keys(expected).sort())
    for (const [id, want] of Object.entries(expected)) {
      const value = values[id]!.value
      if (want.text !== undefined)
        expect(Buffer.from(value, 'base64').equals(Buffer.from(want.text, 'utf8')), id).toBe(true)
      else expect(JSON.parse(value), id).toEqual(want.json)
    }
  }, 120_000)
})
