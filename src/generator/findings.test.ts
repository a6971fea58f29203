// Findings are data: a stable code (the message key) and its values. Every code in the findings catalog is
// one a configuration can produce, and every finding carries exactly the values its message names, so no
// language shows an empty gap where a value should be (Lingui renders a missing value as nothing).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, type WizardConfig } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import type { MessageKey } from '../i18n/message.ts'
import { createTranslator } from '../i18n/translator.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import { generate } from './generate.ts'
import type { Finding } from './types.ts'

const catalog = (locale: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'i18n', 'catalogs', locale, 'findings.json'), 'utf8'),
  ) as Record<string, string>
const EN = catalog('en')
const spanish = createTranslator('es', catalog('es'))

/** The argument names a message uses, in every branch of its plurals and selects. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>()
  const walk = (tokens: CompiledMessage) => {
    for (const token of tokens) {
      if (typeof token === 'string') continue
      const [name, , format] = token
      found.add(name)
      if (format && typeof format === 'object')
        for (const branch of Object.values(format)) if (Array.isArray(branch)) walk(branch as CompiledMessage)
    }
  }
  walk(compileMessageOrThrow(message))
  return [...found].sort()
}

const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }
const task = (extra: Partial<WizardConfig['task']>) => ({ task: { ...base.task, ...extra } })
const windows = (extra: Partial<WizardConfig> = {}): Partial<WizardConfig> => ({
  os: 'windows',
  ami: 'windows-2022',
  networkMode: 'default',
  ...task({ image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022' }),
  ...extra,
})
const statements = (...list: object[]) => JSON.stringify(list)

// One configuration per code, and the field the finding must name.
const CASES: [MessageKey, string, Partial<WizardConfig>][] = [
  ['finding.networkMode.windowsUnsupported', 'networkMode', windows({ networkMode: 'bridge' })],
  ['finding.networkMode.linuxDefault', 'networkMode', { networkMode: 'default' }],
  [
    'finding.networkMode.noneNoCredentials',
    'networkMode',
    { networkMode: 'none', ...task({ portMappings: [] }) },
  ],
  ['finding.ami.awsvpcUnsupported.ecsInit', 'networkMode', { ami: 'ecs-init', networkMode: 'awsvpc' }],
  [
    'finding.ami.awsvpcUnsupported.manualAgent',
    'networkMode',
    { ami: 'manual-agent', networkMode: 'awsvpc' },
  ],
  [
    'finding.ami.awsvpcUnsupported.windows2016',
    'networkMode',
    windows({ ami: 'windows-2016', networkMode: 'awsvpc' }),
  ],
  ['finding.ami.endOfLife', 'ami', { ami: 'al2' }],
  ['finding.ami.manualAgent', 'ami', { ami: 'manual-agent' }],
  ['finding.portMappings.noneMode', 'task.portMappings', { networkMode: 'none' }],
  [
    'finding.portMappings.hostPortMustMatch',
    'task.portMappings.0.hostPort',
    { networkMode: 'host', ...task({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }) },
  ],
  [
    'finding.portMappings.windowsPort80',
    'task.portMappings.0.hostPort',
    windows({ ...task({ portMappings: [{ containerPort: 80, hostPort: 80 }] }) }),
  ],
  [
    'finding.portMappings.reserved',
    'task.portMappings.0.hostPort',
    task({ portMappings: [{ containerPort: 80, hostPort: 2375 }] }),
  ],
  [
    'finding.portMappings.duplicateHostPort',
    'task.portMappings.1.hostPort',
    task({
      portMappings: [
        { containerPort: 80, hostPort: 8080 },
        { containerPort: 81, hostPort: 8080 },
      ],
    }),
  ],
  ['finding.imds.hostMode', 'blockInstanceMetadata', { networkMode: 'host' }],
  ['finding.imds.notBlocked', 'blockInstanceMetadata', { blockInstanceMetadata: false }],
  ['finding.imds.windowsDefaultSoftBlock', 'blockInstanceMetadata', windows()],
  ['finding.imds.windowsAwsvpcSoftBlock', 'blockInstanceMetadata', windows({ networkMode: 'awsvpc' })],
  ['finding.imds.imdsv2HopLimit', 'blockInstanceMetadata', {}],
  ['finding.windows.restartRecovery', 'os', windows()],
  ['finding.linuxHost.firewalldFlush', 'hostFamily', { ami: 'ecs-init', hostFamily: 'rhel' }],
  ['finding.linuxHost.imdsIpv6', 'blockInstanceMetadata', {}],
  ['finding.accountId.example', 'accountId', { accountId: DEFAULT_CONFIG.accountId }],
  ['finding.region.unknown', 'region', { region: 'eu-west-9' }],
  [
    'finding.configObject.windowsUnused',
    'configObject',
    windows({ configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' } }),
  ],
  ['finding.buckets.none', 'buckets', { buckets: [] }],
  [
    'finding.buckets.prefixWithoutSlash',
    'buckets.0.prefix',
    { buckets: [{ name: 'tenant-data', access: 'read', prefix: 'tenant1' }] },
  ],
  [
    'finding.buckets.duplicate',
    'buckets.1.name',
    {
      buckets: [
        { name: 'my-app-bucket', access: 'read' },
        { name: 'my-app-bucket', access: 'write' },
      ],
    },
  ],
  [
    'finding.extraStatements.grantsEverything',
    'extraStatements',
    { extraStatements: statements({ Effect: 'Allow', Action: '*', Resource: '*' }) },
  ],
  [
    'finding.extraStatements.foreignPartition',
    'extraStatements',
    {
      extraStatements: statements({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws-cn:sqs:cn-north-1:012345678901:jobs',
      }),
    },
  ],
  ['finding.trust.noSourceConditions', 'sourceConditions', { sourceConditions: false }],
  ['finding.runTask.networkUnused', 'subnets', { subnets: ['subnet-0123456789abcdef0'] }],
  ['finding.runTask.defaultSubnets', 'subnets', { networkMode: 'awsvpc' }],
  [
    'finding.image.windowsOnLinux',
    'task.image',
    task({ image: 'mcr.microsoft.com/windows/servercore:ltsc2022' }),
  ],
  ['finding.image.linuxOnWindows', 'task.image', windows({ ...task({ image: 'nginx:latest' }) })],
  [
    'finding.image.releaseMismatch',
    'task.image',
    windows({ ami: 'windows-2019', ...task({ image: 'mcr.microsoft.com/windows/servercore:ltsc2022' }) }),
  ],
  ['finding.image.unknownPlatform', 'task.image', windows({ ...task({ image: 'my-registry/app:1' }) })],
  [
    'finding.iam.inlinePolicyTooLarge',
    'buckets',
    {
      buckets: Array.from({ length: 50 }, (_, i) => ({
        name: `bucket-${i}-${'x'.repeat(40)}`,
        access: 'read-write' as const,
        prefix: `${'p'.repeat(60)}${i}/`,
      })),
    },
  ],
  [
    'finding.instances.userDataTooLarge',
    'instances',
    {
      buckets: Array.from({ length: 50 }, (_, i) => ({
        name: `bucket-${i}-${'x'.repeat(40)}`,
        access: 'read-write' as const,
        prefix: `${'p'.repeat(60)}${i}/`,
      })),
    },
  ],
  ['finding.fargate.awsvpcOnly', 'networkMode', { launchType: 'fargate', networkMode: 'bridge' }],
  [
    'finding.fargate.configObjectUnused',
    'configObject',
    {
      launchType: 'fargate',
      networkMode: 'awsvpc',
      configObject: { bucket: 'my-ecs-config', key: 'ecs.config' },
    },
  ],
  ['finding.fargate.noPublicIp', 'assignPublicIp', { launchType: 'fargate', networkMode: 'awsvpc' }],
  ['finding.runTask.publicIpFargateOnly', 'assignPublicIp', { networkMode: 'awsvpc', assignPublicIp: true }],
  [
    'finding.fargate.windowsRelease',
    'ami',
    windows({ launchType: 'fargate', networkMode: 'awsvpc', ami: 'windows-2025', ...task({ memory: 2048 }) }),
  ],
  [
    'finding.fargate.cpu',
    'task.cpu',
    { launchType: 'fargate', networkMode: 'awsvpc', ...task({ cpu: 300 }) },
  ],
  [
    'finding.fargate.memory',
    'task.memory',
    { launchType: 'fargate', networkMode: 'awsvpc', ...task({ cpu: 1024, memory: 1024 }) },
  ],
  ['finding.instances.imageIdNeeded', 'instances.imageId', { ami: 'ecs-init' }],
  [
    'finding.executionRole.crossAccountEcr',
    'task.image',
    task({ image: '444455556666.dkr.ecr.us-east-1.amazonaws.com/shared/base:2' }),
  ],
  [
    'finding.secrets.otherPartition',
    'task.secrets.0.valueFrom',
    task({ secrets: [{ name: 'A', valueFrom: 'arn:aws-cn:ssm:cn-north-1:012345678901:parameter/a' }] }),
  ],
  [
    'finding.secrets.otherAccount',
    'task.secrets.0.valueFrom',
    task({ secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:444455556666:parameter/a' }] }),
  ],
  [
    'finding.secrets.customerManagedKey',
    'task.secrets',
    task({ secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:012345678901:parameter/a' }] }),
  ],
  [
    'finding.secrets.duplicateName',
    'task.secrets.1.name',
    task({
      secrets: [
        { name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:012345678901:parameter/a' },
        { name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:012345678901:parameter/b' },
      ],
    }),
  ],
  [
    'finding.roles.sameName',
    'executionRoleName',
    { executionRoleName: 'ecsTaskRole', ...task({ awslogs: true }) },
  ],
  ['finding.executionRole.notNeeded', 'existingExecutionRole', { existingExecutionRole: true }],
  [
    'finding.buckets.kmsOtherPartition',
    'buckets.0.kmsKeyArn',
    {
      buckets: [
        {
          name: 'my-app-bucket',
          access: 'read',
          kmsKeyArn: 'arn:aws-us-gov:kms:us-gov-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
    },
  ],
  [
    'finding.buckets.kmsOtherAccount',
    'buckets.0.kmsKeyArn',
    {
      buckets: [
        {
          name: 'my-app-bucket',
          access: 'read',
          kmsKeyArn: 'arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
    },
  ],
]

const findingsOf = (extra: Partial<WizardConfig>) => generate({ ...base, ...extra }).findings

describe('finding codes', () => {
  it('every code in the findings catalog has a configuration that produces it', () => {
    expect(CASES.map(([key]) => key).sort()).toEqual(Object.keys(EN).sort())
  })

  it.each(CASES)('%s is reported at %s', (key, field, extra) => {
    expect(
      findingsOf(extra)
        .filter((f) => f.message.key === key)
        .map((f) => f.field),
    ).toContain(field)
  })

  const produced: Finding[] = [
    ...CASES.flatMap(([, , extra]) => findingsOf(extra)),
    ...loadScenarios().flatMap((s) => s.result.findings),
  ].filter((f) => f.message.key.startsWith('finding.'))

  it('each finding carries exactly the values its message names', () => {
    const mismatched = produced.flatMap(({ message }) => {
      const wanted = argumentsOf(EN[message.key]!)
      const given = Object.keys(message.params ?? {}).sort()
      return JSON.stringify(wanted) === JSON.stringify(given)
        ? []
        : [`${message.key}: needs ${wanted.join(' ')}, has ${given.join(' ')}`]
    })
    expect(mismatched).toEqual([])
  })

  it('each finding reads in English and in Spanish', () => {
    for (const { message } of produced) {
      const en = english.t(message)
      const es = spanish.t(message)
      expect(en, message.key).not.toBe(message.key)
      expect(es, message.key).not.toBe(message.key)
      expect(es, message.key).not.toBe(en)
    }
  })

  it('words the values the way each language does', () => {
    const [large] = findingsOf(CASES.find(([key]) => key === 'finding.iam.inlinePolicyTooLarge')![2]).filter(
      (f) => f.message.key === 'finding.iam.inlinePolicyTooLarge',
    )
    expect(english.t(large!.message)).toMatch(/IAM allows 10,240 per role/)
    expect(spanish.t(large!.message)).toMatch(/IAM permite 10\.240 por rol/)
    const [reserved] = findingsOf(CASES.find(([key]) => key === 'finding.portMappings.reserved')![2])
    expect(spanish.t(reserved!.message)).toBe(
      'El agente de ECS reserva el puerto del host 2375/tcp en Linux (TCP 22, 2375, 2376, 51678 y 51679).',
    )
  })
})
