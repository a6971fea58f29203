// cloudformation/template.yaml, for every golden scenario: read by a YAML parser with CloudFormation's tags,
// checked against the CloudFormation resource specification (@aws-cdk/aws-service-spec) and by AWS
// CloudFormation Validate (@aws/cloudformation-validate: cfn-lint's rules and the provider schemas), and
// equivalent to the other files: the policy documents equal iam/*.json once the pseudo parameters are
// resolved with the scenario's account, Region and partition, the user data is ec2/user-data.* byte for
// byte, and the task definition is ecs/task-definition.json under CloudFormation's property names.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RegoEngine, type Engine, type StandardDiagnostic } from '@aws/cloudformation-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import {
  loadSpec,
  parseTemplate,
  resolveIntrinsics,
  specProblems,
  taskDefinitionFromApi,
  type CfnTemplate,
  type Deployment,
  type SpecDatabase,
} from '../test-support/cloudformation.ts'
import {
  awsWrapperDir,
  closedLocalPort,
  runWithAwsWrapper,
  tempDir,
  writeTree,
} from '../test-support/checkers.ts'
import { runCommand } from '../test-support/run-command.ts'
import { IAC_CONFIGS } from '../test-support/iac-configs.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import {
  CLOUDFORMATION_TEMPLATE,
  deployCommand,
  deployCommandFor,
  outputsCommand,
  runInstancesCommand,
  stackName,
} from './artifacts/cloudformation-commands.ts'
import { LOGICAL_IDS, PARAMETERS } from './artifacts/cloudformation.ts'
import { generate } from './generate.ts'
import { plan, type RolePlan, type SetupPlan } from './plan.ts'
import type { Artifact } from './types.ts'

let db: SpecDatabase
let engine: Engine
// Both load once for the file: the specification in about a second, the validator's wasm in 4-11 s.
beforeAll(() => {
  db = loadSpec()
  engine = new RegoEngine()
}, 120_000)
afterAll(() => engine?.free())

/** AWS CloudFormation Validate's findings at WARN or above, in memory (no file written). */
function validate(text: string, setup: SetupPlan): StandardDiagnostic[] {
  const template = { path: CLOUDFORMATION_TEMPLATE, readBytes: () => new TextEncoder().encode(text) }
  return engine.validateStandard(template, {
    severityLevel: 'WARN',
    pseudoParameterOverrides: {
      region: setup.region,
      partition: setup.partition,
      accountId: setup.accountId,
    },
  }).diagnostics
}
const ruleIds = (text: string, setup: SetupPlan) => validate(text, setup).map((d) => d.ruleId)

// What CloudFormation would give for !Ref and !GetAtt in this scenario's account, Region and partition; the
// AMI parameter stands for what it is read from, the subnets parameter for the subnets passed to it.
const SUBNETS_GIVEN = 'the subnets passed to ServiceSubnets'
const deploymentOf = (setup: SetupPlan): Deployment => ({
  partition: setup.partition,
  region: setup.region,
  accountId: setup.accountId,
  attributes: {
    [`${LOGICAL_IDS.taskRole}.Arn`]: setup.taskRole.arn,
    ...(setup.executionRole ? { [`${LOGICAL_IDS.executionRole}.Arn`]: setup.executionRole.arn } : {}),
    ...(setup.instances
      ? {
          [`${LOGICAL_IDS.instanceRole}.Arn`]: setup.instances.role.arn,
          [`${LOGICAL_IDS.instanceProfile}.Arn`]: setup.instances.profile.arn,
        }
      : {}),
    [`${LOGICAL_IDS.cluster}.Arn`]: setup.cluster.arn,
  },
  refs: {
    ...(setup.instances
      ? {
          [LOGICAL_IDS.instanceRole]: setup.instances.role.name,
          [LOGICAL_IDS.instanceProfile]: setup.instances.profile.name,
        }
      : {}),
    [LOGICAL_IDS.cluster]: setup.cluster.name,
    ...(setup.logGroup ? { [LOGICAL_IDS.logGroup]: setup.logGroup.name } : {}),
    [LOGICAL_IDS.taskDefinition]: 'the task definition ARN',
    [LOGICAL_IDS.launchTemplate]: 'the launch template id',
    [LOGICAL_IDS.service]: 'the service ARN',
    [PARAMETERS.image]: setup.instances?.launchTemplate?.imageId ?? '',
    [PARAMETERS.subnets]: SUBNETS_GIVEN,
  },
})

