// The generator's rules, asserted over every combination of OS, AMI, host family,
// network mode and IMDS blocking (140 configs), so a rule cannot hold for one golden and break for another.
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, configSchema, readConfig, type WizardConfig } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import { decodePermalink } from '../config/permalink.ts'
import { english } from '../i18n/english.ts'
import spanishFiles from '../i18n/catalogs/es/files.json'
import { createTranslator } from '../i18n/translator.ts'
import { msg, type Message } from '../i18n/message.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { platformCombinations } from '../test-support/combinations.ts'
import { ARTIFACTS } from './artifacts.ts'
import { base64Utf8 } from './artifacts/launch-template.ts'
import { generate } from './generate.ts'
import type { GenerateResult } from './types.ts'

const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }

const combinations = platformCombinations(base)

const text = (result: GenerateResult, path: string) => result.files.find((f) => f.path === path)?.text
const paths = (result: GenerateResult) => result.files.map((f) => f.path)
const errorsAt = (result: GenerateResult, field: string) =>
  result.findings.filter((f) => f.severity === 'error' && f.field === field)
const describeConfig = (c: WizardConfig) =>
  `${c.launchType}/${c.ami}/${c.hostFamily}/${c.networkMode}/block=${c.blockInstanceMetadata}`

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

  if (config.launchType === 'fargate') {
    it('has no container instance: no instance role, user data, host file or launch template', () => {
      expect(paths(result).filter((p) => /^(ec2|host)\/|instance-role/.test(p))).toEqual([])
      expect(everyText).not.toMatch(/ecsInstanceRole|AmazonEC2ContainerServiceforEC2Role|run-instances/)
    })

    it('registers a Fargate task definition with a task size Fargate runs and the OS family', () => {
      const taskDefinition = JSON.parse(text(result, 'ecs/task-definition.json')!) as Record<string, unknown>
      expect(taskDefinition).toMatchObject({
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: config.os === 'linux' ? '256' : '1024',
        memory: config.os === 'linux' ? '512' : '2048',
        runtimePlatform: {
          operatingSystemFamily:
            config.os === 'linux' ? 'LINUX' : `WINDOWS_SERVER_${config.ami.slice(-4)}_CORE`,
          cpuArchitecture: 'X86_64',
        },
      })
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    })

    it('runs the task with --launch-type FARGATE and a network configuration', () => {
      expect(text(result, 'setup/aws-cli.sh')).toMatch(
        /aws ecs run-task .*--launch-type FARGATE .*--network-configuration/,
      )
    })
  } else if (config.os === 'linux') {
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
      expect(paths(result).filter((p) => p.startsWith('ec2/'))).toEqual([
        'ec2/user-data.ps1',
        'ec2/launch-template.json',
      ])
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
    const withSecretsAndService: WizardConfig = {
      ...base,
      task: {
        ...base.task,
        secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:012345678901:parameter/a' }],
      },
      service: { name: 'web', desiredCount: 1 },
    }
    for (const c of [
      { ...base, configObject: { bucket: 'cfg-bucket', key: 'ecs.config' } },
      withSecretsAndService,
    ])
      for (const p of paths(generate(c))) seen.add(p)
    expect([...seen].sort()).toEqual(ARTIFACTS.map((a) => a.path).sort())
  })
})

