// Fixes from the generated-line audit that concern the AWS CLI script, the in-container check and the
// reserved host ports. Each test states what a user would hit without the fix.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import { awsWrapperDir, closedLocalPort, tempDir } from '../test-support/checkers.ts'
import { english } from '../i18n/english.ts'
import { generate } from './generate.ts'

const ACCOUNT = '012345678901'
const base: WizardConfig = { ...DEFAULT_CONFIG, accountId: ACCOUNT }
const fileOf = (config: WizardConfig, path: string) => {
  const file = generate(config).files.find((f) => f.path === path)
  if (!file) throw new Error(`${path} was not generated`)
  return file.text
}
const errorsAt = (config: WizardConfig, field: string) =>
  generate(config).findings.filter((f) => f.field === field && f.severity === 'error')

describe('awsvpc run-task carries a network configuration (RunTask requires it for awsvpc)', () => {
  const subnets = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1']
  const securityGroups = ['sg-0123456789abcdef0']

  it('passes the chosen subnets and security groups to run-task', () => {
    const script = fileOf({ ...base, networkMode: 'awsvpc', subnets, securityGroups }, 'setup/aws-cli.sh')
    const runTask = script.split('\n').find((l) => l.includes('aws ecs run-task'))!
    expect(runTask).toContain('--network-configuration "$network_configuration"')
    const json = /network_configuration=\$\(cat <<'EOF'\n([\s\S]*?)\nEOF\n\)/.exec(script)![1]!
    expect(JSON.parse(json)).toEqual({ awsvpcConfiguration: { subnets, securityGroups } })
  })

  it('without subnets, looks up the default VPC and stops with a message when there is none', () => {
    const config = { ...base, networkMode: 'awsvpc' as const }
    const script = fileOf(config, 'setup/aws-cli.sh')
    expect(script).toContain('aws ec2 describe-vpcs --filters Name=is-default,Values=true')
    expect(script).toContain('This region has no default VPC')
    const info = generate(config).findings.find((f) => f.field === 'subnets')
    expect(info?.severity).toBe('info')
    expect(info?.message).toEqual({ key: 'finding.runTask.defaultSubnets', params: { securityGroups: 0 } })
    expect(english.t(info!.message)).toContain("default VPC's default subnets and its default security group")
  })

  it.each(['bridge', 'host', 'none'] as const)('never for the %s network mode', (networkMode) => {
    const script = fileOf(
      { ...base, networkMode, task: { ...base.task, portMappings: [] } },
      'setup/aws-cli.sh',
    )
    expect(script).not.toContain('--network-configuration')
    expect(script).not.toContain('describe-vpcs')
  })

  it('warns at the field when subnets are set for a mode that does not use them', () => {
    const warning = generate({ ...base, subnets }).findings.find((f) => f.field === 'subnets')
    expect(warning?.severity).toBe('warning')
  })

  it('rejects IDs that are not subnet or security group IDs, at the item', () => {
    const { issues } = readConfig({ ...base, subnets: ['subnet-123', 'sg-0123456789abcdef0'] })
    expect(issues.map((i) => i.field)).toEqual(['subnets.0', 'subnets.1'])
    expect(readConfig({ ...base, securityGroups: ['vpc-0123456789abcdef0'] }).issues[0]?.field).toBe(
      'securityGroups.0',
    )
  })
})

describe('reserved host ports follow the agent defaults (no false errors)', () => {
  const mapping = (hostPort: number, protocol: 'tcp' | 'udp') => ({
    ...base,
    task: { ...base.task, portMappings: [{ containerPort: hostPort, hostPort, protocol }] },
  })

  it('51680 is free on Linux: it is reserved only with Prometheus metrics on', () => {
    expect(errorsAt(mapping(51680, 'tcp'), 'task.portMappings.0.hostPort')).toEqual([])
  })

  it('UDP ports are never reserved by default (53/udp on Windows, 22/udp on Linux)', () => {
    expect(errorsAt(mapping(22, 'udp'), 'task.portMappings.0.hostPort')).toEqual([])
    const windows = {
      ...mapping(53, 'udp'),
      os: 'windows' as const,
      ami: 'windows-2022' as const,
      networkMode: 'default' as const,
    }
    expect(errorsAt(windows, 'task.portMappings.0.hostPort')).toEqual([])
    expect(
      errorsAt({ ...windows, ...{ task: mapping(80, 'udp').task } }, 'task.portMappings.0.hostPort'),
    ).toEqual([])
  })

  it('still refuses the TCP ports the agent reserves', () => {
    expect(errorsAt(mapping(22, 'tcp'), 'task.portMappings.0.hostPort')).toHaveLength(1)
    expect(errorsAt(mapping(51679, 'tcp'), 'task.portMappings.0.hostPort')).toHaveLength(1)
    const windows = {
      ...mapping(53, 'tcp'),
      os: 'windows' as const,
      ami: 'windows-2022' as const,
      networkMode: 'default' as const,
    }
    expect(errorsAt(windows, 'task.portMappings.0.hostPort')).toHaveLength(1)
  })
})