const fileText = (files: readonly Artifact[], path: string) => files.find((f) => f.path === path)?.text
const json = (files: readonly Artifact[], path: string): unknown => {
  const text = fileText(files, path)
  return text === undefined ? undefined : JSON.parse(text)
}

/** The plan's roles with their logical ids and iam/ files. */
const rolesOf = (setup: SetupPlan) =>
  [
    [LOGICAL_IDS.taskRole, LOGICAL_IDS.taskRolePolicy, setup.taskRole, 'iam/task-role'],
    ...(setup.executionRole
      ? [
          [
            LOGICAL_IDS.executionRole,
            LOGICAL_IDS.executionRolePolicy,
            setup.executionRole,
            'iam/execution-role',
          ],
        ]
      : []),
    ...(setup.instances
      ? [
          [
            LOGICAL_IDS.instanceRole,
            LOGICAL_IDS.instanceRolePolicy,
            setup.instances.role,
            'iam/instance-role',
          ],
        ]
      : []),
  ] as [string, string, RolePlan, string][]

/**
 * The template's resources say what the other files and the plan say: roles (or, for existing roles, only
 * their inline policies, and a comment for each AWS managed policy to attach by hand), profile, pass-role
 * policy, cluster, log group, task definition, launch template, service, parameters and outputs, and no
 * other resource. Throws (through expect) on the first difference.
 */
