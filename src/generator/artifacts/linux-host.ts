// Linux container instances: ecs.config, EC2 user data, host iptables rules, the hand-started agent.
// User data and the host scripts are assembled from the same sections, so they cannot drift apart.
import {
  AGENT_VARIABLES,
  CREDENTIALS_ENDPOINT,
  ECS_CONFIG_PATH,
  INSTANCE_METADATA_ADDRESS,
  MANUAL_AGENT,
  type AgentVariable,
} from '../../knowledge/agent.ts'
import { AWS_CLI_INSTALL_SOURCE, awsCliPackage, iptablesPersistence } from '../../knowledge/amis.ts'
import { cite, formatCitation as formatSource } from '../../knowledge/sources.ts'
import { renderEcsConfig, type EcsConfigEntry } from '../render/ecs-config.ts'
import { blank, comment, line, raw, renderShell, sh, type ShellBlock } from '../render/shell.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { LineSource } from '../types.ts'

const SYSCTL_FILE = '/etc/sysctl.d/99-ecs-task-iam-roles.conf'
const { address: PROXY_ADDRESS, agentListener: AGENT_LISTENER, agentPort: AGENT_PORT } = CREDENTIALS_ENDPOINT

/** The agent variables for this config, in the order they are written (reference §2). */
export function agentVariables(ctx: Context): EcsConfigEntry[] {
  const { config } = ctx
  const vars: [AgentVariable, string][] = [
    ['ECS_CLUSTER', config.clusterName],
    // ecs-init sets both already; writing them makes the intent explicit and costs nothing (§0 rule 1).
    ['ECS_ENABLE_TASK_IAM_ROLE', 'true'],
    ['ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST', 'true'],
  ]
  if (config.networkMode === 'awsvpc') {
    vars.push(['ECS_ENABLE_TASK_ENI', 'true'])
    if (config.blockInstanceMetadata) vars.push(['ECS_AWSVPC_BLOCK_IMDS', 'true'])
  }
  return vars
}

function ecsConfigSources(entries: EcsConfigEntry[], firstLine: number): LineSource[] {
  return entries.map(([key], i) => {
    const variable = AGENT_VARIABLES[key as AgentVariable]
    return {
      line: firstLine + i,
      note: `${key}: ${variable.meaning}.`,
      source: formatSource(variable.citation),
    }
  })
}

export function ecsConfig(ctx: Context): ArtifactBody | undefined {
  if (!ctx.isLinux) return undefined
  const entries = agentVariables(ctx)
  return {
    title: 'Agent configuration (ecs.config)',
    usage: ctx.manualAgent
      ? `${ECS_CONFIG_PATH} on the host, passed to the hand-started agent with --env-file. One KEY=VALUE per line, no quotes: values are taken literally.`
      : `${ECS_CONFIG_PATH} on the instance; ec2/user-data.sh writes it for you.${ctx.config.configObject ? ' With an ecs.config object in S3, these lines are added after the copied file.' : ''} One KEY=VALUE per line, no quotes: ecs-init takes values literally.`,
    check: `cat ${ECS_CONFIG_PATH}`,
    text: renderEcsConfig(entries),
    sources: ecsConfigSources(entries, 1),
  }
}

const rootCheck: ShellBlock[] = [
  line(raw(`if [ "$(id -u)" -ne 0 ]; then echo 'Run this script as root (sudo).' >&2; exit 1; fi`)),
]

/** `iptables -C rule || iptables -I/-A rule`: adds a rule once, however often the script runs. */
function ensureRule(
  table: string | undefined,
  chain: string,
  position: 'insert' | 'append',
  rule: readonly string[],
) {
  const t = table ? sh`-t ${table} ` : raw('')
  const add = position === 'insert' ? sh`-I ${chain}` : sh`-A ${chain}`
  return sh`iptables ${t}-C ${chain} ${rule} 2>/dev/null || iptables ${t}${add} ${rule}`
}

