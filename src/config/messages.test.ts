// Every notice a hostile link (or config file) can produce reads as a sentence in every language: no raw key,
// no ICU left over, and what the link itself holds is shown as it is, never read as a message.
import { describe, expect, it } from 'vitest'
import enFields from '../i18n/catalogs/en/fields.json'
import { english } from '../i18n/english.ts'
import { isMessage, type Message, type MessageKey, type MessageParam } from '../i18n/message.ts'
import { AMIS } from '../knowledge/amis.ts'
import { spanish } from '../i18n/spanish.ts'
import { decodePermalink } from './permalink.ts'
import { DEFAULT_CONFIG, configSchema, readConfig, type WizardConfig } from './schema.ts'
import { labelAt, type FieldIssue } from './schema-kit.ts'

const link = (query: string) => `https://x.example/#/?v=1&${query}`
const statements = (value: unknown) => link(`extraStatements=${encodeURIComponent(JSON.stringify(value))}`)
const statement = (fields: Record<string, unknown>) =>
  statements([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...fields }])

const HOSTILE_LINKS = [
  link('colour=blue&%1B%5B31mred=1&__proto__.x=1&constructor.prototype.x=1'),
  link('os=beos&hostFamily=arch&networkMode=nat&blockInstanceMetadata=yes&sourceConditions=1'),
  link('task.memory=lots&task.portMappings.0.containerPort=70000&task.portMappings.1.hostPort=1e3'),
  link('buckets.99999.name=abc&buckets.x.name=abc&subnets.-1=subnet-01234567'),
  // "0", "00" and "000" are three keys for one position: more entries than the list holds.
  link(
    [
      '0',
      '00',
      '000',
      '1',
      '01',
      '001',
      '2',
      '02',
      '002',
      '3',
      '03',
      '003',
      '4',
      '04',
      '004',
      '5',
      '05',
      '005',
    ]
      .map((i) => `subnets.${i}=subnet-0123456${i.length}`)
      .join('&'),
  ),
  link('task=x&task.family=y&clusterName=a&clusterName=b&=x&a..b=1'),
  link('clusterName.x=1&buckets=all&configObject=yes&task.portMappings=80'),
  '#/settings?v=1&os=windows',
  '#v=1&os=windows',
  '#/?v=2&os=windows',
  '#/?v=0&os=windows',
  '#/?v=3&a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10',
  '#/?v=x',
  '#/?v=9999999&os=windows',
  '#/?os=windows&ami=windows-2022',
  `#/?v=1&clusterName=${'a'.repeat(20_000)}`,
  link('os=windows&ami=al2023'),
  link('ami=windows-2022'),
  link(`clusterName=&taskRoleName=role/x&instanceRoleName=r%C3%B4le&task.family=${'f'.repeat(256)}`),
  link(
    'task.image=a%20b&task.containerName=%E0%A4%A&instanceProfileName=a%09b&deployerRoleName=%F0%9F%98%80',
  ),
  link('accountId=12345&region=moon-1&subnets.0=subnet-1&securityGroups.0=sg-xyz'),
  link('region=eusc-de-east-1'),
  link('region='),
  ...[
    'My-Bucket',
    'ab',
    '-bucket',
    'my..bucket',
    '192.168.1.1',
    'xn--bucket',
    'bucket-s3alias',
    'a'.repeat(64),
  ].map((name, i) => link(`buckets.${i}.name=${encodeURIComponent(name)}`)),
  ...['logs/*', '${aws:username}/', '/logs/', 'a//b/', '../x/', ' logs/', 'logs\n/', 'é'.repeat(600)].map(
    (prefix) => link(`buckets.0.name=ok-bucket&buckets.0.prefix=${encodeURIComponent(prefix)}`),
  ),
  link('configObject.bucket=config-bucket&configObject.key='),
  link('configObject.bucket=config-bucket&configObject.key=%2Fecs.config'),
  link('configObject.bucket=config-bucket&configObject.key=a%3F'),
  link(`extraStatements=${encodeURIComponent('[{"Effect": "Allow",}]')}`),
  statements({ Version: '2012-10-17', Statement: [] }),
  statements(['x']),
  statement({ Principal: { AWS: '*' } }),
  statement({ Resorce: '*' }),
  statement({ Sid: 'Send jobs' }),
  statement({ Sid: 'Bucket1Objects' }),
  statements([
    { Sid: 'Same', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Sid: 'Same', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
  ]),
  statement({ Effect: 'Maybe' }),
  statement({ NotAction: 's3:GetObject' }),
  statement({ Resource: undefined }),
  statement({ Action: [] }),
  statement({ Action: 'GetObject' }),
  statement({ Resource: 'my-queue' }),
  statement({ Condition: { StringEquals: 'x' } }),
  statements(Array(80).fill({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
]

// What only a config file or a value in memory can hold: the types URL text never has.
const HOSTILE_CONFIGS: unknown[] = [
  { accountId: null, region: [], clusterName: 12, taskRoleName: true, task: { family: () => 'x' } },
  { task: 'x', buckets: {}, os: 1, blockInstanceMetadata: 'true', task2: 1 },
  { subnets: Array(17).fill('subnet-01234567'), task: { memory: 1.5 } },
]

const ALL_ISSUES: FieldIssue[] = [
  ...HOSTILE_LINKS.flatMap((input) => decodePermalink(input).issues),
  ...HOSTILE_CONFIGS.flatMap((input) => readConfig(input).issues),
]

/** Every key in a message, nested ones included. */
function keysOf(message: Message): string[] {
  const params = Object.values(message.params ?? {}).flatMap((p): readonly MessageParam[] =>
    Array.isArray(p) ? (p as readonly MessageParam[]) : [p],
  )
  return [message.key, ...params.filter(isMessage).flatMap(keysOf)]
}

/** The message with its text parameters (what the link holds) replaced, so only the catalog's text is checked. */
function withNeutralText(message: Message): Message {
  const neutral = (p: MessageParam): MessageParam => {
    if (typeof p === 'string') return 'X'
    if (isMessage(p)) return withNeutralText(p)
    if (Array.isArray(p))
      return (p as readonly (string | Message)[]).map((q) => (isMessage(q) ? withNeutralText(q) : 'X'))
    return p
  }
  return {
    key: message.key,
    params: Object.fromEntries(Object.entries(message.params ?? {}).map(([k, v]) => [k, neutral(v)])),
  }
}

describe('field notices in every language', () => {
  it('reach every message of the fields catalog that is not a label', () => {
    const reached = new Set(ALL_ISSUES.flatMap((issue) => keysOf(issue.message)))
    const unreached = Object.keys(enFields).filter((key) => !key.endsWith('.label') && !reached.has(key))
    expect(unreached).toEqual([])
  })

  it('name every field of the configuration with a catalog label', () => {
    const full: WizardConfig = {
      ...structuredClone(DEFAULT_CONFIG),
      instanceProfileName: 'p',
      deployerRoleName: 'd',
      extraStatements: '[]',
      configObject: { bucket: 'b', key: 'k' },
      buckets: [
        {
          name: 'b',
          access: 'read',
          prefix: 'p/',
          kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
      task: {
        ...DEFAULT_CONFIG.task,
        cpu: 256,
        logGroup: '/ecs/app',
        portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
        secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/a' }],
      },
      subnets: ['subnet-01234567'],
      securityGroups: ['sg-01234567'],
      instances: {
        ...DEFAULT_CONFIG.instances,
        type: 't3.small',
        imageId: 'ami-01234567',
        launchTemplateName: 'lt',
        subnet: 'subnet-01234567',
        securityGroups: ['sg-01234567'],
      },
      service: { name: 's', desiredCount: 1 },
    }
    const paths: [string, string][] = []
    configSchema.write(full, undefined, '', paths)
    const labels = new Set<string>([configSchema.label])
    for (const [path] of paths) {
      const parts = path.split('.')
      for (let n = 1; n <= parts.length; n++) labels.add(labelAt(configSchema, parts.slice(0, n).join('.'))!)
    }
    // The other labels name the AMIs (knowledge/amis.ts), one per AMI.
    const amiNames = new Set(AMIS.map((ami) => ami.label))
    expect(amiNames.size).toBe(AMIS.length)
    expect([...labels].sort()).toEqual(
      Object.keys(enFields)
        .filter((key) => key.endsWith('.label') && !amiNames.has(key as MessageKey))
        .sort(),
    )
  })

  for (const [name, translator] of [
    ['English', english],
    ['Spanish', spanish],
  ] as const) {
    it(`${name}: every notice is whole text, without a key or a brace`, () => {
      const broken = ALL_ISSUES.map((issue) => translator.t(withNeutralText(issue.message))).filter((text) =>
        /[{}]|\bfield\.[a-zA-Z]|^\s*$/.test(text),
      )
      expect(broken).toEqual([])
    })
  }

  it('Spanish: every notice is translated, not left in English', () => {
    const same = ALL_ISSUES.map((issue) => issue.message).filter((m) => spanish.t(m) === english.t(m))
    expect(same.map((m) => english.t(m))).toEqual([])
  })

  it('shows what the link holds as it is, never as part of the message', () => {
    const { issues } = decodePermalink(link('%7Blabel%7D=1&buckets.%7Bkey%2C%20plural%7D.name=x'))
    expect(issues.map((i) => english.t(i.message))).toEqual([
      'Unknown setting "{label}" was ignored.',
      '"{key, plural}" is not a position in Buckets (0 to 49); ignored.',
    ])
    expect(spanish.t(issues[0]!.message)).toBe('Se ignoró el ajuste desconocido "{label}".')
  })

  it('translates a field name inside its sentence, and numbers the reader’s way', () => {
    const [issue] = decodePermalink(link('task.portMappings.0.containerPort=70000')).issues
    expect(spanish.t(issue!.message)).toBe('Puerto del contenedor: debe estar entre 1 y 65535.')
    const [tooLong] = decodePermalink(`#/?v=1&clusterName=${'a'.repeat(20_000)}`).issues
    expect(english.t(tooLong!.message)).toBe(
      'The link is 20,019 characters long (at most 16,384); all of it was ignored.',
    )
    expect(spanish.t(tooLong!.message)).toBe(
      'El enlace tiene 20.019 caracteres (como máximo 16.384); se ignoró por completo.',
    )
  })
})