function expectEquivalent(
  template: CfnTemplate,
  files: readonly Artifact[],
  setup: SetupPlan,
  text: string,
): void {
  const deployment = deploymentOf(setup)
  const props = (id: string) =>
    resolveIntrinsics(template.Resources[id]?.Properties, deployment) as Record<string, unknown> | undefined
  const expectedIds: string[] = []

  for (const [id, policyId, role, prefix] of rolesOf(setup)) {
    const inline = json(files, `${prefix}-policy.json`)
    const managed = role.managedPolicies.map((m) => m.arn)
    if (role.existing) {
      expect(template.Resources[id], `${id} exists: not created`).toBeUndefined()
      expect(props(policyId), policyId).toEqual(
        inline
          ? { PolicyName: role.inlinePolicy!.name, PolicyDocument: inline, RoleName: role.name }
          : undefined,
      )
      if (inline) {
        expect(template.Resources[policyId]?.Type).toBe('AWS::IAM::RolePolicy')
        expectedIds.push(policyId)
      }
      // CloudFormation cannot attach an AWS managed policy to a role it does not own: a comment says how.
      for (const arn of managed)
        expect(text, `${role.name}: ${arn}`).toMatch(
          new RegExp(`^ *# +aws iam attach-role-policy --role-name ${role.name} --policy-arn ${arn}$`, 'm'),
        )
    } else {
      expect(template.Resources[id]?.Type).toBe('AWS::IAM::Role')
      expect(props(id), id).toEqual({
        RoleName: role.name,
        AssumeRolePolicyDocument: json(files, `${prefix}-trust-policy.json`),
        ...(managed.length > 0 ? { ManagedPolicyArns: managed } : {}),
        ...(inline ? { Policies: [{ PolicyName: role.inlinePolicy!.name, PolicyDocument: inline }] } : {}),
      })
      expect(template.Resources[policyId]).toBeUndefined()
      expectedIds.push(id)
    }
  }
  const instances = setup.instances
  expect(props(LOGICAL_IDS.instanceProfile)).toEqual(
    instances && !instances.profile.existing
      ? { InstanceProfileName: instances.profile.name, Roles: [instances.role.name] }
      : undefined,
  )
  if (instances && !instances.profile.existing) expectedIds.push(LOGICAL_IDS.instanceProfile)
  const deployer = setup.passRole.deployerRoleName
  expect(props(LOGICAL_IDS.passRolePolicy)).toEqual(
    deployer
      ? {
          PolicyName: setup.passRole.policy.name,
          PolicyDocument: json(files, 'iam/passrole-policy.json'),
          Roles: [deployer],
        }
      : undefined,
  )
  if (deployer) expectedIds.push(LOGICAL_IDS.passRolePolicy)
  expect(props(LOGICAL_IDS.cluster)).toEqual({ ClusterName: setup.cluster.name })
  expect(props(LOGICAL_IDS.logGroup)).toEqual(
    setup.logGroup ? { LogGroupName: setup.logGroup.name } : undefined,
  )
  if (setup.logGroup) expectedIds.push(LOGICAL_IDS.logGroup)
  expect(props(LOGICAL_IDS.taskDefinition)).toEqual(
    taskDefinitionFromApi(json(files, 'ecs/task-definition.json'), db),
  )
  expectedIds.push(LOGICAL_IDS.cluster, LOGICAL_IDS.taskDefinition)

  // The launch template: the plan's AMI, type, groups, profile and IMDSv2 options, and the user data file's
  // exact text under !Base64.
  const launchTemplate = instances?.launchTemplate
  const resource = template.Resources[LOGICAL_IDS.launchTemplate]
  if (!launchTemplate) expect(resource).toBeUndefined()
  else {
    expectedIds.push(LOGICAL_IDS.launchTemplate)
    const userData = fileText(files, 'ec2/user-data.sh') ?? fileText(files, 'ec2/user-data.ps1')
    expect(userData).toBeDefined()
    const { UserData, ...data } = resource?.Properties?.LaunchTemplateData as Record<string, unknown>
    expect(UserData).toEqual({ 'Fn::Base64': userData })
    expect(resource?.Properties?.LaunchTemplateName).toBe(launchTemplate.name)
    const resolved = resolveIntrinsics(data, deployment)
    expect(resolved).toEqual({
      ImageId: launchTemplate.imageId,
      InstanceType: launchTemplate.instanceType,
      IamInstanceProfile: { Name: launchTemplate.instanceProfileName },
      ...(launchTemplate.securityGroupIds.length > 0
        ? { SecurityGroupIds: launchTemplate.securityGroupIds }
        : {}),
      MetadataOptions: {
        HttpTokens: launchTemplate.metadata.httpTokens,
        HttpPutResponseHopLimit: launchTemplate.metadata.hopLimit,
        HttpEndpoint: 'enabled',
      },
    })
    // The same data as ec2/launch-template.json, whose user data is the Base64 of the same text.
    const { UserData: encoded, ...fileData } = json(files, 'ec2/launch-template.json') as Record<
      string,
      unknown
    >
    expect(resolved).toEqual(fileData)
    expect(Buffer.from(encoded as string, 'base64').toString('utf8')).toBe(userData)
    // AWS's pattern: the public parameter as the default of an AMI-typed SSM parameter, or the AMI ID itself.
    expect(data.ImageId).toEqual(
      launchTemplate.imageParameter ? { Ref: PARAMETERS.image } : launchTemplate.imageId,
    )
  }
  expect(template.Parameters?.[PARAMETERS.image]).toEqual(
    launchTemplate?.imageParameter
      ? {
          Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
          Default: launchTemplate.imageParameter,
          Description: expect.any(String) as unknown,
        }
      : undefined,
  )

  // The service: the plan's name, count, launch type and network; the subnets passed in for the default VPC.
  const service = setup.service
  if (service) expectedIds.push(LOGICAL_IDS.service)
  const network = service?.network
  expect(props(LOGICAL_IDS.service)).toEqual(
    service
      ? {
          ServiceName: service.name,
          Cluster: setup.cluster.name,
          TaskDefinition: 'the task definition ARN',
          DesiredCount: service.desiredCount,
          LaunchType: service.launchType,
          ...(network
            ? {
                NetworkConfiguration: {
                  AwsvpcConfiguration:
                    network.kind === 'chosen'
                      ? taskDefinitionCase(network.awsvpcConfiguration)
                      : {
                          Subnets: SUBNETS_GIVEN,
                          ...(network.securityGroups.length > 0
                            ? { SecurityGroups: network.securityGroups }
                            : {}),
                          ...(network.assignPublicIp ? { AssignPublicIp: network.assignPublicIp } : {}),
                        },
                },
              }
            : {}),
        }
      : undefined,
  )
  expect(template.Parameters?.[PARAMETERS.subnets]?.Type).toBe(
    network?.kind === 'default-vpc' ? 'List<AWS::EC2::Subnet::Id>' : undefined,
  )

  expect(Object.keys(template.Resources).sort()).toEqual(expectedIds.sort())
  expect(resolveIntrinsics(template.Outputs, deployment)).toMatchObject({
    ...(setup.taskRole.existing ? {} : { TaskRoleArn: { Value: setup.taskRole.arn } }),
    ...(setup.executionRole && !setup.executionRole.existing
      ? { ExecutionRoleArn: { Value: setup.executionRole.arn } }
      : {}),
    ...(instances && !instances.role.existing
      ? {
          InstanceRoleArn: { Value: instances.role.arn },
          InstanceProfileArn: { Value: instances.profile.arn },
        }
      : {}),
    ClusterArn: { Value: setup.cluster.arn },
    TaskDefinitionArn: { Value: 'the task definition ARN' },
    ...(launchTemplate ? { LaunchTemplateId: { Value: 'the launch template id' } } : {}),
    ...(service ? { ServiceArn: { Value: 'the service ARN' } } : {}),
  })
}