function credentialProxyBlocks(): ShellBlock[] {
  const proxy = cite('S2', 'S20')
  const hardening = cite('S25')
  const dnat = [
    '-p',
    'tcp',
    '-d',
    PROXY_ADDRESS,
    '--dport',
    '80',
    '-j',
    'DNAT',
    '--to-destination',
    AGENT_LISTENER,
  ]
  const redirect = [
    '-d',
    PROXY_ADDRESS,
    '-p',
    'tcp',
    '-m',
    'tcp',
    '--dport',
    '80',
    '-j',
    'REDIRECT',
    '--to-ports',
    String(AGENT_PORT),
  ]
  const introspectionDrop = [
    '-p',
    'tcp',
    '--dport',
    String(CREDENTIALS_ENDPOINT.introspectionPort),
    '!',
    '-i',
    'lo',
    '-j',
    'DROP',
  ]
  const introspectionAccept = [
    '-p',
    'tcp',
    '--dport',
    String(CREDENTIALS_ENDPOINT.introspectionPort),
    '-i',
    'docker0',
    '-j',
    'ACCEPT',
  ]
  return [
    comment(
      `Credential proxy: containers reach the agent's credential endpoint at ${PROXY_ADDRESS}:80, served on ${AGENT_LISTENER}. ecs-init sets this up itself; a hand-started agent needs it here.`,
    ),
    line(
      sh`sysctl -w net.ipv4.conf.all.route_localnet=1`,
      'Lets DNAT send container traffic to 127.0.0.1.',
      proxy,
    ),
    line(
      sh`printf '%s\\n' ${'net.ipv4.conf.all.route_localnet = 1'} > ${SYSCTL_FILE}`,
      'Keeps route_localnet on after a reboot (standard sysctl.d).',
      proxy,
    ),
    line(
      ensureRule('nat', 'PREROUTING', 'append', dnat),
      'Bridge and awsvpc containers: DNAT to the agent.',
      proxy,
    ),
    line(
      ensureRule('nat', 'OUTPUT', 'append', redirect),
      'Host-network processes and host-mode tasks.',
      proxy,
    ),
    comment(
      'Hardening that ecs-init adds and the AWS guide leaves out: with route_localnet on, drop outside packets to 127.0.0.0/8, and keep the introspection port 51678 to the host and the docker bridge.',
    ),
    line(
      ensureRule(undefined, 'INPUT', 'insert', [
        '--dst',
        '127.0.0.0/8',
        '!',
        '--src',
        '127.0.0.0/8',
        '-m',
        'conntrack',
        '!',
        '--ctstate',
        'RELATED,ESTABLISHED,DNAT',
        '-j',
        'DROP',
      ]),
      'Drops non-local packets to 127.0.0.0/8 unless they are replies or were DNATed.',
      hardening,
    ),
    comment('The ACCEPT must sit above the DROP: both are removed, then inserted in order.'),
    line(sh`iptables -D INPUT ${introspectionAccept} 2>/dev/null || true`),
    line(sh`iptables -D INPUT ${introspectionDrop} 2>/dev/null || true`),
    line(
      sh`iptables -I INPUT ${introspectionDrop}`,
      'Blocks the agent introspection port except from loopback…',
      hardening,
    ),
    line(
      sh`iptables -I INPUT ${introspectionAccept}`,
      '…and the docker bridge (inserted last, so it ends up first).',
      hardening,
    ),
  ]
}

function imdsBlockBlocks(): ShellBlock[] {
  const rule = ['-i', 'docker+', '-d', `${INSTANCE_METADATA_ADDRESS}/32`, '-j', 'DROP']
  return [
    comment(
      "Bridge containers must not read the instance role's credentials from the instance metadata service. The rule goes in DOCKER-USER, which Docker evaluates first and never rewrites; FORWARD, as in older guides, can be bypassed after Docker restarts.",
    ),
    comment(
      'At boot Docker may not have created DOCKER-USER yet: create it; Docker keeps existing rules in it when it starts.',
    ),
    line(
      sh`iptables -N DOCKER-USER 2>/dev/null || true`,
      'Creates the chain when Docker has not started yet.',
      cite('S45'),
    ),
    line(
      sh`iptables -C DOCKER-USER ${rule} 2>/dev/null || iptables -I DOCKER-USER 1 ${rule}`,
      'Drops traffic from docker bridges to 169.254.169.254 (bridge-mode tasks only).',
      cite('S2', 'S45', 'S46'),
    ),
  ]
}

