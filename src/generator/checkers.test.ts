// Every golden scenario's generated text goes through tools nobody here wrote: shellcheck, the
// tree-sitter PowerShell grammar, an IAM policy validator, the AWS CLI's own parameter validation and the
// TypeScript compiler with the AWS SDK's RegisterTaskDefinitionCommandInput type.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { partitionOfRegion } from '../knowledge/partitions.ts'
import { parseExtraStatements } from '../knowledge/policies.ts'
import {
  awsWrapperDir,
  closedLocalPort,
  invocationsOf,
  optionValue,
  parsePowerShell,
  runWithAwsWrapper,
  shellcheck,
  stripUserDataTags,
  tempDir,
  validateIamDocument,
  writeTree,
  type FakeAnswers,
  type ScriptRun,
  type ShellcheckComment,
} from '../test-support/checkers.ts'
import { loadScenarios, type Scenario } from '../test-support/scenarios.ts'
import { readConfig } from '../config/schema.ts'
import { generate } from './generate.ts'
import { plan, type RolePlan, type SetupPlan } from './plan.ts'
import { option, sh } from './render/shell.ts'

const scenarios = loadScenarios().filter((s) => s.result.files.length > 0)
const root = tempDir('checkers')
for (const s of scenarios) writeTree(join(root, s.name), s.result.files)

describe('shellcheck', () => {
  let comments: ShellcheckComment[] = []
  const scripts = scenarios.flatMap((s) =>
    s.result.files.filter((f) => f.language === 'shell').map((f) => join(root, s.name, f.path)),
  )
  beforeAll(async () => {
    comments = await shellcheck(scripts)
  })
  it('checks the scripts of every scenario', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(scenarios.length * 2)
  })
  it('finds nothing of severity warning or above in any script', () => {
    expect(comments.map((c) => `${c.file}:${c.line} SC${c.code} ${c.message}`)).toEqual([])
  })
})

describe.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
  const config = readConfig(scenario.raw).config
  const partition = partitionOfRegion(config.region)!

  for (const file of scenario.result.files.filter((f) => f.language === 'powershell'))
    it(`${file.path} parses as PowerShell without error nodes`, async () => {
      const body = file.path === 'ec2/user-data.ps1' ? stripUserDataTags(file.text) : file.text
      if (file.path === 'ec2/user-data.ps1') expect(body).not.toEqual(file.text)
      const { problems } = await parsePowerShell(body)
      expect(problems).toEqual([])
    })

  for (const file of scenario.result.files.filter((f) => f.language === 'json'))
    it(`${file.path} is valid JSON`, () => {
      expect(() => JSON.parse(file.text) as unknown).not.toThrow()
    })

  for (const file of scenario.result.files.filter((f) => f.path.startsWith('iam/')))
    it(`${file.path} passes the IAM policy validator and uses the ${partition.id} partition`, () => {
      expect(validateIamDocument(file.path, file.text)).toEqual([])
      // Our own checks beyond structure: only actions and condition keys we mean to use, and no ARN
      // from another partition (cross-partition references never work).
      const doc = JSON.parse(file.text) as {
        Statement: { Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }[]
      }
      // The user's extra statements are theirs: checked by the validator above, not by this list.
      const extra = new Set(parseExtraStatements(config.extraStatements).map((e) => JSON.stringify(e)))
      for (const statement of doc.Statement.filter((st) => !extra.has(JSON.stringify(st)))) {
        for (const action of [statement.Action].flat())
          expect([
            'sts:AssumeRole',
            's3:GetObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListBucket',
            'iam:PassRole',
            // SSE-KMS buckets (task role), secrets (execution role).
            'kms:Decrypt',
            'kms:GenerateDataKey',
            'secretsmanager:GetSecretValue',
            'ssm:GetParameters',
          ]).toContain(action)
        for (const operator of Object.values(statement.Condition ?? {}))
          for (const key of Object.keys(operator))
            expect([
              'aws:SourceArn',
              'aws:SourceAccount',
              's3:prefix',
              's3:ResourceAccount',
              'iam:PassedToService',
              'kms:ViaService',
            ]).toContain(key)
      }
      for (const arn of file.text.match(/arn:[a-z-]+:/g) ?? []) expect(arn).toBe(`arn:${partition.id}:`)
    })
})

