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
import { loadScenarios } from '../test-support/scenarios.ts'
import {
  CLOUDFORMATION_TEMPLATE,
  deployCommand,
  outputsCommand,
  stackName,
} from './artifacts/cloudformation-commands.ts'
import { LOGICAL_IDS } from './artifacts/cloudformation.ts'
import { generate } from './generate.ts'
import { plan, type SetupPlan } from './plan.ts'
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

// What CloudFormation would give for !Ref and !GetAtt in this scenario's account, Region and partition.
const deploymentOf = (setup: SetupPlan): Deployment => ({
  partition: setup.partition,
  region: setup.region,
  accountId: setup.accountId,
  attributes: {
    [`${LOGICAL_IDS.taskRole}.Arn`]: setup.taskRole.arn,
    [`${LOGICAL_IDS.instanceRole}.Arn`]: setup.instanceRole.arn,
    [`${LOGICAL_IDS.instanceProfile}.Arn`]: setup.instanceProfile.arn,
    [`${LOGICAL_IDS.cluster}.Arn`]: setup.cluster.arn,
  },
  refs: {
    [LOGICAL_IDS.instanceRole]: setup.instanceRole.name,
    [LOGICAL_IDS.taskDefinition]: 'the task definition ARN',
    [LOGICAL_IDS.launchTemplate]: 'the launch template id',
  },
})

const fileText = (files: readonly Artifact[], path: string) => files.find((f) => f.path === path)?.text
const json = (files: readonly Artifact[], path: string): unknown => {
  const text = fileText(files, path)
  return text === undefined ? undefined : JSON.parse(text)
}

/**
 * The template's resources say what the other files say: roles, policies, profile, pass-role policy,
 * cluster, task definition, launch template and outputs. Throws (through expect) on the first difference.
 */
function expectEquivalent(template: CfnTemplate, files: readonly Artifact[], setup: SetupPlan): void {
  const deployment = deploymentOf(setup)
  const props = (id: string) =>
    resolveIntrinsics(template.Resources[id]?.Properties, deployment) as Record<string, unknown> | undefined

  const roles = [
    [LOGICAL_IDS.taskRole, setup.taskRole, 'iam/task-role'],
    [LOGICAL_IDS.instanceRole, setup.instanceRole, 'iam/instance-role'],
  ] as const
  for (const [id, role, prefix] of roles) {
    expect(template.Resources[id]?.Type).toBe('AWS::IAM::Role')
    const inline = json(files, `${prefix}-policy.json`)
    const managed = role.managedPolicies.map((m) => m.arn)
    expect(props(id), id).toEqual({
      RoleName: role.name,
      AssumeRolePolicyDocument: json(files, `${prefix}-trust-policy.json`),
      ...(managed.length > 0 ? { ManagedPolicyArns: managed } : {}),
      ...(inline ? { Policies: [{ PolicyName: role.inlinePolicy!.name, PolicyDocument: inline }] } : {}),
    })
  }
  expect(props(LOGICAL_IDS.instanceProfile)).toEqual({
    InstanceProfileName: setup.instanceProfile.name,
    Roles: [setup.instanceRole.name],
  })
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
  expect(props(LOGICAL_IDS.cluster)).toEqual({ ClusterName: setup.cluster.name })
  expect(props(LOGICAL_IDS.taskDefinition)).toEqual(
    taskDefinitionFromApi(json(files, 'ecs/task-definition.json'), db),
  )

  // The launch template: the instance profile, and the user data file's exact text under !Base64.
  const userData = fileText(files, 'ec2/user-data.sh') ?? fileText(files, 'ec2/user-data.ps1')
  expect(userData).toBeDefined()
  const data = template.Resources[LOGICAL_IDS.launchTemplate]?.Properties?.LaunchTemplateData as Record<
    string,
    unknown
  >
  expect(resolveIntrinsics(data.IamInstanceProfile, deployment)).toEqual({ Arn: setup.instanceProfile.arn })
  expect(data.UserData).toEqual({ 'Fn::Base64': userData })

  expect(resolveIntrinsics(template.Outputs, deployment)).toMatchObject({
    TaskRoleArn: { Value: setup.taskRole.arn },
    InstanceRoleArn: { Value: setup.instanceRole.arn },
    InstanceProfileArn: { Value: setup.instanceProfile.arn },
    ClusterArn: { Value: setup.cluster.arn },
    TaskDefinitionArn: { Value: 'the task definition ARN' },
    LaunchTemplateId: { Value: 'the launch template id' },
  })
}

const scenarios = loadScenarios().filter((s) => s.result.files.length > 0)
// Combinations the golden scenarios do not hold: Windows with a deployer role and extra statements, Linux
// with every optional resource in another partition.
const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }
const extraConfigs: [string, WizardConfig][] = [
  [
    'windows-2022-awsvpc with a deployer role and extra statements',
    {
      ...base,
      os: 'windows',
      ami: 'windows-2022',
      networkMode: 'awsvpc',
      deployerRoleName: 'deployer',
      extraStatements:
        '[{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:012345678901:q" }]',
    },
  ],
  [
    'linux ecs-init in aws-us-gov with every optional resource',
    {
      ...base,
      ami: 'ecs-init',
      region: 'us-gov-west-1',
      deployerRoleName: 'deployer',
      configObject: { bucket: 'cfg-bucket', key: 'ecs.config' },
      buckets: [{ name: 'app-bucket', access: 'read-write', prefix: 'a/' }],
      subnets: ['subnet-0123456789abcdef0'],
      sourceConditions: false,
    },
  ],
]

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
    ...extraConfigs.map(([name, config]): [string, Artifact[], SetupPlan] => [
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

    it('passes AWS CloudFormation Validate with no finding at WARN or above', () => {
      expect(validate(text, setup)).toEqual([])
    })

    it('holds the documents of iam/, the task definition of ecs/ and the user data of ec2/, unchanged', () => {
      expectEquivalent(parseTemplate(text), files, setup)
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
  it('reports nothing on any golden template', async () => {
    const dir = tempDir('cfn-lint')
    const paths = scenarios.map((s) => {
      writeTree(join(dir, s.name), s.result.files)
      return join(dir, s.name, CLOUDFORMATION_TEMPLATE)
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
  ])('%s: the comparison with the other files fails', (_what, from, to) => {
    expect(() => expectEquivalent(parseTemplate(text), files, setup)).not.toThrow()
    expect(() => expectEquivalent(parseTemplate(mutate(from, to)), files, setup)).toThrow()
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
})