function persistenceBlocks(ctx: Context): ShellBlock[] {
  const persistence = iptablesPersistence(ctx.linuxAmi!, ctx.config.hostFamily)
  const note = 'Saves the rules so they come back after a reboot.'
  switch (persistence.kind) {
    case 'service-save':
      return [
        comment('Persist the rules (Amazon Linux 1).'),
        line(sh`service iptables save`, note, persistence.citation),
      ]
    case 'iptables-services': {
      const install =
        persistence.packageManager === 'dnf-or-yum'
          ? sh`if command -v dnf >/dev/null 2>&1; then dnf install -y iptables-services; else yum install -y iptables-services; fi`
          : sh`${persistence.packageManager} install -y iptables-services`
      return [
        comment(
          'Persist the rules with iptables-services (restored from /etc/sysconfig/iptables at boot, before Docker adds its own).',
        ),
        line(install, 'Installs the service that restores saved rules at boot.', persistence.citation),
        line(sh`iptables-save > /etc/sysconfig/iptables`, note, persistence.citation),
        line(sh`systemctl enable iptables`, 'Restores the saved rules at every boot.', persistence.citation),
      ]
    }
    case 'netfilter-persistent':
      return [
        comment('Persist the rules with netfilter-persistent (/etc/iptables/rules.v4, restored at boot).'),
        line(
          sh`DEBIAN_FRONTEND=noninteractive apt-get install -y iptables-persistent`,
          'Installs the service that restores saved rules at boot.',
          persistence.citation,
        ),
        line(sh`netfilter-persistent save`, note, persistence.citation),
      ]
  }
}

/** The iptables part shared by user data and host/iptables.sh, or nothing when no rule is needed. */
function hostRuleBlocks(ctx: Context): ShellBlock[] {
  if (!ctx.needsHostRules) return []
  const blocks: ShellBlock[] = []
  if (ctx.manualAgent) blocks.push(...credentialProxyBlocks(), blank)
  if (ctx.blocksImdsWithIptables) blocks.push(...imdsBlockBlocks(), blank)
  blocks.push(...persistenceBlocks(ctx))
  return blocks
}

function agentRunBlocks(ctx: Context): ShellBlock[] {
  const variables = agentVariables(ctx)
  const env = [
    ...Object.entries(MANUAL_AGENT.environment).map(([k, v]) => `--env=${k}=${v}`),
    ...variables.map(([k, v]) => `--env=${k}=${v}`),
  ]
  const volumes = MANUAL_AGENT.volumes.map((v) => `--volume=${v}`)
  const citation = MANUAL_AGENT.citation
  return [
    comment(
      'Start the ECS agent. --net=host is required for task roles: the agent serves credentials on 127.0.0.1:51679.',
    ),
    line(sh`mkdir -p ${MANUAL_AGENT.directories}`),
    line(sh`touch ${ECS_CONFIG_PATH}`),
    comment('Docker may still be starting at boot: wait for it, for two minutes at most.'),
    line(sh`for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 2; done`),
    line(
      sh`if docker inspect ${MANUAL_AGENT.containerName} >/dev/null 2>&1; then echo ${`A container named ${MANUAL_AGENT.containerName} exists already; remove it first: docker rm -f ${MANUAL_AGENT.containerName}`} >&2; exit 1; fi`,
    ),
    comment(
      'The --env values repeat ecs.config so this script works on its own; --env wins over --env-file.',
    ),
    line(
      sh`docker run --name ${MANUAL_AGENT.containerName} --detach=true --restart=on-failure:10 ${volumes} --net=host --env-file=${ECS_CONFIG_PATH} ${env} ${MANUAL_AGENT.image}`,
      'The agent with task roles on, on the host network.',
      citation,
    ),
  ]
}

function script(ctx: Context, title: string, blocks: ShellBlock[]): { text: string; sources: LineSource[] } {
  return renderShell({
    interpreter: '/bin/bash',
    blocks: [...headerLines(ctx, title).map(comment), line(raw('set -euo pipefail')), blank, ...blocks],
  })
}