/** An API object's fields under CloudFormation's names (AwsVpcConfiguration: subnets → Subnets …). */
const taskDefinitionCase = (value: object) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]))

const scenarios = loadScenarios().filter((s) => s.result.files.length > 0)
const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }

describe('the extra configurations', () => {
  const find = (prefix: string) => plan(IAC_CONFIGS.find(({ name }) => name.startsWith(prefix))!.config)

  it('are valid and give files', () => {
    for (const { name, config, issues } of IAC_CONFIGS) {
      expect(issues, name).toEqual([])
      expect(generate(config).files.length, name).toBeGreaterThan(0)
    }
  })

  it('have the shapes they are named for', () => {
    expect(find('fargate windows').taskDefinition.runtimePlatform?.operatingSystemFamily).toMatch(
      /^WINDOWS_SERVER_2022_/,
    )
    expect(
      find('fargate linux: a service').executionRole?.inlinePolicy?.document.Statement.map((s) => s.Sid),
    ).toEqual(['ReadTaskSecrets', 'ReadTaskParameters'])
    expect(find('SSE-KMS').taskRole.inlinePolicy?.document.Statement.map((s) => s.Sid)).toEqual(
      expect.arrayContaining(['Bucket1Kms', 'Bucket2Kms']),
    )
    expect(find('launch template: ecs-init').instances?.launchTemplate?.imageId).toBe('ami-0123456789abcdef0')
    expect(find('launch template: AL2').instances?.launchTemplate?.metadata.hopLimit).toBe(2)
    expect(find('launch template: Windows').instances?.launchTemplate?.imageParameter).toMatch(
      /Windows_Server-2019-English-Full-ECS_Optimized/,
    )
    const existing = find('every role existing')
    expect(
      [existing.taskRole, existing.executionRole!, existing.instances!.role].map((r) => r.existing),
    ).toEqual([true, true, true])
  })
})

describe('cloudformation/template.yaml', () => {
  it('is generated for every golden scenario that has files', () => {
    for (const s of scenarios) expect(fileText(s.result.files, CLOUDFORMATION_TEMPLATE), s.name).toBeDefined()
  })

  describe.each([
    ...scenarios.map((s): [string, Artifact[], SetupPlan] => [
      s.name,
      s.result.files,
      plan(readConfig(s.raw as WizardConfig).config),
    ]),
    ...IAC_CONFIGS.map(({ name, config }): [string, Artifact[], SetupPlan] => [
      name,
      generate(config).files,
      plan(config),
    ]),
  ])('%s', (_name, files, setup) => {
    const text = fileText(files, CLOUDFORMATION_TEMPLATE)!

    it('reads as YAML with the CloudFormation tags, the same in YAML 1.1 and 1.2, without a warning', () => {
      expect(() => parseTemplate(text)).not.toThrow()
    })

    it('uses only resource types and properties of the CloudFormation resource specification, with every required one', () => {
      expect(specProblems(parseTemplate(text), db)).toEqual([])
    })

    it('passes AWS CloudFormation Validate with no finding at WARN or above, but the ARNs of existing roles', () => {
      // W9002 (a literal ARN where a Ref or GetAtt could be) is what an existing role is: the stack does
      // not own it, so its ARN is written (with the stack's partition and account), even through a parameter.
      const existing = [
        ...(setup.taskRole.existing ? ['Properties.TaskRoleArn'] : []),
        ...(setup.executionRole?.existing ? ['Properties.ExecutionRoleArn'] : []),
      ]
      expect(validate(text, setup).map((d) => [d.ruleId, d.entity?.logicalId, d.propertyPath])).toEqual(
        existing.map((path) => ['W9002', LOGICAL_IDS.taskDefinition, path]),
      )
    })

    it('holds the documents of iam/, the task definition of ecs/ and the user data of ec2/, unchanged, and the resources of the plan', () => {
      expectEquivalent(parseTemplate(text), files, setup, text)
    })

    it('fits the 51,200 bytes aws cloudformation deploy sends without an S3 bucket', () => {
      expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(51_200)
    })
  })
})

