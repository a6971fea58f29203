// The Linux host scripts, run the way a host would run them: the S3 ecs.config fetch against ecs-init's
// parser, the AWS CLI install without egress, the boot-time rules script in a fresh network namespace with
// real iptables (twice, and after a simulated reboot), and the hand-started agent with and without SELinux.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { AMI_IDS, DEFAULT_CONFIG, HOST_FAMILIES, NETWORK_MODES, type WizardConfig } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import type { MessageKey } from '../i18n/message.ts'
import { amiInfo } from '../knowledge/amis.ts'
import {
  awsWrapperDir,
  closedLocalPort,
  runWithAwsWrapper,
  shellcheck,
  tempDir,
} from '../test-support/checkers.ts'
import { RULES_SCRIPT, RULES_UNIT, RULES_UNIT_PATH } from './artifacts/linux-host.ts'
import { generate } from './generate.ts'
import type { GenerateResult } from './types.ts'

const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }
const linux = (extra: Partial<WizardConfig>): WizardConfig => ({ ...base, ...extra })
const text = (result: GenerateResult, path: string) => result.files.find((f) => f.path === path)?.text
const configObject = { bucket: 'cfg-bucket', key: 'ecs.config' }

/** Every valid Linux combination of AMI, host family and network mode, IMDS blocking on. */
const linuxCombinations: WizardConfig[] = AMI_IDS.filter((ami) => amiInfo(ami).os === 'linux').flatMap(
  (ami) =>
    (amiInfo(ami).asksHostFamily ? HOST_FAMILIES : (['rhel'] as const)).flatMap((hostFamily) =>
      NETWORK_MODES.filter((m) => m !== 'default').map((networkMode) =>
        linux({
          ami,
          hostFamily,
          networkMode,
          task: { ...base.task, portMappings: networkMode === 'none' ? [] : base.task.portMappings },
        }),
      ),
    ),
)

/** The body of the heredoc that writes `path`, or undefined. */
function heredoc(script: string, path: string): string | undefined {
  const lines = script.split('\n')
  const start = lines.findIndex((l) => l.startsWith("cat <<'") && l.endsWith(`> ${path}`))
  if (start < 0) return undefined
  const delimiter = /^cat <<'([^']+)'/.exec(lines[start]!)![1]!
  const end = lines.indexOf(delimiter, start + 1)
  return `${lines.slice(start + 1, end).join('\n')}\n`
}

const codeLines = (t: string) =>
  t
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')

/** ecs-init's reading of ecs.config: split on "\n", trim, split at the first "=" (docker.go, getEnvVars). */
function ecsInitEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of file.trim().split('\n')) {
    const trimmed = line.trim()
    const at = trimmed.indexOf('=')
    if (at >= 0) env[trimmed.slice(0, at)] = trimmed.slice(at + 1)
  }
  return env
}

function writeExecutable(path: string, body: string) {
  writeFileSync(path, body)
  chmodSync(path, 0o755)
}

/** A PATH directory holding only the named host tools, so that `aws`, `curl` and the like are missing. */
function sandboxPath(tools: string[]): string {
  const dir = tempDir('sandbox-bin')
  for (const tool of tools) {
    const found = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((d) => join(d, tool)).find(existsSync)
    if (!found) throw new Error(`${tool} is not installed`)
    writeExecutable(join(dir, tool), `#!/bin/sh\nexec ${found} "$@"\n`)
  }
  return dir
}