// Two scenarios at a time: each AWS CLI call is a Python start-up that keeps one core busy.
describe.concurrent(
  'AWS CLI parameter validation (endpoint on a closed local port)',
  { concurrent: true },
  () => {
    let wrapper = ''
    beforeAll(async () => {
      wrapper = awsWrapperDir(await closedLocalPort())
    })

    // Three accounts the script can meet: nothing exists yet (but the roles marked existing), everything
    // exists, and the wrong account.
    const newAccount = (setup: SetupPlan): FakeAnswers => ({
      'sts get-caller-identity': { stdout: `${setup.accountId}\n` },
      'iam get-role': { status: 254 },
      ...Object.fromEntries(
        rolesOf(setup)
          .filter((r) => r.existing)
          .map((r) => [`iam get-role@${r.name}`, { status: 0 }]),
      ),
      // An existing instance role comes with its profile (the IAM console makes them together).
      'iam get-instance-profile': setup.instances?.profile.existing
        ? { stdout: `${setup.instances.profile.roleName}\n` }
        : { status: 254 },
      'ecs describe-clusters': { stdout: 'None\n' },
      'ecs describe-services': { stdout: 'None\n' },
      'ec2 describe-launch-templates': { status: 254 },
      'ec2 describe-vpcs': { stdout: 'vpc-0123456789abcdef0\n' },
      'ec2 describe-subnets': { stdout: 'subnet-0123456789abcdef0\tsubnet-0123456789abcdef1\n' },
      'ec2 describe-security-groups': { stdout: 'sg-0123456789abcdef0\n' },
    })
    const everythingExists = (setup: SetupPlan): FakeAnswers => ({
      ...newAccount(setup),
      'iam get-role': { status: 0 },
      'iam get-instance-profile': { stdout: `${setup.instances?.profile.roleName ?? 'None'}\n` },
      'ecs describe-clusters': { stdout: 'ACTIVE\n' },
      'ecs describe-services': { stdout: 'ACTIVE\n' },
      'logs describe-log-groups': { stdout: `${setup.logGroup?.name ?? ''}\n` },
      'ec2 describe-launch-templates': { status: 0 },
      'ec2 create-launch-template-version': { stdout: '2\n' },
    })
    const operations = (calls: string[]) => calls.map((c) => c.replace(/^passed: /, ''))
    const rolesOf = (setup: SetupPlan): RolePlan[] =>
      [setup.taskRole, setup.executionRole, setup.instances?.role].filter((r) => r !== undefined)
    /** A document as the script passes it: the file's text without its final newline ($(cat) drops it). */
    const fileArgument = (scenario: Scenario, path: string) =>
      scenario.result.files.find((f) => f.path === path)!.text.replace(/\n$/, '')
    const namesIn = (run: ScriptRun, operation: string, name = '--role-name') =>
      invocationsOf(run, operation).map((args) => optionValue(args, name))

    it.each(scenarios.map((s) => [s.name, s] as const))(
      '%s: every command of setup/aws-cli.sh passes validation, creates what is missing, reuses what exists, and refuses another account',
      async (name, scenario) => {
        const { config } = readConfig(scenario.raw)
        const setup = plan(config)
        const template = setup.instances?.launchTemplate
        // Run from another directory, as a pasted or piped script would be: it must need no other file.
        const elsewhere = tempDir('elsewhere')
        const script = join(root, name, 'setup/aws-cli.sh')
        const run = (command: string, answers: FakeAnswers) =>
          runWithAwsWrapper(script, [command], wrapper, answers, elsewhere)
        const passed = (result: ScriptRun & { stderr: string }) => {
          expect(result.stderr).toBe('')
          expect(result.status).toBe(0)
          expect(result.calls.every((c) => c.startsWith('passed:'))).toBe(true)
        }

        const fresh = await run('setup', newAccount(setup))
        passed(fresh)
        const created = operations(fresh.calls)
        expect(created[0]).toBe('sts get-caller-identity')
        // Only the roles to create are created; an existing one is never created or given a trust policy.
        expect(namesIn(fresh, 'iam create-role').sort()).toEqual(
          rolesOf(setup)
            .filter((r) => !r.existing)
            .map((r) => r.name)
            .sort(),
        )
        expect(created).not.toContain('iam update-assume-role-policy')
        // Policies go on every role, existing or not.
        expect(namesIn(fresh, 'iam put-role-policy').sort()).toEqual(
          [
            ...rolesOf(setup)
              .filter((r) => r.inlinePolicy)
              .map((r) => r.name),
            ...(setup.passRole.deployerRoleName ? [setup.passRole.deployerRoleName] : []),
          ].sort(),
        )
        expect(
          invocationsOf(fresh, 'iam attach-role-policy').map(
            (args) => `${optionValue(args, '--role-name')} ${optionValue(args, '--policy-arn')}`,
          ),
        ).toEqual(rolesOf(setup).flatMap((r) => r.managedPolicies.map((m) => `${r.name} ${m.arn}`)))
        const profileCreated = setup.instances !== undefined && !setup.instances.profile.existing
        for (const op of ['iam create-instance-profile', 'iam add-role-to-instance-profile'])
          expect(created.includes(op), op).toBe(profileCreated)
        expect(namesIn(fresh, 'logs create-log-group', '--log-group-name')).toEqual(
          setup.logGroup ? [setup.logGroup.name] : [],
        )
        expect(created).toContain('ecs create-cluster')
        expect(
          invocationsOf(fresh, 'ecs register-task-definition').map((a) => optionValue(a, '--cli-input-json')),
        ).toEqual([fileArgument(scenario, 'ecs/task-definition.json')])
        // What the page shows is what runs: the launch template data is ec2/launch-template.json.
        expect(
          invocationsOf(fresh, 'ec2 create-launch-template').map((a) =>
            optionValue(a, '--launch-template-data'),
          ),
        ).toEqual(template ? [fileArgument(scenario, 'ec2/launch-template.json')] : [])

        const existing = await run('setup', everythingExists(setup))
        passed(existing)
        const reused = operations(existing.calls)
        for (const op of [
          'iam create-role',
          'iam create-instance-profile',
          'iam add-role-to-instance-profile',
          'ecs create-cluster',
          'logs create-log-group',
          'ec2 create-launch-template',
          'iam update-assume-role-policy',
        ])
          expect(reused, op).not.toContain(op)
        // An existing launch template gets this data as its new default version.
        expect(
          invocationsOf(existing, 'ec2 create-launch-template-version').map((a) =>
            optionValue(a, '--launch-template-data'),
          ),
        ).toEqual(template ? [fileArgument(scenario, 'ec2/launch-template.json')] : [])
        expect(
          invocationsOf(existing, 'ec2 modify-launch-template').map((a) =>
            optionValue(a, '--default-version'),
          ),
        ).toEqual(template ? ['2'] : [])

        const other = await run('setup', newAccount({ ...setup, accountId: '999999999999' }))
        expect(other.status).toBe(1)
        expect(other.stderr).toContain('999999999999')
        expect(operations(other.calls)).toEqual(['sts get-caller-identity'])

        const runTask = await run('run-task', newAccount(setup))
        passed(runTask)
        expect(operations(runTask.calls).at(-1)).toBe('ecs run-task')
        const [runTaskArgs] = invocationsOf(runTask, 'ecs run-task')
        expect(optionValue(runTaskArgs!, '--launch-type')).toBe(setup.runTask.launchType)
        const network = optionValue(runTaskArgs!, '--network-configuration')
        expect(network !== undefined).toBe(setup.runTask.network !== undefined)
        // Fargate's default-VPC lookup says whether the task gets a public IP address.
        if (setup.runTask.network?.kind === 'default-vpc')
          expect(network).toBe(
            `awsvpcConfiguration={subnets=[subnet-0123456789abcdef0,subnet-0123456789abcdef1],securityGroups=[${setup.runTask.network.securityGroups.join(',') || 'sg-0123456789abcdef0'}]${setup.runTask.network.assignPublicIp ? `,assignPublicIp=${setup.runTask.network.assignPublicIp}` : ''}}`,
          )

        const launch = await run('launch-instances', newAccount(setup))
        if (template) {
          passed(launch)
          const [args] = invocationsOf(launch, 'ec2 run-instances')
          expect(JSON.parse(optionValue(args!, '--launch-template')!)).toEqual({
            LaunchTemplateName: template.name,
            Version: '$Latest',
          })
          expect(optionValue(args!, '--count')).toBe(String(template.count))
          expect(optionValue(args!, '--subnet-id')).toBe(template.subnetId)
        } else expect([launch.status, launch.calls]).toEqual([2, []])

        const createService = await run('create-service', newAccount(setup))
        if (setup.service) {
          passed(createService)
          expect(operations(createService.calls).at(-1)).toBe('ecs create-service')
          const [args] = invocationsOf(createService, 'ecs create-service')
          expect(optionValue(args!, '--cli-input-json')).toBe(fileArgument(scenario, 'ecs/service.json'))
          // The network configuration is in the file when subnets were chosen, else looked up and added.
          expect(optionValue(args!, '--network-configuration') !== undefined).toBe(
            setup.service.network?.kind === 'default-vpc',
          )
          const again = await run('create-service', everythingExists(setup))
          passed(again)
          expect(operations(again.calls)).not.toContain('ecs create-service')
        } else expect([createService.status, createService.calls]).toEqual([2, []])
      },
    )

    // The files themselves, used as their usage says: `file://` from the unpacked folder.
    it.each(
      scenarios
        .filter((s) =>
          s.result.files.some((f) => f.path === 'ec2/launch-template.json' || f.path === 'ecs/service.json'),
        )
        .map((s) => [s.name, s] as const),
    )(
      '%s: ec2/launch-template.json and ecs/service.json pass validation as file:// inputs',
      async (name, scenario) => {
        const { config } = readConfig(scenario.raw)
        const setup = plan(config)
        const dir = join(root, name)
        const lines = ['set -e', 'cd "$(dirname "$0")/.."']
        const region = option('--region', setup.region)
        if (setup.instances?.launchTemplate)
          lines.push(
            sh`aws ec2 create-launch-template ${option('--launch-template-name', setup.instances.launchTemplate.name)} --launch-template-data file://ec2/launch-template.json ${region}`
              .text,
          )
        if (setup.service)
          lines.push(
            `aws ecs create-service --cli-input-json file://ecs/service.json${setup.service.network?.kind === 'default-vpc' ? " --network-configuration 'awsvpcConfiguration={subnets=[subnet-0123456789abcdef0]}'" : ''} ${region.join(' ')}`,
          )
        writeFileSync(join(dir, 'setup/file-inputs.sh'), `${lines.join('\n')}\n`)
        const result = await runWithAwsWrapper(join(dir, 'setup/file-inputs.sh'), [], wrapper)
        expect(result.stderr).toBe('')
        expect(result.status).toBe(0)
        expect(result.calls).toHaveLength(lines.length - 2)
      },
    )

    it('stops before touching an existing role that is not there, or an instance profile without the role', async () => {
      const dir = tempDir('existing-roles')
      const { config } = readConfig({
        version: 1,
        accountId: '012345678901',
        taskRoleName: 'app-task',
        existingTaskRole: true,
        existingInstanceRole: true,
      })
      const result = generate(config)
      writeTree(dir, result.files)
      const setup = plan(config)
      const script = join(dir, 'setup/aws-cli.sh')
      const missingRole = await runWithAwsWrapper(script, ['setup'], wrapper, {
        ...newAccount(setup),
        'iam get-role@app-task': { status: 254 },
      })
      expect(missingRole.status).toBe(1)
      expect(missingRole.stderr).toContain(
        'The role app-task was configured as an existing role, but it does not exist',
      )
      expect(
        operations(missingRole.calls).filter((c) => c.startsWith('iam ') && c !== 'iam get-role'),
      ).toEqual([])
      const otherRole = await runWithAwsWrapper(script, ['setup'], wrapper, {
        ...newAccount(setup),
        'iam get-instance-profile': { stdout: 'someOtherRole\n' },
      })
      expect(otherRole.status).toBe(1)
      expect(otherRole.stderr).toContain('it holds: someOtherRole')
      expect(operations(otherRole.calls)).not.toContain('iam create-instance-profile')
      expect(operations(otherRole.calls)).not.toContain('iam add-role-to-instance-profile')
    })

    it('refuses an unknown sub-command before any call is made', async () => {
      const wrong = await runWithAwsWrapper(
        join(root, scenarios[0]!.name, 'setup/aws-cli.sh'),
        ['deploy'],
        wrapper,
      )
      expect(wrong.status).toBe(2)
      expect(wrong.calls).toEqual([])
    })

    it('rejects a task definition the ECS API would reject (the check can fail)', async () => {
      const dir = tempDir('bad-taskdef')
      mkdirSync(join(dir, 'setup'))
      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', memory: '512' }] }),
      )
      writeFileSync(
        join(dir, 'setup/check.sh'),
        'set -e\ncd "$(dirname "$0")/.."\naws ecs register-task-definition --cli-input-json file://bad.json --region us-east-1\n',
      )
      const result = await runWithAwsWrapper(join(dir, 'setup/check.sh'), [], wrapper)
      expect(result.status).toBe(252)
      expect(result.stderr).toContain('Parameter validation failed')
    })

    it('rejects launch template data the EC2 API would reject (the check can fail)', async () => {
      const dir = tempDir('bad-launch-template')
      mkdirSync(join(dir, 'setup'))
      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify({
          ImageId: 'ami-0123456789abcdef0',
          MetadataOptions: { HttpPutResponseHopLimit: '2' },
        }),
      )
      writeFileSync(
        join(dir, 'setup/check.sh'),
        'set -e\ncd "$(dirname "$0")/.."\naws ec2 create-launch-template --launch-template-name x-instances --launch-template-data file://bad.json --region us-east-1\n',
      )
      const result = await runWithAwsWrapper(join(dir, 'setup/check.sh'), [], wrapper)
      expect(result.status).toBe(252)
      expect(result.stderr).toContain('Parameter validation failed')
    })
  },
)

