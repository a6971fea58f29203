// The launch type and the roles' names as users meet them: what a Fargate link means, what the launch type
// control keeps and changes, and which role ARNs are accepted.
import { describe, expect, it } from 'vitest'
import { decodePermalink, encodePermalink } from './permalink.ts'
import { DEFAULT_CONFIG, readConfig, validateConfig, withLaunchType, withOs } from './schema.ts'

describe('the launch type', () => {
  it('a link with launchType=fargate alone is a working Linux Fargate setup', () => {
    const { config, issues } = decodePermalink('#/?v=1&launchType=fargate')
    expect(issues).toEqual([])
    expect(config.networkMode).toBe('awsvpc')
    expect(config.task.memory).toBe(512)
    expect(config.task.awslogs).toBe(true)
  })

  it('Windows on Fargate gets the smallest size Fargate runs for Windows, and the link stays short', () => {
    const windows = withLaunchType(withOs(DEFAULT_CONFIG, 'windows'), 'fargate')
    expect(windows.task.memory).toBe(2048)
    expect(windows.ami).toBe('windows-2022')
    expect(encodePermalink(windows)).toBe('#/?v=1&os=windows&launchType=fargate')
    expect(decodePermalink(encodePermalink(windows)).config).toEqual(windows)
  })

  it('switching to Fargate takes awsvpc and a release Fargate runs; back to EC2 takes the OS default mode', () => {
    const ws2025 = { ...withOs(DEFAULT_CONFIG, 'windows'), ami: 'windows-2025' as const }
    const fargate = withLaunchType(ws2025, 'fargate')
    expect(fargate.ami).toBe('windows-2022')
    expect(fargate.task.image).toContain('ltsc2022')
    expect(fargate.networkMode).toBe('awsvpc')
    const ec2 = withLaunchType(fargate, 'ec2')
    expect(ec2.networkMode).toBe('default')
    expect(ec2.task.awslogs).toBe(false)
    expect(ec2.task.cpu).toBeUndefined()
  })

  it('keeps a chosen task size that Fargate runs, and an awslogs choice that differs from the default', () => {
    const chosen = { ...DEFAULT_CONFIG, task: { ...DEFAULT_CONFIG.task, memory: 1024, awslogs: true } }
    const fargate = withLaunchType(chosen, 'fargate')
    expect(fargate.task.memory).toBe(1024)
    expect(fargate.task.awslogs).toBe(true)
    const odd = { ...DEFAULT_CONFIG, task: { ...DEFAULT_CONFIG.task, memory: 700 } }
    expect(withLaunchType(odd, 'fargate').task.memory).toBe(512)
  })
})

describe('role names and ARNs', () => {
  const arn = 'arn:aws:iam::111122223333:role/service-role/my-task-role'

  it('an existing role may be named by its ARN, path included', () => {
    const { config, issues } = readConfig({ taskRoleName: arn, existingTaskRole: true })
    expect(issues).toEqual([])
    expect(config.taskRoleName).toBe(arn)
  })

  it('a role to create takes a name: an ARN is refused at its field', () => {
    const { config, issues } = readConfig({ taskRoleName: arn })
    expect(issues.map((i) => [i.field, i.message.params?.problem])).toEqual([
      ['taskRoleName', { key: 'field.roleArn.notExisting' }],
    ])
    expect(config.taskRoleName).toBe('ecsTaskRole')
  })

  it('an existing role in another account or partition is refused', () => {
    const other = readConfig({
      executionRoleName: 'arn:aws:iam::444455556666:role/exec',
      existingExecutionRole: true,
    })
    expect(other.issues.map((i) => i.field)).toEqual(['executionRoleName'])
    const china = readConfig({
      region: 'cn-north-1',
      instanceRoleName: 'arn:aws:iam::111122223333:role/ecsInstanceRole',
      existingInstanceRole: true,
    })
    expect(china.issues.map((i) => i.field)).toEqual(['instanceRoleName'])
  })

  it('a malformed ARN gets the naming rule message', () => {
    const issues = validateConfig({
      ...DEFAULT_CONFIG,
      existingTaskRole: true,
      taskRoleName: 'arn:aws:iam::1:role/x',
    })
    expect(issues.map((i) => i.field)).toEqual(['taskRoleName'])
  })
})

describe('bucket keys, secrets and instances', () => {
  it('accepts a KMS key ARN and refuses an alias ARN with its own message', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
    expect(readConfig({ buckets: [{ name: 'b-1', access: 'read', kmsKeyArn: key }] }).issues).toEqual([])
    const alias = readConfig({
      buckets: [
        { name: 'b-1', access: 'read', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:alias/my-key' },
      ],
    })
    expect(alias.issues.map((i) => [i.field, i.message.params?.problem])).toEqual([
      ['buckets.0.kmsKeyArn', { key: 'field.rule.kmsKeyAlias' }],
    ])
  })

  it('accepts secrets from both stores, with a JSON key, and refuses a secret ARN without its suffix', () => {
    const ok = readConfig({
      task: {
        secrets: [
          {
            name: 'DB_PASSWORD',
            valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::',
          },
          { name: 'API_KEY', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/api-key' },
        ],
      },
    })
    expect(ok.issues).toEqual([])
    const bad = readConfig({
      task: {
        secrets: [{ name: '1X', valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' }],
      },
    })
    expect(bad.issues.map((i) => i.field)).toEqual(['task.secrets.0.name', 'task.secrets.0.valueFrom'])
  })

  it('refuses reserved log group names and malformed instance settings', () => {
    const { issues } = readConfig({
      task: { logGroup: 'aws/ecs' },
      instances: { type: 'large', imageId: 'ami-xyz', launchTemplateName: 'lt' },
    })
    expect(issues.map((i) => i.field)).toEqual([
      'task.logGroup',
      'instances.type',
      'instances.imageId',
      'instances.launchTemplateName',
    ])
  })
})

describe('the OS control on Fargate', () => {
  it('a default Windows Fargate task switched to Linux takes Linux’s smallest size', () => {
    const windows = withLaunchType(withOs(DEFAULT_CONFIG, 'windows'), 'fargate')
    const linux = withOs(windows, 'linux')
    expect([linux.task.cpu, linux.task.memory]).toEqual([undefined, 512])
    expect(withOs(linux, 'windows').task.memory).toBe(2048)
  })
})
