// 2,000 random configs with hostile strings in every text field. Each is either rejected with messages
// naming the fields, or every script passes shellcheck / the PowerShell parse and each user value that
// holds a character the shell or PowerShell could interpret appears only inside a quoted literal.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { AMIS } from '../knowledge/amis.ts'
import { ALL_REGIONS } from '../knowledge/partitions.ts'
import { configSchema, readConfig, type WizardConfig } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import { english } from '../i18n/english.ts'
import { generate } from './generate.ts'
import { option, shellQuote } from './render/shell.ts'
import {
  parsePowerShell,
  shellcheck,
  stripUserDataTags,
  tempDir,
  writeTree,
} from '../test-support/checkers.ts'
import { powershellLiteralMask, shellLiteralMask, syntaxSkeleton } from '../test-support/literal-spans.ts'
import { parseTemplate, resolveIntrinsics } from '../test-support/cloudformation.ts'
import { plan } from './plan.ts'
import type { GenerateResult } from './types.ts'

const RUNS = 2000

const FRAGMENTS = [
  `'`,
  `"`,
  '$(id)',
  '`id`',
  '${IFS}',
  '$HOME',
  '\n',
  '\r',
  '\t',
  ';',
  '%',
  '%PATH%',
  'é',
  '\u2018',
  '\u2019',
  '\u202e',
  '\u200b',
  ' ',
  '|',
  '&&',
  '<',
  '>',
  '#',
  '*',
  '?',
  '..',
  '//',
  '\\',
  '!',
  '(',
  ')',
  '{',
  '}',
  '=',
  '+',
  ',',
  '@',
  '-',
  '</powershell>',
  '\0',
]
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.stringMatching(/^[a-z0-9-]{1,6}$/)), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''))
// Characters S3 keys may hold that still need quoting in a shell: the interesting accepted cases.
const trickyKey = fc.stringMatching(/^[a-z0-9 '()!]{1,12}(\/[a-z0-9 '()!]{1,8}){0,2}$/)

const field = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: hostileText })
// The fields issue 11 added: hostile less often, so that enough configs stay accepted.
const rareField = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 29, arbitrary: valid }, { weight: 1, arbitrary: hostileText })
const keyField = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 4, arbitrary: trickyKey },
    { weight: 1, arbitrary: hostileText },
  )