/** cfn-lint (pip), when this machine has it: a third checker, not installable from here, so optional. */
const cfnLint = (() => {
  try {
    return execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

describe.skipIf(cfnLint === undefined)(`cfn-lint (${cfnLint ?? 'not installed'})`, () => {
  it('reports nothing on any golden template or extra configuration', async () => {
    const dir = tempDir('cfn-lint')
    const paths = [
      ...scenarios.map((s) => [s.name, s.result.files] as const),
      ...IAC_CONFIGS.map(({ config }, i) => [`extra-${i}`, generate(config).files] as const),
    ].map(([name, files]) => {
      writeTree(join(dir, name), files)
      return join(dir, name, CLOUDFORMATION_TEMPLATE)
    })
    const { status, stdout, stderr } = await runCommand(
      'cfn-lint',
      ['--format', 'parseable', '--', ...paths],
      {
        timeout: 120_000,
      },
    )
    expect(stdout + stderr).toBe('')
    expect(status).toBe(0)

    // It can fail: a string where ManagedPolicyArns needs a list (AWS CloudFormation Validate misses this one).
    const broken = join(dir, 'broken.yaml')
    writeFileSync(
      broken,
      scenarios[0]!.result.files
        .find((f) => f.path === CLOUDFORMATION_TEMPLATE)!
        .text.replace('ManagedPolicyArns:\n        - !Sub', 'ManagedPolicyArns: !Sub'),
    )
    const bad = await runCommand('cfn-lint', ['--format', 'parseable', '--', broken], { timeout: 120_000 })
    expect(bad.status).not.toBe(0)
    expect(bad.stdout).toMatch(/:E1019:.*is not of type 'array'/)
  }, 120_000)
})

describe('the checks fail on a broken template', () => {
  const config: WizardConfig = { ...base, deployerRoleName: 'deployer' }
  const { files } = generate(config)
  const setup = plan(config)
  const text = fileText(files, CLOUDFORMATION_TEMPLATE)!
  const mutate = (from: string, to: string) => {
    expect(text, from).toContain(from)
    return text.replace(from, to)
  }

  it.each([
    ['an unknown property', 'RoleName: ecsTaskRole', 'RoleNam: ecsTaskRole', 'F3002'],
    ['an unknown property in LaunchTemplateData', 'IamInstanceProfile:', 'IamInstanceProfil:', 'F3002'],
    ['an unknown property in ContainerDefinitions', 'Image: ', 'Imag: ', 'F3002'],
    ['a string for an integer', 'Memory: 512', 'Memory: lots', 'F3012'],
    ['a missing required property', '      Roles:\n        - !Ref InstanceRole\n', '', 'F3003'],
    ['an unknown resource type', 'Type: AWS::ECS::Cluster', 'Type: AWS::ECS::Clustr', 'F3006'],
    ['a !Ref to nothing', '- !Ref InstanceRole', '- !Ref InstanceRol', 'F1020'],
    ['a !GetAtt of an unknown attribute', '!GetAtt Cluster.Arn', '!GetAtt Cluster.Nope', 'F6101'],
    ['a misspelt pseudo parameter in !Sub', '${AWS::AccountId}', '${AWS::AcountId}', 'F1018'],
    [
      'a string where a list is required',
      '      Roles:\n        - !Ref InstanceRole',
      '      Roles: !Ref InstanceRole',
      'F3012',
    ],
  ])('%s: the specification walker and AWS CloudFormation Validate both object', (_what, from, to, rule) => {
    const broken = mutate(from, to)
    expect(specProblems(parseTemplate(broken), db)).not.toEqual([])
    expect(ruleIds(broken, setup)).toContain(rule)
  })

  it('a string where ManagedPolicyArns needs a list: the specification walker objects', () => {
    const broken = mutate('ManagedPolicyArns:\n        - !Sub', 'ManagedPolicyArns: !Sub')
    expect(specProblems(parseTemplate(broken), db)).toEqual([
      'Resources.InstanceRole.Properties.ManagedPolicyArns: Fn::Sub gives a string, the property is array<string>',
    ])
  })

  it('an unknown tag stops the parser', () => {
    expect(() => parseTemplate(mutate('!GetAtt TaskRole.Arn', '!Bogus TaskRole.Arn'))).toThrow()
  })

  it('a date where CloudFormation needs the string "2012-10-17" stops the parser', () => {
    expect(() => parseTemplate(mutate('Version: "2012-10-17"', 'Version: 2012-10-17'))).toThrow(/1\.1/)
  })

  it.each([
    ['a changed action', 'Action: sts:AssumeRole', 'Action: sts:AssumeRoleWithWebIdentity'],
    ['a literal account instead of the stack account', '!Ref AWS::AccountId', '"210987654321"'],
    ['one byte of user data', 'set -euo pipefail', 'set -eu pipefail'],
    ['a task definition field', 'Memory: 512', 'Memory: 256'],
    ['the deployer role', '- deployer', '- someone-else'],
    ['the IMDS hop limit', 'HttpPutResponseHopLimit: 1', 'HttpPutResponseHopLimit: 2'],
    ['IMDSv1 allowed', 'HttpTokens: required', 'HttpTokens: optional'],
    [
      'another AMI parameter',
      'Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
      'Default: /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id',
    ],
    ['another instance type', 'InstanceType: t3.small', 'InstanceType: t3.large'],
  ])('%s: the comparison with the other files fails', (_what, from, to) => {
    expect(() => expectEquivalent(parseTemplate(text), files, setup, text)).not.toThrow()
    const broken = mutate(from, to)
    expect(() => expectEquivalent(parseTemplate(broken), files, setup, broken)).toThrow()
  })

  describe('with existing roles, a log group and a service', () => {
    const config = IAC_CONFIGS.find(({ name }) => name.startsWith('every role existing'))!.config
    const existingFiles = generate(config).files
    const existingSetup = plan(config)
    const existingText = fileText(existingFiles, CLOUDFORMATION_TEMPLATE)!

    it.each([
      ['the existing role a policy goes on', 'RoleName: existing-execution', 'RoleName: someone-else'],
      [
        'no comment to attach the managed policy by hand',
        '--role-name existing-execution --policy-arn',
        '--role-name someone-else --policy-arn',
      ],
      ['the service count', 'DesiredCount: 1', 'DesiredCount: 2'],
      ['the service launch type', 'LaunchType: EC2', 'LaunchType: FARGATE'],
      ['the log group', 'LogGroupName: /ecs/my-app', 'LogGroupName: /ecs/other'],
      ['the existing instance profile', 'Name: existing-profile', 'Name: existing-instance'],
      [
        'a role created although it exists',
        '  TaskRolePolicy:\n    Type: AWS::IAM::RolePolicy',
        '  TaskRole:\n    Type: AWS::IAM::RolePolicy',
      ],
    ])('%s: the comparison fails', (_what, from, to) => {
      expect(() =>
        expectEquivalent(parseTemplate(existingText), existingFiles, existingSetup, existingText),
      ).not.toThrow()
      expect(existingText, from).toContain(from)
      const broken = existingText.replace(from, to)
      expect(() => expectEquivalent(parseTemplate(broken), existingFiles, existingSetup, broken)).toThrow()
    })
  })
})

describe('the deploy command', () => {
  it('names a stack CloudFormation accepts, whatever the cluster name', () => {
    for (const cluster of ['prod-web', '-rf', '__a__b__', 'x'.repeat(255), 'a_-_b-'])
      expect(stackName(cluster), cluster).toMatch(/^[A-Za-z][A-Za-z0-9-]{0,127}$/)
    expect(stackName('prod-web')).toBe('ecs-task-roles-prod-web')
  })

  it('passes the AWS CLI v2 parameter validation with the template it deploys, and so does the outputs check', async () => {
    const wrapper = awsWrapperDir(await closedLocalPort())
    const dir = tempDir('cfn-deploy')
    const { files } = generate({ ...base, clusterName: '-rf' })
    writeTree(dir, files)
    const command = deployCommand('-rf', base.region)
    writeFileSync(join(dir, 'deploy.sh'), `set -e\n${command}\n${outputsCommand('-rf', base.region)}\n`)
    const run = await runWithAwsWrapper(join(dir, 'deploy.sh'), [], wrapper, {}, dir)
    expect(run.calls).toEqual(['passed: cloudformation deploy', 'passed: cloudformation describe-stacks'])
    expect(run.status).toBe(0)

    // The same run fails when the CLI rejects the call: the check can fail.
    for (const broken of [
      command.replace('--stack-name', '--stack-label'),
      command.replace(CLOUDFORMATION_TEMPLATE, 'cloudformation/missing.yaml'),
    ]) {
      writeFileSync(join(dir, 'deploy.sh'), `set -e\n${broken}\n`)
      const bad = await runWithAwsWrapper(join(dir, 'deploy.sh'), [], wrapper, {}, dir)
      expect(bad.status, broken).not.toBe(0)
      expect(bad.calls[0], broken).toMatch(/^failed\(\d+\): cloudformation deploy/)
    }
  }, 60_000)

  it('looks up the default VPC subnets and passes them when the service has none chosen', async () => {
    const config = IAC_CONFIGS.find(({ name }) => name.startsWith('fargate linux: a service'))!.config
    const setup = plan(config)
    const command = deployCommandFor(setup)
    expect(command).toBe(
      `subnets=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[].SubnetId' --output text --region us-east-1 | tr -s '[:space:]' ,) && ${deployCommand(setup.cluster.name, setup.region)} --parameter-overrides "ServiceSubnets=\${subnets%,}"`,
    )
    // Without a subnets parameter, the plain command.
    expect(deployCommandFor(plan(base))).toBe(deployCommand(base.clusterName, base.region))

    const wrapper = awsWrapperDir(await closedLocalPort())
    const dir = tempDir('cfn-deploy-subnets')
    writeTree(dir, generate(config).files)
    // The CLI prints the subnets tab-separated; the command passes them comma-separated.
    writeFileSync(join(dir, 'deploy.sh'), `set -e\n${command}\necho "passed: $subnets"\n`)
    const run = await runWithAwsWrapper(
      join(dir, 'deploy.sh'),
      [],
      wrapper,
      { 'ec2 describe-subnets': { stdout: 'subnet-0aaa\tsubnet-0bbb\n' } },
      dir,
    )
    expect(run.calls).toEqual(['passed: ec2 describe-subnets', 'passed: cloudformation deploy'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('passed: subnet-0aaa,subnet-0bbb,')
  }, 60_000)

  it('launches the instances with a run-instances command the AWS CLI v2 accepts', async () => {
    const wrapper = awsWrapperDir(await closedLocalPort())
    const dir = tempDir('cfn-run-instances')
    const template = { name: 'my (cluster)/instances_1', count: 3, subnetId: 'subnet-0123456789abcdef0' }
    const command = runInstancesCommand(template, 'eu-west-1')
    expect(command).toBe(
      `aws ec2 run-instances --launch-template '{"LaunchTemplateName":"my (cluster)/instances_1","Version":"$Latest"}' --count 3 --subnet-id subnet-0123456789abcdef0 --region eu-west-1`,
    )
    writeFileSync(
      join(dir, 'run.sh'),
      `set -e\n${command}\n${runInstancesCommand({ name: 'abc', count: 1 }, 'eu-west-1')}\n`,
    )
    const run = await runWithAwsWrapper(join(dir, 'run.sh'), [], wrapper, {}, dir)
    expect(run.calls).toEqual(['passed: ec2 run-instances', 'passed: ec2 run-instances'])
    writeFileSync(join(dir, 'bad.sh'), `set -e\n${command.replace('--count 3', '--count three')}\n`)
    const bad = await runWithAwsWrapper(join(dir, 'bad.sh'), [], wrapper, {}, dir)
    expect(bad.calls[0]).toMatch(/^failed\(\d+\): ec2 run-instances/)
  }, 60_000)
})