/** The script with every absolute host path under `root`, so that it can run here without touching /etc. */
const underRoot = (script: string, root: string) =>
  script.replace(/(?<=[\s=>'"])\/(etc|var|usr\/local)\//g, `${root}/$1/`)

describe('ecs.config from S3', () => {
  const result = generate(linux({ networkMode: 'host', configObject }))
  const userData = text(result, 'ec2/user-data.sh')!

  it.each([
    ['without a final newline', 'ECS_ENGINE_AUTH_TYPE=dockercfg'],
    ['with a final newline', 'ECS_ENGINE_AUTH_TYPE=dockercfg\n'],
    ['with Windows line ends', 'ECS_ENGINE_AUTH_TYPE=dockercfg\r\nECS_LOGLEVEL=debug\r\n'],
  ])('keeps the object and the appended lines apart for ecs-init, an object %s', (_name, object) => {
    const root = tempDir('s3-config')
    const stubs = tempDir('stubs')
    // The stand-in writes the object to whichever argument is an existing file: the target, made by mktemp.
    writeExecutable(
      join(stubs, 'aws'),
      `#!/bin/bash\nfor a in "$@"; do [ -f "$a" ] && printf '%s' "$OBJECT" > "$a"; done; exit 0\n`,
    )
    const script = join(root, 'user-data.sh')
    writeFileSync(script, underRoot(userData, root))
    const run = spawnSync('bash', [script], {
      env: { PATH: `${stubs}:/usr/bin:/bin`, OBJECT: object },
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const written = readFileSync(join(root, 'etc/ecs/ecs.config'), 'utf8')
    expect(ecsInitEnv(written)).toMatchObject({
      ECS_ENGINE_AUTH_TYPE: 'dockercfg',
      ECS_CLUSTER: 'my-cluster',
      ECS_ENABLE_TASK_IAM_ROLE: 'true',
    })
    // Nothing is added to an object that already ends its last line.
    if (object.endsWith('\n')) expect(written.startsWith(`${object}ECS_CLUSTER=`)).toBe(true)
  })

  /** Runs user data with an `aws` stand-in; returns the run and the ecs.config it left. */
  const runWithAws = (awsBody: string, object = '') => {
    const root = tempDir('s3-config')
    const stubs = tempDir('stubs')
    writeExecutable(join(stubs, 'aws'), `#!/bin/bash\n${awsBody}\n`)
    const script = join(root, 'user-data.sh')
    writeFileSync(script, underRoot(userData, root))
    const run = spawnSync('bash', [script], {
      env: { PATH: `${stubs}:/usr/bin:/bin`, OBJECT: object },
      encoding: 'utf8',
    })
    return { run, written: readFileSync(join(root, 'etc/ecs/ecs.config'), 'utf8') }
  }

  it('keeps the wizard settings winning over the same keys in the object', () => {
    const { run, written } = runWithAws(
      'for a in "$@"; do [ -f "$a" ] && printf \'%s\' "$OBJECT" > "$a"; done; exit 0',
      'ECS_CLUSTER=other-cluster\nECS_LOGLEVEL=debug\n',
    )
    expect(run.status).toBe(0)
    expect(
      written.startsWith('ECS_CLUSTER=other-cluster\nECS_LOGLEVEL=debug\nECS_CLUSTER=my-cluster\n'),
    ).toBe(true)
    expect(ecsInitEnv(written)).toMatchObject({ ECS_CLUSTER: 'my-cluster', ECS_LOGLEVEL: 'debug' })
  })

  it('still joins the configured cluster, and says why, when get-object fails', () => {
    const { run, written } = runWithAws('echo "An error occurred (AccessDenied)" >&2; exit 254')
    // The rest of user data still runs, then it fails, so cloud-init and the console show the failure.
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Could not fetch s3:\/\/cfg-bucket\/ecs\.config .*still joins my-cluster/)
    expect(written).toBe(
      'ECS_CLUSTER=my-cluster\nECS_ENABLE_TASK_IAM_ROLE=true\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true\n',
    )
  })

  it('fetches only from a bucket of the configured account, with parameters the real AWS CLI accepts', async () => {
    expect(userData).toContain('--expected-bucket-owner 012345678901')
    const root = tempDir('s3-owner')
    const script = join(root, 'user-data.sh')
    writeFileSync(script, underRoot(userData, root))
    const wrapper = awsWrapperDir(await closedLocalPort())
    const run = await runWithAwsWrapper(script, [], wrapper)
    expect(run.calls).toEqual(['passed: s3api get-object'])
    expect(run.status).toBe(0)
  })
})

describe('the AWS CLI on hosts without it', () => {
  for (const ami of ['ecs-init', 'manual-agent'] as const)
    for (const hostFamily of HOST_FAMILIES)
      it(`${ami}/${hostFamily}: uses AWS's installer, never a distribution awscli package`, () => {
        const userData = text(generate(linux({ ami, hostFamily, configObject })), 'ec2/user-data.sh')!
        const code = codeLines(userData)
        expect(code).toContain('"https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip"')
        expect(code).not.toMatch(/install -y (awscli|aws-cli)/)
        // apt-get update comes before every apt-get install.
        const installs = [...code.matchAll(/apt-get (-o \S+ )?install/g)].map((m) => m.index)
        const update = code.search(/apt-get (-o \S+ )?update/)
        expect(installs.length > 0).toBe(hostFamily === 'debian')
        for (const at of installs) {
          expect(update).toBeGreaterThanOrEqual(0)
          expect(at).toBeGreaterThan(update)
        }
      })

  it('says what is missing and that egress is needed, when the packages cannot be fetched', () => {
    const userData = text(
      generate(linux({ ami: 'ecs-init', hostFamily: 'debian', networkMode: 'host', configObject })),
      'ec2/user-data.sh',
    )!
    const root = tempDir('no-egress')
    const bin = sandboxPath(['mkdir', 'cat', 'tail', 'uname', 'mktemp', 'rm'])
    const log = join(root, 'apt-get.log')
    // No egress: apt-get cannot reach its repositories.
    writeExecutable(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> ${log}\nexit 100\n`)
    writeExecutable(join(bin, 'systemctl'), `#!/bin/sh\necho "systemctl $*" >> ${log}\nexit 0\n`)
    const script = join(root, 'user-data.sh')
    writeFileSync(script, underRoot(userData, root))
    const run = spawnSync('/bin/bash', [script], { env: { PATH: bin }, encoding: 'utf8' })
    expect(run.stderr).toMatch(/Could not install the AWS CLI, which fetches ecs.config from S3/)
    expect(run.stderr).toMatch(/outbound internet access .*awscli\.amazonaws\.com/)
    // apt-get waits for the dpkg lock that apt-daily may hold at first boot, instead of failing at once.
    expect(readFileSync(log, 'utf8').split('\n')[0]).toBe('-o DPkg::Lock::Timeout=120 update')
    // The instance still joins the configured cluster: the settings are written, the agent is started.
    expect(ecsInitEnv(readFileSync(join(root, 'etc/ecs/ecs.config'), 'utf8'))).toMatchObject({
      ECS_CLUSTER: 'my-cluster',
    })
    expect(readFileSync(log, 'utf8')).toContain('systemctl enable --now --no-block ecs.service\n')
    // ...and user data still ends in failure, so "cloud-init status" shows that the fetch did not happen.
    expect(run.status).toBe(1)
  })
})

describe('boot-time persistence of the rules', () => {
  const withRules = linuxCombinations
    .map((config) => ({ config, result: generate(config) }))
    .filter(({ result }) => text(result, 'host/iptables.sh') !== undefined)

  it('covers hand-started agents and the IMDS block on every Linux AMI', () => {
    expect(new Set(withRules.map(({ config }) => config.ami))).toEqual(
      new Set(['al2023', 'al2', 'al1', 'ecs-init', 'manual-agent']),
    )
  })

  describe.each(withRules.map((c) => [`${c.config.ami}/${c.config.hostFamily}/${c.config.networkMode}`, c]))(
    '%s',
    (_name, { config, result }) => {
      const userData = text(result, 'ec2/user-data.sh')!
      const hostScript = text(result, 'host/iptables.sh')!

      it('saves no whole ruleset and installs no persistence package', () => {
        for (const script of [userData, hostScript]) {
          const code = codeLines(script)
          expect(code).not.toMatch(/iptables-save|iptables-restore|iptables-services|netfilter-persistent/)
          expect(code).not.toMatch(/service iptables|systemctl \S+ iptables/)
        }
      })

      it('writes the same rules script from user data and host/iptables.sh, then runs it', () => {
        const rules = heredoc(userData, RULES_SCRIPT)!
        expect(rules).toMatch(/^#!\/bin\/bash\n/)
        expect(rules).toContain('\nset -euo pipefail\n')
        expect(heredoc(hostScript, RULES_SCRIPT)).toBe(rules)
        for (const script of [userData, hostScript]) {
          const written = script.indexOf(`> ${RULES_SCRIPT}`)
          expect(script.indexOf(`chmod 0755 ${RULES_SCRIPT}`)).toBeGreaterThan(written)
          expect(script.lastIndexOf(`\n${RULES_SCRIPT}\n`)).toBeGreaterThan(written)
        }
        // Only this tool's rules: no saved ruleset, no package, nothing else started.
        expect(codeLines(rules)).not.toMatch(/iptables-(save|restore)|systemctl|apt-get|dnf|yum|docker run/)
      })

      if (config.ami === 'al1')
        it('runs the rules from rc.local on Amazon Linux 1, which has no systemd', () => {
          expect(heredoc(userData, RULES_UNIT_PATH)).toBeUndefined()
          expect(codeLines(userData)).not.toContain('systemctl')
          expect(userData).toContain(
            `grep -qxF ${RULES_SCRIPT} /etc/rc.d/rc.local || echo ${RULES_SCRIPT} >> /etc/rc.d/rc.local`,
          )
        })
      else
        it('runs the rules from a oneshot unit ordered before Docker and the agent, after firewalld', () => {
          const unit = heredoc(userData, RULES_UNIT_PATH)!
          expect(heredoc(hostScript, RULES_UNIT_PATH)).toBe(unit)
          const values = (key: string) =>
            unit
              .split('\n')
              .filter((l) => l.startsWith(`${key}=`))
              .flatMap((l) => l.slice(key.length + 1).split(' '))
          expect(values('ExecStart')).toEqual([RULES_SCRIPT])
          expect(values('Type')).toEqual(['oneshot'])
          expect(values('RemainAfterExit')).toEqual(['yes'])
          expect(values('Before')).toEqual(expect.arrayContaining(['docker.service', 'ecs.service']))
          expect(values('After')).toContain('firewalld.service')
          expect(values('WantedBy')).toEqual(['multi-user.target'])
          // Fail closed: with Requires= (from RequiredBy=) and Before=, Docker does not start when the rules fail.
          expect(values('RequiredBy')).toEqual(['docker.service', 'ecs.service'])
          for (const script of [userData, hostScript]) {
            const reload = script.indexOf('systemctl daemon-reload')
            expect(reload).toBeGreaterThan(script.indexOf(`> ${RULES_UNIT_PATH}`))
            expect(script.indexOf(`systemctl enable ${RULES_UNIT}`)).toBeGreaterThan(reload)
          }
        })
    },
  )

  it('every rules script passes shellcheck', async () => {
    const dir = tempDir('rules-scripts')
    const paths = withRules.map(({ result }, i) => {
      const path = join(dir, `rules-${i}.sh`)
      writeFileSync(path, heredoc(text(result, 'host/iptables.sh')!, RULES_SCRIPT)!)
      return path
    })
    expect((await shellcheck(paths)).map((c) => `${c.file}:${c.line} SC${c.code} ${c.message}`)).toEqual([])
  })
})

// Real iptables in a fresh network namespace: needs root (or user namespaces) and unshare.
const canUnshare = spawnSync('unshare', ['-n', 'iptables', '-S'], { encoding: 'utf8' }).status === 0

describe.skipIf(!canUnshare)('the rules script on a real netfilter (network namespace)', () => {
  /** Runs shell text in a new network namespace; returns its stdout. */
  const inNamespace = (shell: string) =>
    execFileSync('unshare', ['-n', 'bash', '-c', shell], { encoding: 'utf8' })
  const ruleset = `iptables-save | grep -v '^#'; echo ---; ip6tables-save | grep -v '^#'`

  let dir = ''
  beforeAll(() => {
    dir = tempDir('netns')
  })

  it.each([
    ['manual-agent', 'rhel', 'bridge'],
    ['manual-agent', 'debian', 'host'],
    ['al2023', 'rhel', 'bridge'],
    ['ecs-init', 'debian', 'bridge'],
  ] as const)(
    '%s/%s/%s: idempotent, and a reboot brings back exactly the same rules',
    (ami, hostFamily, mode) => {
      const result = generate(linux({ ami, hostFamily, networkMode: mode }))
      const rules = join(dir, `${ami}-${hostFamily}-${mode}.sh`)
      mkdirSync(dir, { recursive: true })
      writeExecutable(rules, heredoc(text(result, 'host/iptables.sh')!, RULES_SCRIPT)!)
      // Run once, run again, then "reboot": flush every table and run it alone, as the boot unit does.
      const out = inNamespace(
        [
          `${rules} >/dev/null`,
          ruleset,
          'echo ===',
          `${rules} >/dev/null`,
          ruleset,
          'echo ===',
          'for t in filter nat; do iptables -t $t -F; iptables -t $t -X; ip6tables -t $t -F; ip6tables -t $t -X; done',
          'sysctl -qw net.ipv4.conf.all.route_localnet=0',
          `${rules} >/dev/null`,
          ruleset,
          'echo ===',
          'sysctl -n net.ipv4.conf.all.route_localnet',
        ].join('\n'),
      )
      const [first, second, afterReboot, localnet] = out.split('===\n')
      expect(second).toBe(first)
      expect(afterReboot).toBe(first)
      const [v4, v6] = first!.split('---\n')
      const manual = ami === 'manual-agent'
      const imds = mode === 'bridge'
      expect(v4!.includes('-A DOCKER-USER -d 169.254.169.254/32 -i docker+ -j DROP')).toBe(imds)
      expect(v4!.includes('169.254.169.254')).toBe(imds)
      expect(v6!.includes('-A DOCKER-USER -d fd00:ec2::254/128 -i docker+ -j DROP')).toBe(imds)
      expect(v4!.includes('-j DNAT --to-destination 127.0.0.1:51679')).toBe(manual)
      expect(v4!.includes('-j REDIRECT --to-ports 51679')).toBe(manual)
      // The introspection pair, ACCEPT above DROP, with iptables and ip6tables as ecs-init does.
      for (const table of [v4!, v6!]) {
        const accept = table.indexOf('-A INPUT -i docker0 -p tcp -m tcp --dport 51678 -j ACCEPT')
        const drop = table.indexOf('-A INPUT ! -i lo -p tcp -m tcp --dport 51678 -j DROP')
        expect(accept >= 0).toBe(manual)
        if (manual) expect(drop).toBeGreaterThan(accept)
      }
      expect(localnet!.trim()).toBe(manual ? '1' : '0')
      // Nothing but these rules: no other chain gets a rule.
      const chains = new Set([...first!.matchAll(/^-A (\S+)/gm)].map((m) => m[1]))
      for (const chain of chains) expect(['PREROUTING', 'OUTPUT', 'INPUT', 'DOCKER-USER']).toContain(chain)
    },
  )
})

describe('the hand-started agent', () => {
  const runAgent = (selinux: boolean, hostFamily: 'rhel' | 'debian', dockerActive = true) => {
    const result = generate(linux({ ami: 'manual-agent', hostFamily, networkMode: 'host' }))
    const root = tempDir('run-agent')
    const stubs = tempDir('agent-stubs')
    const log = join(root, 'docker.log')
    const systemctlLog = join(root, 'systemctl.log')
    writeExecutable(
      join(stubs, 'systemctl'),
      `#!/bin/bash\necho "$*" >> ${systemctlLog}\n[ "$1" = is-active ] && exit ${dockerActive ? 0 : 3}\nexit 0\n`,
    )
    writeExecutable(
      join(stubs, 'docker'),
      `#!/bin/bash\ncase "$1" in info) exit 0;; inspect) exit 1;; run) printf '%s\\n' "$@" > ${log};; esac\n`,
    )
    writeExecutable(join(stubs, 'selinuxenabled'), `#!/bin/sh\nexit ${selinux ? 0 : 1}\n`)
    const script = join(root, 'run-agent.sh')
    // The root check is the host's business; the paths go under the temporary root.
    writeFileSync(
      script,
      underRoot(text(result, 'host/run-agent.sh')!, root).replace(/^if \[ "\$\(id -u\)".*\n/m, ''),
    )
    const run = spawnSync('bash', [script], { env: { PATH: `${stubs}:/usr/bin:/bin` }, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const systemctl = existsSync(systemctlLog) ? readFileSync(systemctlLog, 'utf8').trim().split('\n') : []
    return { args: readFileSync(log, 'utf8').trim().split('\n'), root, result, systemctl }
  }

  it('enables and starts docker.service when the image left it off (docker-ce on RHEL)', () => {
    expect(runAgent(false, 'rhel', false).systemctl).toEqual([
      'is-active --quiet docker.service',
      'enable --now docker.service',
    ])
    expect(runAgent(false, 'debian', true).systemctl).toEqual(['is-active --quiet docker.service'])
  })

  it.each(HOST_FAMILIES)(
    '%s: adds --privileged and :Z on /log and /data when SELinux is enabled',
    (family) => {
      const { args, root } = runAgent(true, family)
      expect(args).toContain('--privileged')
      expect(args).toContain(`--volume=${root}/var/log/ecs:/log:Z`)
      expect(args).toContain(`--volume=${root}/var/lib/ecs/data:/data:Z`)
      expect(args).toContain(`--volume=${root}/var/run/docker.sock:/var/run/docker.sock`)
      expect(args).toContain('--net=host')
    },
  )

  it.each(HOST_FAMILIES)('%s: runs without them when SELinux is not enabled', (family) => {
    const { args, root } = runAgent(false, family)
    expect(args).not.toContain('--privileged')
    expect(args).toContain(`--volume=${root}/var/log/ecs:/log`)
    expect(args.filter((a) => a.endsWith(':Z'))).toEqual([])
  })

  it('no longer asks users to add the SELinux flags by hand', () => {
    const { result } = runAgent(false, 'rhel')
    expect(result.findings.filter((f) => /SELinux/.test(english.t(f.message)))).toEqual([])
  })
})

describe('findings for Linux hosts', () => {
  const findings = (extra: Partial<WizardConfig>) => generate(linux(extra)).findings

  it.each(HOST_FAMILIES)(
    'refuses awsvpc for another Linux (%s) with ecs-init, with AWS’s reason',
    (hostFamily) => {
      const errors = findings({ ami: 'ecs-init', hostFamily, networkMode: 'awsvpc' }).filter(
        (f) => f.severity === 'error' && f.field === 'networkMode',
      )
      expect(errors).toHaveLength(1)
      expect(errors[0]!.message.key).toBe('finding.ami.awsvpcUnsupported.ecsInit')
      expect(english.t(errors[0]!.message)).toMatch(
        /^Only the Amazon ECS-optimized AMI, other Amazon Linux variants with the ecs-init package, or AWS Fargate support the awsvpc network mode\./,
      )
      expect(errors[0]!.source).toContain('task_definition_parameters.html')
    },
  )

  it('keeps awsvpc on the ECS-optimized Amazon Linux AMIs', () => {
    for (const ami of ['al2023', 'al2', 'al1'] as const)
      expect(findings({ ami, networkMode: 'awsvpc' }).filter((f) => f.field === 'networkMode')).toEqual([])
  })

  it('warns about firewalld’s iptables backend on RHEL-like hosts with rules, and only there', () => {
    const firewalld = (extra: Partial<WizardConfig>) =>
      findings(extra).filter(
        (f) => f.severity === 'warning' && f.message.key === 'finding.linuxHost.firewalldFlush',
      )
    expect(firewalld({ ami: 'ecs-init', hostFamily: 'rhel' })).toHaveLength(1)
    expect(firewalld({ ami: 'manual-agent', hostFamily: 'rhel', networkMode: 'host' })).toHaveLength(1)
    const [warning] = firewalld({ ami: 'manual-agent', hostFamily: 'rhel' })
    expect(warning!.source).toContain('firewalld/firewalld')
    expect(english.t(warning!.message)).toContain(
      'after "firewall-cmd --reload" run /usr/local/sbin/ecs-task-iam-rules.sh again',
    )
    expect(firewalld({ ami: 'ecs-init', hostFamily: 'debian' })).toEqual([])
    expect(firewalld({ ami: 'ecs-init', hostFamily: 'rhel', networkMode: 'host' })).toEqual([])
    expect(firewalld({ ami: 'al2023' })).toEqual([])
  })

  it('says what the IPv6 IMDS address depends on when bridge containers are blocked', () => {
    const ipv6 = (extra: Partial<WizardConfig>) =>
      findings(extra).filter((f) => /fd00:ec2::254/.test(english.t(f.message)))
    expect(ipv6({})).toHaveLength(1)
    expect(ipv6({ networkMode: 'host' })).toEqual([])
    expect(ipv6({ blockInstanceMetadata: false })).toEqual([])
  })
})

describe('starting ecs-init from user data on another Linux', () => {
  const userData = text(generate(linux({ ami: 'ecs-init', hostFamily: 'debian' })), 'ec2/user-data.sh')!

  it('does not claim that the generic unit waits for cloud-final', () => {
    expect(userData).not.toMatch(/ecs\.service waits for cloud-final/)
    expect(userData).toContain('The generic .deb and .rpm units have only After=docker.service')
  })

  /** Runs user data with systemctl reporting ecs.service active or not; returns the systemctl calls. */
  const runStart = (active: boolean) => {
    const root = tempDir('ecs-init-start')
    const stubs = tempDir('ecs-init-stubs')
    const log = join(root, 'systemctl.log')
    writeExecutable(
      join(stubs, 'systemctl'),
      `#!/bin/bash\n[ "$1" = is-active ] && exit ${active ? 0 : 3}\necho "$* state:$(ls ${root}/var/lib/ecs/data | tr '\\n' ' ')" >> ${log}\n`,
    )
    writeExecutable(join(stubs, 'iptables'), '#!/bin/sh\nexit 0\n')
    writeExecutable(join(stubs, 'ip6tables'), '#!/bin/sh\nexit 0\n')
    // The state the agent saved when it started in the default cluster, and a volume plugin file to keep.
    mkdirSync(join(root, 'var/lib/ecs/data'), { recursive: true })
    mkdirSync(join(root, 'etc/systemd/system'), { recursive: true })
    for (const f of ['agent.db', 'ecs_agent_data.json', 'ecs_volume_plugin.json'])
      writeFileSync(join(root, 'var/lib/ecs/data', f), '{}')
    const script = join(root, 'user-data.sh')
    writeFileSync(script, underRoot(userData, root))
    const run = spawnSync('bash', [script], { env: { PATH: `${stubs}:/usr/bin:/bin` }, encoding: 'utf8' })
    expect(run.stderr.replace(/^ecs\.service was already running.*\n/m, '')).toBe('')
    expect(run.status).toBe(0)
    return {
      calls: readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((c) => c.trimEnd()),
      stderr: run.stderr,
    }
  }

  it('stops an agent that the image started in the default cluster and removes its saved state first', () => {
    const { calls, stderr } = runStart(true)
    // A restart would read the saved "default" cluster and exit 5 ("Data mismatch"), which the unit does not restart.
    expect(calls.filter((c) => /ecs\.service/.test(c))).toEqual([
      'stop ecs.service state:agent.db ecs_agent_data.json ecs_volume_plugin.json',
      'enable --now --no-block ecs.service state:ecs_volume_plugin.json',
    ])
    expect(stderr).toMatch(/may be left in the default cluster: deregister it/)
  })

  it('leaves the saved state alone when no agent ran before user data', () => {
    const { calls, stderr } = runStart(false)
    expect(calls.filter((c) => /ecs\.service/.test(c))).toEqual([
      'enable --now --no-block ecs.service state:agent.db ecs_agent_data.json ecs_volume_plugin.json',
    ])
    expect(stderr).toBe('')
  })
})

describe('container/verify-credentials.sh', () => {
  const verify = text(generate(linux({ networkMode: 'bridge' })), 'container/verify-credentials.sh')!
  const credentials = '{"RoleArn":"arn:aws:iam::012345678901:role/ecsTaskRole","AccessKeyId":"AKIA"}'

  /** Runs the check with only the named stand-ins for curl and wget, and sed and grep. */
  const runVerify = (stubs: Record<string, string>, uri = '/v2/credentials/abc') => {
    const bin = sandboxPath(['sed', 'grep'])
    for (const [name, body] of Object.entries(stubs)) writeExecutable(join(bin, name), `#!/bin/sh\n${body}\n`)
    const script = join(tempDir('verify'), 'verify.sh')
    writeFileSync(script, verify)
    return spawnSync('/bin/sh', [script], {
      env: { PATH: bin, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: uri },
      encoding: 'utf8',
    })
  }
  /** wget on the credential endpoint answers; on instance metadata it does what `imds` says. */
  const wget = (imds: string) =>
    `case "$*" in *169.254.170.2*) printf '%s' '${credentials}';; *169.254.169.254*) ${imds};; esac`

  it('reports instance metadata blocked with busybox wget, which exits 1 on a timeout', () => {
    const run = runVerify({ wget: wget('echo "wget: download timed out" >&2; exit 1') })
    expect(run.stdout).toContain('OK: 169.254.169.254 (instance metadata) is blocked')
    expect(run.status).toBe(0)
  })

  it('reports instance metadata reachable when it answers, even with an HTTP error (IMDSv2 401)', () => {
    const run = runVerify({
      wget: wget(
        'echo "  HTTP/1.1 401 Unauthorized" >&2; echo "wget: server returned error: HTTP/1.1 401 Unauthorized" >&2; exit 1',
      ),
    })
    expect(run.stderr).toMatch(/FAILED: 169\.254\.169\.254 is reachable/)
    expect(run.status).toBe(1)
  })

  it('says that curl or wget is needed when neither is installed', () => {
    const run = runVerify({})
    expect(run.stderr).toMatch(/^FAILED: this check needs curl or wget in the container/)
    expect(run.status).toBe(1)
  })

  it('says what failed when the credential endpoint answers with an HTTP error', () => {
    const run = runVerify({ curl: 'echo "curl: (22) The requested URL returned error: 404" >&2; exit 22' })
    expect(run.stderr).toMatch(/FAILED: http:\/\/169\.254\.170\.2\/v2\/credentials\/abc gave no credentials/)
    expect(run.status).toBe(1)
  })
})

describe('line notes', () => {
  it('follow the rules script into the heredoc that embeds it', () => {
    const result = generate(linux({ ami: 'manual-agent' }))
    for (const path of ['ec2/user-data.sh', 'host/iptables.sh']) {
      const file = result.files.find((f) => f.path === path)!
      const lines = file.text.split('\n')
      const at = (key: MessageKey) => lines[file.sources.find((s) => s.note.key === key)!.line - 1]
      expect(at('file.hostRules.note.proxyDnat')).toMatch(/^iptables -t nat -C PREROUTING .* -j DNAT/)
      expect(at('file.hostRules.note.imdsDropIpv6')).toMatch(/^ {4}ip6tables -C DOCKER-USER .*fd00:ec2::254/)
      expect(at('file.hostRules.note.writeScript')).toBe(`cat <<'EOF' > ${RULES_SCRIPT}`)
    }
  })
})