export function userDataSh(ctx: Context): ArtifactBody | undefined {
  if (!ctx.isLinux) return undefined
  const { config } = ctx
  const blocks: ShellBlock[] = []
  if (config.configObject) {
    const { bucket, key } = config.configObject
    const install = awsCliPackage(ctx.linuxAmi!, config.hostFamily)
    blocks.push(
      comment(
        'Fetch ecs.config from S3 first: "aws s3 cp" replaces the file, so the lines below are added after it.',
      ),
      line(
        install
          ? sh`command -v aws >/dev/null 2>&1 || ${install}`
          : sh`command -v aws >/dev/null 2>&1 || { echo ${'The AWS CLI is needed to fetch ecs.config from S3: install it in the image first.'} >&2; exit 1; }`,
        'The ECS-optimized AMIs are built from minimal AMIs without the AWS CLI.',
        AWS_CLI_INSTALL_SOURCE,
      ),
      line(sh`mkdir -p /etc/ecs`),
      line(
        sh`aws s3 cp ${`s3://${bucket}/${key}`} ${ECS_CONFIG_PATH} --region ${config.region}`,
        'Reads the private ecs.config with the instance role (see iam/instance-role-policy.json).',
        cite('S6'),
      ),
      blank,
    )
  } else if (ctx.manualAgent || config.ami === 'ecs-init') blocks.push(line(sh`mkdir -p /etc/ecs`))
  const entries = agentVariables(ctx)
  blocks.push(
    comment('Agent settings; the quoted heredoc keeps the shell from expanding anything in them.'),
    {
      kind: 'heredoc',
      before: sh`cat`,
      after: sh`>> ${ECS_CONFIG_PATH}`,
      body: renderEcsConfig(entries),
      note: 'Appends the agent variables to ecs.config (values literal, no quotes).',
      citation: cite('S7', 'S25'),
    },
  )
  const rules = hostRuleBlocks(ctx)
  if (rules.length > 0) blocks.push(blank, ...rules)
  if (ctx.manualAgent) blocks.push(blank, ...agentRunBlocks(ctx))
  else if (config.ami === 'ecs-init')
    blocks.push(
      blank,
      comment(
        'Start ecs-init once user data has finished. "systemctl start ecs" here would deadlock: ecs.service waits for cloud-final.',
      ),
      line(
        sh`systemctl enable --now --no-block ecs.service`,
        'Non-blocking start avoids the user-data deadlock.',
        cite('S26', 'S47'),
      ),
    )
  const { text, sources } = script(ctx, 'EC2 user data for an ECS container instance with task roles', blocks)
  return {
    title: 'EC2 user data (Linux)',
    usage: `Paste as the instance's user data (launch template or "aws ec2 run-instances --user-data file://ec2/user-data.sh"), with the instance profile ${ctx.instanceProfileName}. It runs once, as root, at first boot.`,
    check: 'sudo cat /var/log/cloud-init-output.log; curl -s http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}

export function iptablesSh(ctx: Context): ArtifactBody | undefined {
  if (!ctx.isLinux || !ctx.needsHostRules) return undefined
  const { text, sources } = script(ctx, 'Host rules for ECS task roles on a running container instance', [
    ...rootCheck,
    blank,
    ...hostRuleBlocks(ctx),
  ])
  const what = [
    ctx.manualAgent && 'the credential proxy',
    ctx.blocksImdsWithIptables && 'the instance metadata block',
  ]
    .filter(Boolean)
    .join(' and ')
  return {
    title: 'Host iptables rules',
    usage: `Run as root on an instance that is already running (user data does the same at first boot): adds ${what} once, however often it runs, and saves the rules for reboots.`,
    check: ctx.blocksImdsWithIptables ? 'sudo iptables -S DOCKER-USER' : 'sudo iptables -t nat -S PREROUTING',
    text,
    sources,
  }
}

export function runAgentSh(ctx: Context): ArtifactBody | undefined {
  if (!ctx.isLinux || !ctx.manualAgent) return undefined
  const { text, sources } = script(ctx, 'Start the ECS agent by hand with task roles', [
    ...rootCheck,
    blank,
    ...agentRunBlocks(ctx),
  ])
  return {
    title: 'Start the agent (docker run)',
    usage:
      'Run as root on the host after host/iptables.sh: starts the ECS agent container with task roles on. User data does the same at first boot.',
    check: 'curl -s http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}
