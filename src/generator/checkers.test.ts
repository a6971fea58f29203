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
  parsePowerShell,
  runWithAwsWrapper,
  shellcheck,
  stripUserDataTags,
  tempDir,
  validateIamDocument,
  writeTree,
  type FakeAnswers,
  type ShellcheckComment,
} from '../test-support/checkers.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import { readConfig } from '../config/schema.ts'

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
          ]).toContain(action)
        for (const operator of Object.values(statement.Condition ?? {}))
          for (const key of Object.keys(operator))
            expect([
              'aws:SourceArn',
              'aws:SourceAccount',
              's3:prefix',
              's3:ResourceAccount',
              'iam:PassedToService',
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

    // Three accounts the script can meet: nothing exists yet, everything exists, and the wrong account.
    const newAccount = (accountId: string): FakeAnswers => ({
      'sts get-caller-identity': { stdout: `${accountId}\n` },
      'iam get-role': { status: 254 },
      'iam get-instance-profile': { status: 254 },
      'ecs describe-clusters': { stdout: 'None\n' },
      'ec2 describe-vpcs': { stdout: 'vpc-0123456789abcdef0\n' },
      'ec2 describe-subnets': { stdout: 'subnet-0123456789abcdef0\tsubnet-0123456789abcdef1\n' },
      'ec2 describe-security-groups': { stdout: 'sg-0123456789abcdef0\n' },
    })
    const operations = (calls: string[]) => calls.map((c) => c.replace(/^passed: /, ''))

    it.each(scenarios.map((s) => [s.name, s] as const))(
      '%s: setup/aws-cli.sh passes validation, creates what is missing, reuses what exists, and refuses another account',
      async (name, scenario) => {
        const { config } = readConfig(scenario.raw)
        // Run from another directory, as a pasted or piped script would be: it must need no other file.
        const elsewhere = tempDir('elsewhere')
        const script = join(root, name, 'setup/aws-cli.sh')
        const fresh = await runWithAwsWrapper(
          script,
          ['setup'],
          wrapper,
          newAccount(config.accountId),
          elsewhere,
        )
        expect(fresh.stderr).toBe('')
        expect(fresh.status).toBe(0)
        expect(fresh.calls.every((c) => c.startsWith('passed:'))).toBe(true)
        const created = operations(fresh.calls)
        expect(created[0]).toBe('sts get-caller-identity')
        for (const op of [
          'iam create-role',
          'iam create-instance-profile',
          'iam add-role-to-instance-profile',
          'ecs create-cluster',
          'ecs register-task-definition',
        ])
          expect(created).toContain(op)
        expect(created.filter((c) => c === 'iam create-role')).toHaveLength(2)

        const existing = await runWithAwsWrapper(
          script,
          ['setup'],
          wrapper,
          {
            ...newAccount(config.accountId),
            'iam get-role': { status: 0 },
            'iam get-instance-profile': { stdout: `${config.instanceRoleName}\n` },
            'ecs describe-clusters': { stdout: 'ACTIVE\n' },
          },
          elsewhere,
        )
        expect(existing.status).toBe(0)
        const reused = operations(existing.calls)
        // An existing role keeps its trust policy: it may serve other tasks or regions.
        expect(reused).not.toContain('iam update-assume-role-policy')
        for (const op of [
          'iam create-role',
          'iam create-instance-profile',
          'iam add-role-to-instance-profile',
          'ecs create-cluster',
        ])
          expect(reused).not.toContain(op)

        const other = await runWithAwsWrapper(
          script,
          ['setup'],
          wrapper,
          newAccount('999999999999'),
          elsewhere,
        )
        expect(other.status).toBe(1)
        expect(other.stderr).toContain('999999999999')
        expect(operations(other.calls)).toEqual(['sts get-caller-identity'])

        const runTask = await runWithAwsWrapper(
          script,
          ['run-task'],
          wrapper,
          newAccount(config.accountId),
          elsewhere,
        )
        expect(runTask.stderr).toBe('')
        expect(runTask.status).toBe(0)
        expect(runTask.calls.every((c) => c.startsWith('passed:'))).toBe(true)
        expect(operations(runTask.calls).at(-1)).toBe('ecs run-task')
      },
    )

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
