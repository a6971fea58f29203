import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english.ts'
import { msg } from '../i18n/message.ts'
import { DEFAULT_CONFIG, configSchema, readConfig, validateConfig, type WizardConfig } from './schema.ts'
import { labelAt, withoutLabel } from './schema-kit.ts'
import { formatCitation } from '../knowledge/sources.ts'

const issueFor = (changes: Record<string, unknown>, field: string) =>
  readConfig({ ...DEFAULT_CONFIG, ...changes }).issues.find((i) => i.field === field)
/** The issue's text as the CLI prints it. */
const messageFor = (changes: Record<string, unknown>, field: string) => {
  const issue = issueFor(changes, field)
  return issue && english.t(issue.message)
}

describe('config schema', () => {
  it('accepts its own defaults and an empty file (all defaults)', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([])
    expect(readConfig({})).toEqual({ config: DEFAULT_CONFIG, issues: [] })
  })

  it.each([
    ['accountId', '12345', /12 digits/],
    ['accountId', 12345678901, /must be text/],
    ['clusterName', '', /Required/],
    ['clusterName', 'a'.repeat(256), /At most 255/],
    ['clusterName', 'prod cluster', /A space is not allowed/],
    ['taskRoleName', 'a'.repeat(65), /At most 64/],
    ['taskRoleName', 'role/x', /"\/" is not allowed/],
    ['instanceRoleName', 'rôle', /U\+00F4 is not allowed/],
    ['region', 'moon-1', /Not an AWS region code/],
    ['region', 'eusc-de-east-1', /not supported/],
    ['os', 'macos', /one of: linux, windows/],
    ['networkMode', 'nat', /one of: bridge, host, awsvpc, none, default/],
    ['blockInstanceMetadata', 'yes', /true or false/],
    ['version', 2, /from 1 to 1/],
  ])('%s = %j gets a message naming the field', (field, value, message) => {
    expect(messageFor({ [field]: value }, field)).toMatch(message)
  })

  it.each([
    ['xn--bucket', /Must not start with "xn--"/],
    ['bucket-s3alias', /Must not end with "-s3alias"/],
    ['192.168.1.1', /IP address/],
    ['my..bucket', /Two dots/],
    ['-bucket', /Begin and end with a letter or digit/],
    ['My-Bucket', /"M" is not allowed/],
    ['ab', /3 to 63/],
  ])('bucket name %j is refused (S3 naming rules)', (name, message) => {
    expect(messageFor({ buckets: [{ name, access: 'read' }] }, 'buckets.0.name')).toMatch(message)
  })

  it.each([
    ['logs/*', /wildcards/],
    ['${aws:username}/', /"\$" is not allowed/],
    ['/logs/', /does not start with "\/"/],
    ['a//b/', /Two slashes/],
    ['../x/', /path segments/],
    [' logs/', /begin or end with a space/],
    ['logs\n/', /U\+000A/],
  ])('key prefix %j is refused: IAM would read it differently or it breaks copy-paste', (prefix, message) => {
    expect(
      messageFor({ buckets: [{ name: 'ok-bucket', access: 'read', prefix }] }, 'buckets.0.prefix'),
    ).toMatch(message)
  })

  it('keeps an account ID with leading zeros as a string', () => {
    expect(readConfig({ accountId: '000000000001' }).config.accountId).toBe('000000000001')
  })

  it('replaces an AMI of the other OS and says so at the AMI field', () => {
    const { config, issues } = readConfig({ os: 'windows', ami: 'al2023' })
    expect(config.ami).toBe('windows-2022')
    expect(issues.map((i) => [i.field, english.t(i.message)])).toEqual([
      [
        'ami',
        'AMI: ECS-optimized Amazon Linux 2023 is not a Windows AMI; using ECS-optimized Windows Server 2022.',
      ],
    ])
  })

  it('reports unknown keys and drops broken list entries whole', () => {
    const { config, issues } = readConfig({
      extra: 1,
      buckets: [
        { name: 'good-one', access: 'read' },
        { name: 'x', access: 'read' },
      ],
    })
    expect(config.buckets).toEqual([{ name: 'good-one', access: 'read' }])
    expect(issues.map((i) => i.field)).toEqual(['extra', 'buckets.1.name'])
  })

  it('never lets __proto__ in a config file reach an object prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "task": {"__proto__": {"x": 1}}}') as unknown
    const { config, issues } = readConfig(raw)
    expect(issues.map((i) => i.field)).toEqual(['__proto__', 'task.__proto__'])
    expect((config as WizardConfig & { polluted?: boolean }).polluted).toBeUndefined()
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('carries the source of a broken naming rule', () => {
    expect(formatCitation(readConfig({ accountId: '1' }).issues[0]!.citation!)).toMatch(
      /IAM identifiers: https:\/\/docs\.aws\.amazon\.com\//,
    )
  })

  it('names each field by a message key, translated with the sentence it is in', () => {
    expect(labelAt(configSchema, 'buckets.3.name')).toBe('field.bucket.name.label')
    expect(labelAt(configSchema, 'task.portMappings.0')).toBe('field.portMapping.label')
    expect(labelAt(configSchema, 'instanceProfileName')).toBe('field.instanceProfileName.label')
    expect(labelAt(configSchema, 'subnets.2')).toBe('field.subnet.label')
    expect(labelAt(configSchema, 'buckets.x.name')).toBeUndefined()
    expect(issueFor({ clusterName: 'a b' }, 'clusterName')?.message).toEqual(
      msg('field.issue.labelled', {
        label: msg('field.clusterName.label'),
        problem: msg('field.rule.badChar', {
          char: msg('field.rule.char.space'),
          allowed: msg('field.rule.allowed.ecsName'),
        }),
      }),
    )
    expect(issueFor({ os: 'macos' }, 'os')?.message).toEqual(
      msg('field.issue.notChoice', { label: msg('field.os.label'), values: 'linux, windows' }),
    )
  })

  it('keeps the English sentences word for word', () => {
    expect(messageFor({ clusterName: 'prod cluster' }, 'clusterName')).toBe(
      'Cluster name: A space is not allowed: use letters, digits, hyphens and underscores.',
    )
    expect(messageFor({ task: { ...DEFAULT_CONFIG.task, memory: 2_000_000 } }, 'task.memory')).toBe(
      'Memory (MiB) must be from 6 to 1048576.',
    )
    expect(messageFor({ buckets: 'all' }, 'buckets')).toBe('Buckets must be a list, not a string.')
    expect(messageFor({ task: [] }, 'task')).toBe('Task definition must be an object, not a list.')
    expect(messageFor({ subnets: Array(17).fill('subnet-01234567') }, 'subnets')).toBe(
      'Subnets has at most 16 entries.',
    )
    expect(
      messageFor({ buckets: [{ name: 'ok-bucket', access: 'read', prefix: '/x/' }] }, 'buckets.0.prefix'),
    ).toBe('Key prefix: A key prefix does not start with "/" in S3 (keys have no leading slash).')
    expect(messageFor({ configObject: { bucket: 'config-bucket', key: '' } }, 'configObject.key')).toBe(
      'Config object key: Required.',
    )
    expect(messageFor({ configObject: { bucket: 'config-bucket', key: 'ecs.*' } }, 'configObject.key')).toBe(
      'Config object key: IAM reads "*" and "?" in an object key as wildcards, which would grant more than you typed. Name the object key literally.',
    )
  })

  it('gives the problem without the field name to lists that show the name already', () => {
    const issue = issueFor({ accountId: '12' }, 'accountId')!
    expect(english.t(withoutLabel(issue.message))).toBe('Exactly 12 digits, leading zeros included.')
    const other = issueFor({ blockInstanceMetadata: 'yes' }, 'blockInstanceMetadata')!
    expect(withoutLabel(other.message)).toBe(other.message)
  })
})