const ecsName = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/)
const roleName = fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,30}$/)
const bucketName = fc.stringMatching(/^[a-z0-9]{2,10}(-[a-z0-9]{1,8})?$/)
// Log groups allow "#", launch template names "(" and ")": both need quoting in a shell.
const logGroup = fc.stringMatching(/^\/ecs\/[a-z0-9#._-]{1,12}$/)
const launchTemplateName = fc.stringMatching(/^[a-z0-9]{2,6}[()._-]{0,2}[a-z0-9()]{0,6}$/)
const environmentName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/)
const parameterArn = fc
  .stringMatching(/^[a-z0-9_.-]{1,10}(\/[a-z0-9_.-]{1,8}){0,2}$/)
  .map((name) => `arn:aws:ssm:us-east-1:111122223333:parameter/${name}`)
const secretArn = fc
  .stringMatching(/^[A-Za-z0-9_+=.@-]{1,12}$/)
  .map((name) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${name}-AbCdEf`)
const kmsKeyArn = fc.constant('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')

const arbitraryConfig: fc.Arbitrary<WizardConfig> = fc
  .record({
    ami: fc.constantFrom(...AMIS),
    launchType: fc.constantFrom('ec2', 'ec2', 'fargate' as const),
    hostFamily: fc.constantFrom('rhel', 'debian' as const),
    networkMode: fc.constantFrom('bridge', 'host', 'awsvpc', 'none', 'default' as const),
    blockInstanceMetadata: fc.boolean(),
    region: field(fc.constantFrom(...ALL_REGIONS)),
    accountId: field(fc.stringMatching(/^\d{12}$/)),
    clusterName: field(ecsName),
    taskRoleName: field(roleName),
    executionRoleName: rareField(roleName),
    instanceRoleName: field(roleName),
    instanceProfileName: fc.option(field(roleName), { nil: undefined }),
    deployerRoleName: fc.option(field(roleName), { nil: undefined }),
    buckets: fc.array(
      fc.record({
        name: field(bucketName),
        access: fc.constantFrom('read', 'write', 'read-write' as const),
        prefix: fc.option(keyField(fc.stringMatching(/^[a-z0-9]{1,8}\/$/)), { nil: undefined }),
        kmsKeyArn: fc.option(rareField(kmsKeyArn), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    configObject: fc.option(
      fc.record({ bucket: field(bucketName), key: keyField(fc.constant('ecs.config')) }),
      { nil: undefined },
    ),
    task: fc.record({
      family: field(ecsName),
      containerName: field(ecsName),
      image: field(fc.stringMatching(/^[a-z0-9]{1,10}(\/[a-z0-9._-]{1,10}){0,2}(:[a-z0-9.]{1,6})?$/)),
      memory: fc.integer({ min: 6, max: 4096 }),
      portMappings: fc.constant([]),
      awslogs: fc.boolean(),
      logGroup: fc.option(rareField(logGroup), { nil: undefined }),
      secrets: fc.array(
        fc.record({
          name: rareField(environmentName),
          valueFrom: rareField(fc.oneof(parameterArn, secretArn)),
        }),
        { maxLength: 2 },
      ),
    }),
    sourceConditions: fc.boolean(),
    assignPublicIp: fc.boolean(),
    instances: fc.record({
      launchTemplateName: fc.option(rareField(launchTemplateName), { nil: undefined }),
      securityGroups: fc.constant([]),
      count: fc.constant(1),
    }),
    service: fc.option(fc.record({ name: rareField(ecsName), desiredCount: fc.constant(1) }), {
      nil: undefined,
    }),
  })
  .map(({ ami, ...rest }) => {
    const config: Record<string, unknown> = { version: 1, os: ami.os, ami: ami.id, ...rest }
    for (const key of ['instanceProfileName', 'deployerRoleName', 'configObject', 'service'])
      if (config[key] === undefined) delete config[key]
    config.buckets = rest.buckets.map(({ prefix, kmsKeyArn, ...b }) => ({
      ...b,
      ...(prefix === undefined ? {} : { prefix }),
      ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
    }))
    const { logGroup, ...task } = rest.task
    config.task = logGroup === undefined ? task : { ...task, logGroup }
    const { launchTemplateName, ...instances } = rest.instances
    config.instances = launchTemplateName === undefined ? instances : { ...instances, launchTemplateName }
    return config as WizardConfig
  })

/** Every user-entered text value of a config, with its field path. */
function textValues(config: WizardConfig): [string, string][] {
  const out: [string, string][] = [
    ['region', config.region],
    ['accountId', config.accountId],
    ['clusterName', config.clusterName],
    ['taskRoleName', config.taskRoleName],
    ['executionRoleName', config.executionRoleName],
    ['instanceRoleName', config.instanceRoleName],
    ['task.family', config.task.family],
    ['task.containerName', config.task.containerName],
    ['task.image', config.task.image],
  ]
  if (config.instanceProfileName !== undefined) out.push(['instanceProfileName', config.instanceProfileName])
  if (config.deployerRoleName !== undefined) out.push(['deployerRoleName', config.deployerRoleName])
  config.buckets.forEach((b, i) => {
    out.push([`buckets.${i}.name`, b.name])
    if (b.prefix !== undefined) out.push([`buckets.${i}.prefix`, b.prefix])
    if (b.kmsKeyArn !== undefined) out.push([`buckets.${i}.kmsKeyArn`, b.kmsKeyArn])
  })
  if (config.task.logGroup !== undefined) out.push(['task.logGroup', config.task.logGroup])
  config.task.secrets.forEach((secret, i) => {
    out.push([`task.secrets.${i}.name`, secret.name], [`task.secrets.${i}.valueFrom`, secret.valueFrom])
  })
  if (config.instances.launchTemplateName !== undefined)
    out.push(['instances.launchTemplateName', config.instances.launchTemplateName])
  if (config.service) out.push(['service.name', config.service.name])
  if (config.configObject)
    out.push(
      ['configObject.bucket', config.configObject.bucket],
      ['configObject.key', config.configObject.key],
    )
  return out
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>
  node[parts.at(-1)!] = value
}

/** A value with a character the shell or PowerShell could interpret anywhere inside a word. */
const needsShellQuoting = (value: string) => /[^A-Za-z0-9_@%+=:,./-]/.test(value)

const samples = fc.sample(arbitraryConfig, { numRuns: RUNS, seed: 20261123 })
const results: { config: WizardConfig; result: GenerateResult }[] = samples.map((config) => ({
  config,
  result: generate(config),
}))
const accepted = results.filter((r) => r.result.files.length > 0)
const rejected = results.filter((r) => r.result.files.length === 0)

describe(`${RUNS} random configs with hostile text`, () => {
  it('mixes accepted and rejected configs, including accepted values that need quoting', () => {
    expect(results).toHaveLength(RUNS)
    expect(accepted.length).toBeGreaterThan(300)
    expect(rejected.length).toBeGreaterThan(300)
    const quotedAccepted = accepted.filter((r) => textValues(r.config).some(([, v]) => needsShellQuoting(v)))
    expect(quotedAccepted.length).toBeGreaterThan(100)
  })

  it('rejects each bad config with error messages that name real fields holding the bad values', () => {
    for (const { config, result } of rejected) {
      expect(result.findings.length).toBeGreaterThan(0)
      const values = new Map(textValues(config))
      for (const finding of result.findings) {
        expect(finding.severity).toBe('error')
        const label = labelAt(configSchema, finding.field!)
        expect(label).toBeDefined()
        expect(english.t(finding.message).startsWith(`${english.t({ key: label! })}:`)).toBe(true)
        expect(values.has(finding.field!)).toBe(true)
      }
    }
  })

  it('keeps every user value with special characters inside quoted literals in every script', () => {
    let compared = 0
    for (const { config, result } of accepted) {
      const special = textValues(config).filter(([, v]) => needsShellQuoting(v))
      if (special.length === 0) continue
      // The twin holds a harmless value that also needs quoting wherever this config holds special text.
      const twinConfig = structuredClone(config) as unknown as Record<string, unknown>
      // A harmless value of each field's own alphabet that still needs quoting.
      const twinValue = (path: string) =>
        path === 'task.image'
          ? 'x#y'
          : path === 'task.logGroup'
            ? '/ecs/x#y'
            : path.endsWith('launchTemplateName')
              ? 'a(b)'
              : 'a b'
      for (const [path] of special) setPath(twinConfig, path, twinValue(path))
      const twin = generate(twinConfig as unknown as WizardConfig)
      if (twin.files.length === 0) throw new Error(JSON.stringify([special, twin.findings]))
      expect(twin.files.map((f) => f.path)).toEqual(result.files.map((f) => f.path))
      for (const [index, file] of result.files.entries()) {
        if (file.language !== 'shell' && file.language !== 'powershell') continue
        const lex = file.language === 'shell' ? shellLiteralMask : powershellLiteralMask
        const twinText = twin.files[index]!.text
        const skeleton = syntaxSkeleton(file.text, lex(file.text))
        if (skeleton !== syntaxSkeleton(twinText, lex(twinText)))
          throw new Error(
            `${special.map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ')} changed the syntax of ${file.path}:\n${file.text}`,
          )
        compared++
      }
      // The ecs.config object's bucket and key reach user data, each one quoted word (s3api get-object).
      if (config.os === 'linux' && config.launchType === 'ec2' && config.configObject) {
        const userData = result.files.find((f) => f.path === 'ec2/user-data.sh')!.text
        for (const [name, value] of [
          ['--bucket', config.configObject.bucket],
          ['--key', config.configObject.key],
        ] as const)
          expect(userData).toContain(option(name, value).map(shellQuote).join(' '))
      }
    }
    expect(compared).toBeGreaterThan(500)
  })

  it('the skeleton check catches unquoted text (it can fail)', () => {
    const mask = (t: string) => shellLiteralMask(t)
    const quoted = `aws s3 cp ${shellQuote("x'; id; '")} y\n`
    const spliced = `aws s3 cp 'x'; id; '' y\n`
    expect(syntaxSkeleton(quoted, mask(quoted))).toBe(
      syntaxSkeleton(`aws s3 cp ${shellQuote('a b')} y\n`, mask(`aws s3 cp 'a b' y\n`)),
    )
    expect(syntaxSkeleton(spliced, mask(spliced))).not.toBe(syntaxSkeleton(quoted, mask(quoted)))
  })

  describe('every script of every accepted config passes the real checkers', () => {
    const root = tempDir('hostile')
    const shellPaths: string[] = []
    accepted.forEach(({ result }, i) => {
      writeTree(join(root, String(i)), result.files)
      for (const f of result.files) if (f.language === 'shell') shellPaths.push(join(root, String(i), f.path))
    })
    let comments: Awaited<ReturnType<typeof shellcheck>> = []
    beforeAll(async () => {
      comments = await shellcheck(shellPaths)
    })

    it('shellcheck: no warning or error', () => {
      expect(shellPaths.length).toBeGreaterThanOrEqual(accepted.length * 2)
      expect(comments.map((c) => `${c.file}:${c.line} SC${c.code} ${c.message}`).slice(0, 20)).toEqual([])
    })

    it('tree-sitter-powershell: no error node', async () => {
      let parsed = 0
      for (const { result } of accepted)
        for (const f of result.files.filter((file) => file.language === 'powershell')) {
          const { problems } = await parsePowerShell(
            f.path === 'ec2/user-data.ps1' ? stripUserDataTags(f.text) : f.text,
          )
          if (problems.length > 0) throw new Error(`${f.path}: ${JSON.stringify(problems)}\n${f.text}`)
          parsed++
        }
      expect(parsed).toBeGreaterThan(100)
    })

    it('every JSON file parses', () => {
      for (const { result } of accepted)
        for (const f of result.files.filter((file) => file.language === 'json'))
          expect(() => JSON.parse(f.text) as unknown).not.toThrow()
    })

    it('every CloudFormation template reads back with the names, documents and user data of the other files', () => {
      for (const { config, result } of accepted) {
        const text = (path: string) => result.files.find((f) => f.path === path)?.text
        const setup = plan(readConfig(config).config)
        const template = parseTemplate(text('cloudformation/template.yaml')!)
        const ec2 = setup.instances !== undefined
        const ids = ['TaskRole', 'Cluster', ...(ec2 ? ['InstanceRole', 'InstanceProfile'] : [])]
        const resolved = resolveIntrinsics(
          Object.fromEntries(ids.map((id) => [id, template.Resources[id]!.Properties])),
          {
            partition: setup.partition,
            region: setup.region,
            accountId: setup.accountId,
            attributes: {},
            refs: setup.instances ? { InstanceRole: setup.instances.role.name } : {},
          },
        ) as Record<string, Record<string, unknown>>
        expect(resolved.TaskRole!.RoleName).toBe(config.taskRoleName)
        expect(resolved.TaskRole!.AssumeRolePolicyDocument).toEqual(
          JSON.parse(text('iam/task-role-trust-policy.json')!),
        )
        const taskPolicy = text('iam/task-role-policy.json')
        if (taskPolicy)
          expect((resolved.TaskRole!.Policies as { PolicyDocument: unknown }[])[0]!.PolicyDocument).toEqual(
            JSON.parse(taskPolicy),
          )
        if (setup.instances) {
          expect(resolved.InstanceRole!.RoleName).toBe(config.instanceRoleName)
          expect(resolved.InstanceProfile!.InstanceProfileName).toBe(setup.instances.profile.name)
        }
        expect(resolved.Cluster!.ClusterName).toBe(config.clusterName)
        const taskDefinition = template.Resources.TaskDefinition!.Properties!
        expect(taskDefinition.Family).toBe(config.task.family)
        expect(taskDefinition.ContainerDefinitions).toMatchObject([
          { Name: config.task.containerName, Image: config.task.image },
        ])
        // Fargate has no instances, so no user data and no launch template.
        const launchTemplate = template.Resources.LaunchTemplate
        if (!setup.instances?.launchTemplate) expect(launchTemplate).toBeUndefined()
        else {
          const data = launchTemplate!.Properties!.LaunchTemplateData as { UserData: unknown }
          expect(data.UserData).toEqual({
            'Fn::Base64': text('ec2/user-data.sh') ?? text('ec2/user-data.ps1'),
          })
        }
      }
    })
  })
})
