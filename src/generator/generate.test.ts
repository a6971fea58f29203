// The generator's rules, asserted over every combination of OS, AMI, host family,
// network mode and IMDS blocking (140 configs), so a rule cannot hold for one golden and break for another.
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, configSchema, type WizardConfig } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import { decodePermalink } from '../config/permalink.ts'
import { english } from '../i18n/english.ts'
import spanishFiles from '../i18n/catalogs/es/files.json'
import { createTranslator } from '../i18n/translator.ts'
import type { Message } from '../i18n/message.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { platformCombinations } from '../test-support/combinations.ts'
import { ARTIFACTS } from './artifacts.ts'
import { generate } from './generate.ts'
import type { GenerateResult } from './types.ts'

const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }

const combinations = platformCombinations(base)

const text = (result: GenerateResult, path: string) => result.files.find((f) => f.path === path)?.text
const paths = (result: GenerateResult) => result.files.map((f) => f.path)
const errorsAt = (result: GenerateResult, field: string) =>
  result.findings.filter((f) => f.severity === 'error' && f.field === field)
const describeConfig = (c: WizardConfig) =>
  `${c.ami}/${c.hostFamily}/${c.networkMode}/block=${c.blockInstanceMetadata}`

describe.each(combinations.map((c) => [describeConfig(c), c] as const))('%s', (_name, config) => {
  const result = generate(config)
  const ami = amiInfo(config.ami)
  const scripts = result.files.filter((f) => f.language === 'shell' || f.language === 'powershell')
  const everyText = result.files.map((f) => f.text).join('\n')
  // Comments may name what not to do ("FORWARD, as in older guides"); commands must not do it.
  const codeLines = (t: string) =>
    t
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n')

  it('lists every file in apply order with a title and a usage text', () => {
    expect(result.files.length).toBeGreaterThanOrEqual(8)
    for (const file of result.files) {
      expect(english.t(file.title)).not.toBe('')
      expect(english.t(file.usage).length).toBeGreaterThan(20)
    }
  })

  it('says what each file is, where it goes and why its lines are there in Spanish too', () => {
    const spanish = createTranslator('es', spanishFiles)
    // A key missing from the Spanish catalog comes back as the key itself; text the same as the English was
    // not translated; a brace left in the text is ICU quoting gone wrong.
    const untranslated = (m: Message) => {
      const es = spanish.t(m)
      return es === m.key || es === english.t(m) || /[{}]/.test(es) ? [`${m.key}: ${es}`] : []
    }
    const messages = result.files.flatMap((f) => [f.title, f.usage, ...f.sources.map((s) => s.note)])
    expect(messages.flatMap(untranslated)).toEqual([])
  })

  it('starts every script with a comment holding its permalink', () => {
    for (const script of scripts) {
      const lines = script.text.split('\n')
      const first = lines[0]!.startsWith('#!') || lines[0] === '<powershell>' ? 1 : 0
      expect(lines[first]).toMatch(/^# /)
      expect(lines.slice(first, first + 3).join('\n')).toContain(`Configuration: ${result.permalink}`)
    }
    expect(decodePermalink(result.permalink).config).toEqual(config)
  })

  it('points every finding at a real field', () => {
    for (const finding of result.findings)
      if (finding.field) expect(labelAt(configSchema, finding.field)).toBeDefined()
  })

  if (config.os === 'linux') {
    const userData = text(result, 'ec2/user-data.sh')!
    const ecsConfig = text(result, 'ec2/ecs.config')!

    it('writes the cluster and task-role variables to ecs.config and user data, unquoted', () => {
      expect(ecsConfig).toMatch(
        /^ECS_CLUSTER=my-cluster\nECS_ENABLE_TASK_IAM_ROLE=true\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true\n/,
      )
      expect(userData).toContain(`cat <<'EOF' >> /etc/ecs/ecs.config\n${ecsConfig}EOF\n`)
      expect(paths(result)).not.toContain('ec2/user-data.ps1')
    })

    it('sets ECS_AWSVPC_BLOCK_IMDS=true exactly for awsvpc with blocking on', () => {
      const expected = config.networkMode === 'awsvpc' && config.blockInstanceMetadata
      expect(ecsConfig.includes('ECS_AWSVPC_BLOCK_IMDS=true')).toBe(expected)
    })

    it('adds credential-proxy rules only for a hand-started agent (ecs-init adds its own)', () => {
      const manual = ami.launcher === 'docker-run'
      expect(everyText.includes('route_localnet')).toBe(manual)
      expect(everyText.includes('DNAT --to-destination 127.0.0.1:51679')).toBe(manual)
      expect(paths(result).includes('host/run-agent.sh')).toBe(manual)
      if (manual) {
        expect(text(result, 'host/run-agent.sh')).toMatch(
          /docker run .*--net=host .*--env=ECS_ENABLE_TASK_IAM_ROLE=true/,
        )
        expect(userData).toMatch(/docker run .*--net=host/)
        // The hardening rules ecs-init adds.
        expect(userData).toContain("-m conntrack '!' --ctstate RELATED,ESTABLISHED,DNAT -j DROP")
        expect(userData).toContain('--dport 51678 -i docker0 -j ACCEPT')
      }
    })

    it('blocks IMDS for bridge in DOCKER-USER, creating the chain first, never in FORWARD', () => {
      const bridgeBlock = config.networkMode === 'bridge' && config.blockInstanceMetadata
      expect(userData.includes('169.254.169.254')).toBe(bridgeBlock)
      expect(codeLines(everyText)).not.toMatch(/FORWARD/)
      if (bridgeBlock) {
        const create = userData.indexOf('iptables -N DOCKER-USER 2>/dev/null || true')
        const insert = userData.indexOf('iptables -I DOCKER-USER 1 -i docker+ -d 169.254.169.254/32 -j DROP')
        expect(create).toBeGreaterThan(0)
        expect(insert).toBeGreaterThan(create)
        expect(text(result, 'host/iptables.sh')).toContain(
          '-C DOCKER-USER -i docker+ -d 169.254.169.254/32 -j DROP',
        )
      }
      expect(paths(result).includes('host/iptables.sh')).toBe(bridgeBlock || ami.launcher === 'docker-run')
    })

    it('persists only its own rules, in the way this AMI boots', () => {
      if (!paths(result).includes('host/iptables.sh')) return
      // A boot unit before Docker and the agent, or rc.local on Amazon Linux 1 (no systemd); never a saved
      // whole ruleset, which would also hold Docker's and ecs-init's rules.
      const expected =
        config.ami === 'al1'
          ? 'echo /usr/local/sbin/ecs-task-iam-rules.sh >> /etc/rc.d/rc.local'
          : 'systemctl enable ecs-task-iam-rules.service'
      for (const script of [userData, text(result, 'host/iptables.sh')!]) {
        expect(script).toContain("cat <<'EOF' > /usr/local/sbin/ecs-task-iam-rules.sh\n#!/bin/bash\n")
        expect(script).toContain(expected)
        expect(codeLines(script)).not.toMatch(/iptables-save|iptables-services|netfilter-persistent/)
      }
    })

    it('never starts ecs with a blocking systemctl call from user data (deadlock)', () => {
      expect(codeLines(userData)).not.toMatch(/systemctl (re)?start ecs/)
      if (config.ami === 'ecs-init')
        expect(userData).toContain('systemctl enable --now --no-block ecs.service')
    })
  } else {
    const userData = text(result, 'ec2/user-data.ps1')!

    it('writes Windows user data with one command per line inside <powershell>', () => {
      const lines = userData.trimEnd().split('\n')
      expect(lines[0]).toBe('<powershell>')
      expect(lines.at(-1)).toBe('</powershell>')
      expect(lines).toContain('Import-Module ECSTools')
      const init = lines.find((l) => l.startsWith('Initialize-ECSAgent'))!
      expect(init).toMatch(/^Initialize-ECSAgent -Cluster 'my-cluster' -EnableTaskIAMRole/)
      expect(init.includes('-EnableTaskENI')).toBe(config.networkMode === 'awsvpc')
      expect(init.includes('-AwsvpcBlockIMDS')).toBe(
        config.networkMode === 'awsvpc' && config.blockInstanceMetadata,
      )
      expect(paths(result).filter((p) => p.startsWith('ec2/'))).toEqual(['ec2/user-data.ps1'])
    })

    it('adds the container route script only in default (NAT) mode, without the IMDS route when blocking', () => {
      const routes = text(result, 'container/bootstrap-routes.ps1')
      expect(routes !== undefined).toBe(config.networkMode === 'default')
      if (routes) {
        expect(routes).toContain('New-NetRoute -DestinationPrefix 169.254.170.2/32')
        expect(routes.includes('-DestinationPrefix 169.254.169.254/32')).toBe(!config.blockInstanceMetadata)
      }
    })

    it('accepts only default and awsvpc network modes, and no awsvpc on Windows Server 2016', () => {
      const wrongMode = !['default', 'awsvpc'].includes(config.networkMode)
      const awsvpcOn2016 = config.networkMode === 'awsvpc' && config.ami === 'windows-2016'
      expect(errorsAt(result, 'networkMode').length > 0).toBe(wrongMode || awsvpcOn2016)
    })
  }

  it('leaves networkMode out of the task definition exactly for Windows default mode', () => {
    const taskDefinition = JSON.parse(text(result, 'ecs/task-definition.json')!) as Record<string, unknown>
    // "default" is no API value: omitted (on Linux that combination is also an error finding).
    if (config.networkMode === 'default') expect(taskDefinition).not.toHaveProperty('networkMode')
    else expect(taskDefinition.networkMode).toBe(config.networkMode)
    expect(taskDefinition.taskRoleArn).toBe('arn:aws:iam::012345678901:role/ecsTaskRole')
  })

  it('warns that nothing blocks IMDS in host mode', () => {
    const warning = result.findings.find(
      (f) =>
        f.severity === 'warning' &&
        f.field === 'blockInstanceMetadata' &&
        f.message.key === 'finding.imds.hostMode',
    )
    expect(warning !== undefined).toBe(config.networkMode === 'host')
  })
})

describe('partitions, trust and the CLI script', () => {
  const inRegion = (region: string, extra: Partial<WizardConfig> = {}) =>
    generate({ ...base, region, deployerRoleName: 'deployer', ...extra })

  it.each([
    ['us-east-1', 'aws', ['ec2.amazonaws.com']],
    ['cn-northwest-1', 'aws-cn', ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn']],
    ['us-gov-east-1', 'aws-us-gov', ['ec2.amazonaws.com']],
  ])('%s uses the %s partition in every ARN and its EC2 principals', (region, partition, ec2) => {
    const result = inRegion(region)
    const arns = result.files.flatMap((f) => f.text.match(/arn:[a-z-]+:/g) ?? [])
    expect(arns.length).toBeGreaterThan(5)
    expect(new Set(arns)).toEqual(new Set([`arn:${partition}:`]))
    const trust = JSON.parse(text(result, 'iam/instance-role-trust-policy.json')!) as {
      Statement: { Principal: { Service: unknown } }[]
    }
    expect([trust.Statement[0]!.Principal.Service].flat()).toEqual(ec2)
    expect(text(result, 'setup/aws-cli.sh')).toContain(
      `--policy-arn arn:${partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`,
    )
  })

  it('guards the task role trust policy with SourceAccount and SourceArn, unless turned off', () => {
    const on = JSON.parse(text(inRegion('eu-west-1'), 'iam/task-role-trust-policy.json')!) as {
      Statement: { Condition?: unknown }[]
    }
    expect(on.Statement[0]!.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:012345678901:*' },
      StringEquals: { 'aws:SourceAccount': '012345678901' },
    })
    const off = inRegion('eu-west-1', { sourceConditions: false })
    expect(JSON.parse(text(off, 'iam/task-role-trust-policy.json')!)).not.toHaveProperty(
      'Statement.0.Condition',
    )
    expect(off.findings.some((f) => f.field === 'sourceConditions' && f.severity === 'warning')).toBe(true)
  })

  it('creates the instance profile and puts the role in it, with the profile name when given', () => {
    const cli = text(inRegion('us-east-1', { instanceProfileName: 'ecs-profile' }), 'setup/aws-cli.sh')!
    expect(cli).toContain('aws iam create-instance-profile --instance-profile-name ecs-profile')
    expect(cli).toContain(
      'aws iam add-role-to-instance-profile --instance-profile-name ecs-profile --role-name ecsInstanceRole',
    )
    expect(cli.indexOf('create-instance-profile')).toBeLessThan(cli.indexOf('add-role-to-instance-profile'))
  })

  it('scopes S3 access per bucket and prefix, objects and buckets in separate statements', () => {
    const result = inRegion('us-east-1', {
      buckets: [
        { name: 'logs', access: 'write', prefix: 'app/' },
        { name: 'data', access: 'read-write' },
      ],
    })
    const policy = JSON.parse(text(result, 'iam/task-role-policy.json')!) as {
      Statement: { Action: unknown; Resource: string; Condition?: unknown }[]
    }
    // Only buckets that the configured account owns (a same-named bucket elsewhere is not trusted).
    const owner = { StringEquals: { 's3:ResourceAccount': base.accountId } }
    expect(policy.Statement).toEqual([
      {
        Sid: 'Bucket1Objects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
        Resource: 'arn:aws:s3:::logs/app/*',
        Condition: owner,
      },
      {
        Sid: 'Bucket2Objects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        Resource: 'arn:aws:s3:::data/*',
        Condition: owner,
      },
      {
        Sid: 'Bucket2List',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::data',
        Condition: owner,
      },
    ])
  })

  it('refuses host port 80 on Windows default mode, and reserved or clashing host ports', () => {
    const windows = generate({
      ...base,
      os: 'windows',
      ami: 'windows-2022',
      networkMode: 'default',
      task: { ...base.task, portMappings: [{ containerPort: 80, hostPort: 80 }] },
    })
    expect(errorsAt(windows, 'task.portMappings.0.hostPort')[0]!.message.key).toBe(
      'finding.portMappings.windowsPort80',
    )
    const linux = generate({
      ...base,
      task: {
        ...base.task,
        portMappings: [
          { containerPort: 80, hostPort: 80 },
          { containerPort: 81, hostPort: 51678 },
          { containerPort: 82, hostPort: 80 },
        ],
      },
    })
    expect(errorsAt(linux, 'task.portMappings.0.hostPort')).toEqual([])
    const reserved = errorsAt(linux, 'task.portMappings.1.hostPort')[0]!.message
    expect(reserved).toEqual({
      key: 'finding.portMappings.reserved',
      params: {
        port: 51678,
        protocol: 'tcp',
        os: 'linux',
        reserved: ['22', '2375', '2376', '51678', '51679'],
      },
    })
    expect(english.t(reserved)).toBe(
      'Host port 51678/tcp is reserved by the ECS agent on Linux (TCP 22, 2375, 2376, 51678, and 51679).',
    )
    expect(errorsAt(linux, 'task.portMappings.2.hostPort')[0]!.message).toEqual({
      key: 'finding.portMappings.duplicateHostPort',
      params: { port: 80, protocol: 'tcp', mapping: 1 },
    })
  })

  it('puts the full permalink in script headers when the site address is known', () => {
    const result = generate({ ...base, clusterName: 'prod' }, { baseUrl: 'https://tools.example.org/ecs/' })
    expect(result.permalink).toBe(
      'https://tools.example.org/ecs/#/?v=1&accountId=012345678901&clusterName=prod',
    )
    expect(text(result, 'ec2/user-data.sh')).toContain(`# Configuration: ${result.permalink}\n`)
  })

  it('gives no files for an invalid config, only error findings at the fields', () => {
    const result = generate({ ...base, clusterName: "x'; rm -rf / #" })
    expect(result.files).toEqual([])
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ severity: 'error', field: 'clusterName' })
  })

  it('has a builder and an apply position for every artifact path', () => {
    const seen = new Set(combinations.flatMap((c) => paths(generate(c))))
    seen.add('iam/instance-role-policy.json') // only with an ecs.config object
    for (const c of [{ ...base, configObject: { bucket: 'cfg-bucket', key: 'ecs.config' } }])
      for (const p of paths(generate(c))) seen.add(p)
    expect([...seen].sort()).toEqual(ARTIFACTS.map((a) => a.path).sort())
  })
})