describe('task definitions type-check as RegisterTaskDefinitionCommandInput', () => {
  it('compiles every scenario’s ecs/task-definition.json with tsc', () => {
    // Inside the project so that @aws-sdk/client-ecs resolves from node_modules.
    const dir = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'task-definition-typecheck')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'task-definitions.ts')
    const body = scenarios
      .map(
        (s, i) =>
          `export const td${i} = ${s.result.files.find((f) => f.path === 'ecs/task-definition.json')!.text.trim()} as const satisfies RegisterTaskDefinitionCommandInput`,
      )
      .join('\n')
    writeFileSync(
      file,
      `import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs'\n${body}\n`,
    )
    const tsc = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsc')
    const args = [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      file,
    ]
    const compile = () => {
      try {
        execFileSync(tsc, args, { encoding: 'utf8', stdio: 'pipe' })
        return ''
      } catch (error) {
        return String((error as { stdout?: string }).stdout)
      }
    }
    expect(compile()).toBe('')
    // The same check fails on a field the API does not have.
    writeFileSync(
      file,
      `import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs'\nexport const bad = { family: 'x', containerDefinitions: [], networkMode: 'default' } as const satisfies RegisterTaskDefinitionCommandInput\n`,
    )
    expect(compile()).toMatch(/"default".*not assignable/)
  })
})