describe('setup/aws-cli.sh is self-contained', () => {
  let wrapper = ''
  beforeAll(async () => {
    wrapper = awsWrapperDir(await closedLocalPort())
  })

  it('reads no file: every document is inside the script, identical to the generated files', () => {
    const config = {
      ...base,
      deployerRoleName: 'deployer',
      configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' },
    }
    const { files } = generate(config)
    const script = files.find((f) => f.path === 'setup/aws-cli.sh')!.text
    const code = script.split('\n').filter((l) => !l.trimStart().startsWith('#'))
    expect(code.filter((l) => l.includes('file://'))).toEqual([])
    expect(code.filter((l) => /^\s*cd /.test(l))).toEqual([])
    const inline = [...script.matchAll(/^(\w+)=\$\(cat <<'EOF'\n([\s\S]*?)\nEOF\n\)$/gm)].map((m) => m[2]!)
    for (const path of [
      'iam/task-role-trust-policy.json',
      'iam/task-role-policy.json',
      'iam/instance-role-trust-policy.json',
      'iam/instance-role-policy.json',
      'iam/passrole-policy.json',
      'ecs/task-definition.json',
      'ecs/run-task-overrides.json',
    ])
      expect(inline).toContain(files.find((f) => f.path === path)!.text.trimEnd())
  })

  it('checks the account before the first change', () => {
    const script = fileOf(base, 'setup/aws-cli.sh')
    const sts = script.indexOf('aws sts get-caller-identity')
    expect(sts).toBeGreaterThan(0)
    for (const call of ['aws iam create-role', 'aws iam put-role-policy', 'aws ecs create-cluster'])
      expect(script.indexOf(call)).toBeGreaterThan(sts)
  })

  it('works piped into bash from an empty directory (bash < aws-cli.sh)', () => {
    const log = join(tempDir('piped'), 'calls.log')
    const fake = tempDir('piped-fake')
    writeFileSync(join(fake, 'sts-get-caller-identity'), `${ACCOUNT}\n`)
    writeFileSync(join(fake, 'iam-get-role.rc'), '254')
    writeFileSync(join(fake, 'iam-get-instance-profile.rc'), '254')
    writeFileSync(join(fake, 'ecs-describe-clusters'), 'None\n')
    writeFileSync(log, '')
    const result = spawnSync('bash', [], {
      input: fileOf(base, 'setup/aws-cli.sh'),
      cwd: tempDir('empty'),
      encoding: 'utf8',
      env: {
        PATH: `${wrapper}:/usr/bin:/bin`,
        AWS_WRAPPER_LOG: log,
        AWS_WRAPPER_FAKE: fake,
        HOME: tempDir('home'),
      },
      timeout: 300_000,
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})

describe('container/verify-credentials.sh compares the role ARN exactly', () => {
  // A stand-in curl: the credential endpoint answers with `role`; instance metadata times out (blocked).
  function runCheck(answeredRole: string): { status: number | null; out: string } {
    const bin = tempDir('curl-stub')
    mkdirSync(bin, { recursive: true })
    writeFileSync(
      join(bin, 'curl'),
      `#!/bin/sh
for arg; do url="$arg"; done
case "$url" in
  http://169.254.170.2/*) printf '{"RoleArn":"%s","AccessKeyId":"ASIAEXAMPLE","Expiration":"2026-11-23T20:00:00Z"}' "$ROLE" ;;
  *) exit 28 ;;
esac
`,
    )
    chmodSync(join(bin, 'curl'), 0o755)
    const result = spawnSync('sh', ['-c', fileOf(base, 'container/verify-credentials.sh')], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        ROLE: answeredRole,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/0e9d3fbe-example',
      },
    })
    return { status: result.status, out: result.stdout + result.stderr }
  }
  const expected = `arn:aws:iam::${ACCOUNT}:role/ecsTaskRole`

  it('accepts the configured role', () => {
    const { status, out } = runCheck(expected)
    expect(out).toContain(`OK: the task receives credentials for ${expected}`)
    expect(status).toBe(0)
  })

  it.each([`${expected}-admin`, `${expected}2`, `arn:aws:iam::${ACCOUNT}:role/x/ecsTaskRole`])(
    'refuses %s, which merely contains the expected ARN',
    (other) => {
      const { status, out } = runCheck(other)
      expect(out).toContain(`FAILED: the credentials are for ${other}`)
      expect(status).toBe(1)
    },
  )
})