describe('Fargate, the task execution role, existing roles and the launch template', () => {
  const from = (partial: Record<string, unknown>) => {
    const { config, issues } = readConfig({ version: 1, accountId: '012345678901', ...partial })
    expect(issues).toEqual([])
    return generate(config)
  }
  const script = (result: GenerateResult) => text(result, 'setup/aws-cli.sh')!
  // The commands of a script, without its comments and its heredoc documents.
  const commands = (t: string) =>
    t
      .replace(/\$\(cat <<'(EOF[_0-9]*)'\n[\s\S]*?\n\1\n\)/g, '')
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n')
  const executionRole = 'arn:aws:iam::012345678901:role/ecsTaskExecutionRole'

  it('Fargate: no instance role, instance profile, user data or launch template; tasks run on FARGATE', () => {
    const result = from({ launchType: 'fargate' })
    expect(paths(result).filter((p) => /^(ec2|host)\/|instance-role/.test(p))).toEqual([])
    const cli = commands(script(result))
    expect(cli).not.toMatch(
      /instance-profile|ecsInstanceRole|AmazonEC2ContainerServiceforEC2Role|launch-template|run-instances/,
    )
    expect(cli).toContain(
      'aws ecs run-task --cluster my-cluster --task-definition my-app --launch-type FARGATE --overrides "$run_task_overrides" --network-configuration "$network_configuration"',
    )
    // The default VPC's network, found when the task runs, says whether the task gets a public IP address.
    expect(cli).toContain(
      'network_configuration="awsvpcConfiguration={subnets=[$subnets],securityGroups=[$security_groups],assignPublicIp=DISABLED}"',
    )
    expect(commands(script(from({ launchType: 'fargate', assignPublicIp: true })))).toContain(
      ',assignPublicIp=ENABLED}"',
    )
    // Only ECS gets roles passed: there is no instance role to pass to EC2.
    const passRole = JSON.parse(text(result, 'iam/passrole-policy.json')!) as { Statement: unknown[] }
    expect(passRole.Statement).toHaveLength(1)
    expect(script(result)).toContain('# Usage: bash aws-cli.sh [setup|run-task],')
  })

  it('never creates an existing role or its instance profile, stops when it is missing, and still puts its policies', () => {
    const cli = commands(
      script(from({ existingTaskRole: true, existingInstanceRole: true, task: { awslogs: true } })),
    )
    expect(cli).not.toMatch(/^\s*aws iam create-role --role-name (ecsTaskRole|ecsInstanceRole)/m)
    expect(cli).toContain('aws iam create-role --role-name ecsTaskExecutionRole')
    // (Its message says how to make the profile: the script itself never runs those.)
    expect(cli).not.toMatch(/^\s*aws iam (create-instance-profile|add-role-to-instance-profile)/m)
    expect(cli).toContain(
      'aws iam put-role-policy --role-name ecsTaskRole --policy-name ecs-task-permissions --policy-document "$task_role_policy"',
    )
    expect(cli).toContain(
      'aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    )
    // The wizard's switch is named as the page labels it.
    expect(cli).toContain(`turn off "${english.t(msg('field.existingTaskRole.label'))}" in the wizard.' >&2`)
    expect(cli).toContain(
      `turn off "${english.t(msg('field.existingInstanceRole.label'))}" in the wizard.' >&2`,
    )
    expect(cli).toContain('if [ "$profile_role" != ecsInstanceRole ]; then')
    // The trust policy files say what the existing role's trust policy must allow.
    const usage = (path: string, r: GenerateResult) => english.t(r.files.find((f) => f.path === path)!.usage)
    const existing = from({ existingTaskRole: true, existingInstanceRole: true })
    expect(usage('iam/task-role-trust-policy.json', existing)).toContain(
      'The role exists, so nothing here creates it or changes its trust policy',
    )
    expect(usage('iam/instance-role-trust-policy.json', existing)).toContain('nothing here creates them')
    expect(usage('iam/task-role-trust-policy.json', from({}))).toContain('Used by "aws iam create-role"')
  })

  it.each([
    [
      'a private ECR image',
      { task: { image: '012345678901.dkr.ecr.us-east-1.amazonaws.com/app:1' } },
      true,
      false,
    ],
    ['awslogs', { task: { awslogs: true } }, true, false],
    [
      'secrets',
      {
        task: {
          secrets: [
            { name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:012345678901:parameter/db/password' },
          ],
        },
      },
      false,
      true,
    ],
  ])('creates the task execution role for %s', (_name, partial, managed, inline) => {
    const result = from(partial)
    expect(paths(result)).toContain('iam/execution-role-trust-policy.json')
    expect(paths(result).includes('iam/execution-role-policy.json')).toBe(inline)
    expect(JSON.parse(text(result, 'ecs/task-definition.json')!)).toMatchObject({
      executionRoleArn: executionRole,
      taskRoleArn: 'arn:aws:iam::012345678901:role/ecsTaskRole',
    })
    const cli = commands(script(result))
    expect(cli).toContain(
      'aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document "$execution_role_trust_policy"',
    )
    expect(
      cli.includes(
        '--role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      ),
    ).toBe(managed)
    expect(cli.includes('--role-name ecsTaskExecutionRole --policy-name ecs-task-secrets-read')).toBe(inline)
    // The deployer may pass it to ECS tasks, as the task role.
    const passRole = JSON.parse(text(result, 'iam/passrole-policy.json')!) as {
      Statement: { Resource: unknown }[]
    }
    expect(passRole.Statement[0]!.Resource).toEqual([
      'arn:aws:iam::012345678901:role/ecsTaskRole',
      executionRole,
    ])
    // Its trust file says which role does what: the execution role is ECS's, the task role the application's.
    expect(
      english.t(result.files.find((f) => f.path === 'iam/execution-role-trust-policy.json')!.usage),
    ).toMatch(
      /ECS itself uses this role .* before the task starts: to pull the image, write the logs and read the secrets; the containers never get its credentials\. The application's code gets the task role ecsTaskRole\./,
    )
  })

  it('has no execution role when the task needs none', () => {
    const result = from({})
    expect(paths(result).filter((p) => p.includes('execution-role'))).toEqual([])
    expect(text(result, 'ecs/task-definition.json')).not.toContain('executionRoleArn')
    expect(script(result)).not.toContain('ecsTaskExecutionRole')
  })

  it.each([
    ['linux', {}, 'ec2/user-data.sh'],
    ['windows', { os: 'windows' }, 'ec2/user-data.ps1'],
    [
      'a hand-started agent with an AMI ID',
      { ami: 'manual-agent', instances: { imageId: 'ami-0123456789abcdef0' } },
      'ec2/user-data.sh',
    ],
  ])(
    'the launch template carries exactly the user data of %s, Base64-encoded',
    (_name, partial, userData) => {
      const result = from(partial)
      const data = JSON.parse(text(result, 'ec2/launch-template.json')!) as { UserData: string }
      expect(Buffer.from(data.UserData, 'base64').toString('utf8')).toBe(text(result, userData))
    },
  )

  it('encodes Base64 as Node does, for any UTF-8 text and every padding', () => {
    for (const sample of ['', 'a', 'ab', 'abc', 'abcd', 'Grüße, €5 😀\n', 'x'.repeat(1001)])
      expect(base64Utf8(sample)).toBe(Buffer.from(sample, 'utf8').toString('base64'))
  })

  it.each([
    ['bridge, metadata blocked', { networkMode: 'bridge', blockInstanceMetadata: true }, 1],
    ['bridge, metadata reachable', { networkMode: 'bridge', blockInstanceMetadata: false }, 2],
    ['awsvpc, metadata reachable', { networkMode: 'awsvpc', blockInstanceMetadata: false }, 1],
    ['host', { networkMode: 'host', blockInstanceMetadata: false }, 1],
    ['Windows default, metadata blocked', { os: 'windows', blockInstanceMetadata: true }, 1],
    ['Windows default, metadata reachable', { os: 'windows', blockInstanceMetadata: false }, 2],
  ])('the launch template requires IMDSv2 with the hop limit for %s', (_name, partial, hopLimit) => {
    const data = JSON.parse(text(from(partial), 'ec2/launch-template.json')!) as {
      MetadataOptions: unknown
    }
    expect(data.MetadataOptions).toEqual({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: hopLimit,
      HttpEndpoint: 'enabled',
    })
  })

  it('offers launch-instances only with a launch template: an AMI without a public parameter needs an AMI ID', () => {
    const withTemplate = script(from({ instances: { count: 2, subnet: 'subnet-0123456789abcdef0' } }))
    expect(withTemplate).toContain('# Usage: bash aws-cli.sh [setup|run-task|launch-instances],')
    expect(commands(withTemplate)).toContain(
      `aws ec2 run-instances --launch-template '{"LaunchTemplateName":"my-cluster-instances","Version":"$Latest"}' --count 2 --subnet-id subnet-0123456789abcdef0`,
    )
    const al1 = from({ ami: 'al1' })
    expect(paths(al1)).not.toContain('ec2/launch-template.json')
    expect(script(al1)).toContain('# Usage: bash aws-cli.sh [setup|run-task],')
    expect(script(al1)).toContain('# Next: launch instances with --iam-instance-profile Name=ecsInstanceRole')
  })

  it('creates the service with ecs/service.json: the network is in the file only when subnets were chosen', () => {
    const chosen = from({
      networkMode: 'awsvpc',
      subnets: ['subnet-0123456789abcdef0'],
      service: { name: 'web', desiredCount: 2 },
    })
    expect(JSON.parse(text(chosen, 'ecs/service.json')!)).toEqual({
      serviceName: 'web',
      cluster: 'my-cluster',
      taskDefinition: 'my-app',
      desiredCount: 2,
      launchType: 'EC2',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
    })
    expect(commands(script(chosen))).toContain(
      '  aws ecs create-service --cli-input-json "$service" --region us-east-1',
    )
    const defaultVpc = from({ launchType: 'fargate', service: { name: 'web', desiredCount: 1 } })
    expect(JSON.parse(text(defaultVpc, 'ecs/service.json')!)).not.toHaveProperty('networkConfiguration')
    expect(commands(script(defaultVpc))).toContain(
      'aws ecs create-service --cli-input-json "$service" --network-configuration "$network_configuration" --region us-east-1',
    )
    expect(english.t(defaultVpc.files.find((f) => f.path === 'ecs/service.json')!.usage)).toContain(
      'the network configuration is not in this file',
    )
    expect(paths(from({}))).not.toContain('ecs/service.json')
    expect(script(from({}))).not.toContain('create-service')
  })
})
