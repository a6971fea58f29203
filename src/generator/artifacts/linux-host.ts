// Linux container instances: ecs.config, EC2 user data, host iptables rules, the hand-started agent.
// User data and the host scripts are assembled from the same sections, so they cannot drift apart.
import {
  AGENT_VARIABLES,
  CREDENTIALS_ENDPOINT,
  ECS_CONFIG_PATH,
  INSTANCE_METADATA_ADDRESS,
  INSTANCE_METADATA_ADDRESS_IPV6,
  INSTANCE_METADATA_IPV6_CITATION,
  MANUAL_AGENT,
} from '../../knowledge/agent.ts'
import { AWS_CLI_INSTALLER_URL_PREFIX, type AwsCliInstall } from '../../knowledge/amis.ts'
import { SOURCES, cite, formatCitation as formatSource } from '../../knowledge/sources.ts'
import { msg } from '../../i18n/message.ts'
import { renderEcsConfig } from '../render/ecs-config.ts'
import {
  blank,
  comment,
  indented,
  line,
  option,
  raw,
  renderShell,
  sh,
  type ShellBlock,
} from '../render/shell.ts'
import { headerLines, perContext, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import { instancesOf, linuxHostOf, type AgentSetting, type LinuxHostPlan } from '../plan.ts'
import type { LineSource } from '../types.ts'

const { address: PROXY_ADDRESS, agentListener: AGENT_LISTENER, agentPort: AGENT_PORT } = CREDENTIALS_ENDPOINT

/** The script that holds only this tool's rules; the boot unit (or rc.local on Amazon Linux 1) runs it. */
export const RULES_SCRIPT = '/usr/local/sbin/ecs-task-iam-rules.sh'
export const RULES_UNIT = 'ecs-task-iam-rules.service'
export const RULES_UNIT_PATH = `/etc/systemd/system/${RULES_UNIT}`
export const RC_LOCAL = '/etc/rc.d/rc.local'
/** The agent's saved state under ecs-init's data directory: the BoltDB file and the older JSON file. */
const AGENT_SAVED_STATE = ['/var/lib/ecs/data/agent.db', '/var/lib/ecs/data/ecs_agent_data.json']

function ecsConfigSources(entries: readonly AgentSetting[], firstLine: number): LineSource[] {
  return entries.map(([key], i) => {
    const variable = AGENT_VARIABLES[key]
    return {
      line: firstLine + i,
      note: msg('file.ecsConfig.note.variable', { variable: key, meaning: variable.meaning }),
      source: formatSource(variable.citation),
    }
  })
}

export function ecsConfig(ctx: Context): ArtifactBody {
  const host = linuxHostOf(ctx.plan)
  const entries = host.agentSettings
  return {
    title: msg('file.ecsConfig.title'),
    usage:
      host.agentStart === 'docker-run'
        ? msg('file.ecsConfig.usage.manualAgent', { path: ECS_CONFIG_PATH })
        : msg('file.ecsConfig.usage.userData', {
            path: ECS_CONFIG_PATH,
            userData: 'ec2/user-data.sh',
            configObject: host.configObject ? 'yes' : 'no',
          }),
    check: `cat ${ECS_CONFIG_PATH}`,
    text: renderEcsConfig(entries),
    sources: ecsConfigSources(entries, 1),
  }
}

const rootCheck: ShellBlock[] = [
  line(raw(`if [ "$(id -u)" -ne 0 ]; then echo 'Run this script as root (sudo).' >&2; exit 1; fi`)),
]

/** ecs-init's test before it uses ip6tables: the kernel has IPv6 and the ip6tables command exists. */
const IPV6_GUARD = raw('if [ -d /proc/sys/net/ipv6 ] && command -v ip6tables >/dev/null 2>&1; then')

/** `iptables -C rule || iptables -I/-A rule`: adds a rule once, however often the script runs. */
function ensureRule(
  command: 'iptables' | 'ip6tables',
  table: string | undefined,
  chain: string,
  position: 'insert' | 'append',
  rule: readonly string[],
) {
  const t = table ? sh`-t ${table} ` : raw('')
  const add = position === 'insert' ? sh`-I ${chain} 1` : sh`-A ${chain}`
  return sh`${raw(command)} ${t}-C ${chain} ${rule} 2>/dev/null || ${raw(command)} ${t}${add} ${rule}`
}

/** The introspection-port pair ecs-init adds with iptables and, when the host has IPv6, ip6tables. */
function introspectionBlocks(command: 'iptables' | 'ip6tables'): ShellBlock[] {
  const hardening = cite('S25')
  const port = String(CREDENTIALS_ENDPOINT.introspectionPort)
  const drop = ['-p', 'tcp', '--dport', port, '!', '-i', 'lo', '-j', 'DROP']
  const accept = ['-p', 'tcp', '--dport', port, '-i', 'docker0', '-j', 'ACCEPT']
  const cmd = raw(command)
  return [
    line(sh`${cmd} -D INPUT ${accept} 2>/dev/null || true`),
    line(sh`${cmd} -D INPUT ${drop} 2>/dev/null || true`),
    line(sh`${cmd} -I INPUT ${drop}`, msg('file.hostRules.note.introspectionDrop'), hardening),
    line(sh`${cmd} -I INPUT ${accept}`, msg('file.hostRules.note.introspectionAccept'), hardening),
  ]
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
    ...['-d', PROXY_ADDRESS, '-p', 'tcp', '-m', 'tcp', '--dport', '80'],
    ...['-j', 'REDIRECT', '--to-ports', String(AGENT_PORT)],
  ]
  const localnetDrop = [
    ...['--dst', '127.0.0.0/8', '!', '--src', '127.0.0.0/8'],
    ...['-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'],
  ]
  return [
    comment(
      `Credential proxy: containers reach the agent's credential endpoint at ${PROXY_ADDRESS}:80, served on ${AGENT_LISTENER}. ecs-init sets this up itself; a hand-started agent needs it here.`,
    ),
    comment(
      'route_localnet is set here, at every boot, together with the hardening below: never one without the other.',
    ),
    line(sh`sysctl -w net.ipv4.conf.all.route_localnet=1`, msg('file.hostRules.note.routeLocalnet'), proxy),
    line(
      ensureRule('iptables', 'nat', 'PREROUTING', 'append', dnat),
      msg('file.hostRules.note.proxyDnat'),
      proxy,
    ),
    line(
      ensureRule('iptables', 'nat', 'OUTPUT', 'append', redirect),
      msg('file.hostRules.note.proxyRedirect'),
      proxy,
    ),
    comment(
      'Hardening that ecs-init adds and the AWS guide leaves out: with route_localnet on, drop outside packets to 127.0.0.0/8, and keep the introspection port 51678 to the host and the docker bridge.',
    ),
    line(
      ensureRule('iptables', undefined, 'INPUT', 'insert', localnetDrop),
      msg('file.hostRules.note.localnetDrop'),
      hardening,
    ),
    comment('The ACCEPT must sit above the DROP: both are removed, then inserted in order.'),
    ...introspectionBlocks('iptables'),
    comment(
      'The agent serves introspection on every address, IPv6 too: ecs-init applies the same pair with ip6tables when the host has IPv6.',
    ),
    line(IPV6_GUARD, msg('file.hostRules.note.ipv6Guard'), hardening),
    ...indented(introspectionBlocks('ip6tables')),
    line(raw('fi')),
  ]
}

function imdsBlockBlocks(): ShellBlock[] {
  const rule = ['-i', 'docker+', '-d', `${INSTANCE_METADATA_ADDRESS}/32`, '-j', 'DROP']
  const rule6 = ['-i', 'docker+', '-d', `${INSTANCE_METADATA_ADDRESS_IPV6}/128`, '-j', 'DROP']
  return [
    comment(
      "Bridge containers must not read the instance role's credentials from the instance metadata service. The rule goes in DOCKER-USER, which Docker evaluates first and never rewrites; FORWARD, as in older guides, can be bypassed after Docker restarts.",
    ),
    comment(
      'At boot Docker may not have created DOCKER-USER yet: create it; Docker keeps existing rules in it when it starts.',
    ),
    line(
      sh`iptables -N DOCKER-USER 2>/dev/null || true`,
      msg('file.hostRules.note.createDockerUser'),
      cite('S45'),
    ),
    line(
      ensureRule('iptables', undefined, 'DOCKER-USER', 'insert', rule),
      msg('file.hostRules.note.imdsDrop', { address: INSTANCE_METADATA_ADDRESS }),
      cite('S2', 'S45', 'S46'),
    ),
    comment(
      `IPv6: Nitro instances also answer on ${INSTANCE_METADATA_ADDRESS_IPV6} when the instance's HttpProtocolIpv6 option is enabled (off by default). The same DROP goes in ip6tables' DOCKER-USER, which Docker uses only with its ip6tables option on (the default from Docker 27, off in Docker 25). With IPv6 containers and Docker's ip6tables off, nothing here blocks that address.`,
    ),
    line(IPV6_GUARD),
    ...indented([
      line(
        sh`ip6tables -N DOCKER-USER 2>/dev/null || true`,
        msg('file.hostRules.note.createDockerUserIpv6'),
        cite('DOCKER_USER_CHAINS'),
      ),
      line(
        ensureRule('ip6tables', undefined, 'DOCKER-USER', 'insert', rule6),
        msg('file.hostRules.note.imdsDropIpv6', { address: INSTANCE_METADATA_ADDRESS_IPV6 }),
        cite(...INSTANCE_METADATA_IPV6_CITATION.sources, 'DOCKER_USER_CHAINS', 'DOCKER_IP6TABLES_DEFAULT'),
      ),
    ]),
    line(raw('fi')),
  ]
}

/** The host's rules, for the files that exist only when the plan has some. */
function rulesOf(host: LinuxHostPlan): NonNullable<LinuxHostPlan['rules']> {
  if (!host.rules) throw new Error('this plan has no host rules')
  return host.rules
}

/** The rules script: only this tool's rules, idempotent, runnable on its own (the boot unit runs it). */
function buildRulesScript(ctx: Context): { text: string; sources: LineSource[] } {
  const rules = rulesOf(linuxHostOf(ctx.plan))
  const runBy =
    rules.persistence.kind === 'systemd-unit'
      ? `${RULES_UNIT} runs it at every boot, before Docker and the ECS agent start.`
      : `${RC_LOCAL} runs it at every boot, before the ECS agent starts.`
  const blocks: ShellBlock[] = []
  if (rules.credentialProxy) blocks.push(...credentialProxyBlocks(), blank)
  if (rules.imdsBlock) blocks.push(...imdsBlockBlocks(), blank)
  return renderShell({
    interpreter: '/bin/bash',
    blocks: [
      ...headerLines(ctx, 'Host rules for ECS task roles').map(comment),
      comment(
        `Only the rules of this tool: Docker and ecs-init add their own. Each rule is added once, however often this runs; ${runBy}`,
      ),
      line(raw('set -euo pipefail')),
      blank,
      ...blocks.slice(0, -1),
    ],
  })
}

/** The boot unit: a oneshot that runs the rules script before Docker and the ECS agent start. */
function rulesUnit(): string {
  return [
    '[Unit]',
    'Description=Host iptables rules for ECS task IAM roles (only the rules of this tool)',
    `Documentation=${SOURCES.S2.url}`,
    '# A firewall unit: it runs before the network is configured, like netfilter-persistent.',
    'DefaultDependencies=no',
    'Wants=network-pre.target',
    'After=local-fs.target systemd-modules-load.service systemd-sysctl.service',
    '# firewalld with its iptables backend flushes every table when it starts: add these rules after it.',
    'After=firewalld.service',
    'Before=docker.service ecs.service',
    'Before=network-pre.target shutdown.target',
    'Conflicts=shutdown.target',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=${RULES_SCRIPT}`,
    '',
    '[Install]',
    '# Fail closed: RequiredBy= makes "systemctl enable" add docker.service.requires/ and ecs.service.requires/',
    '# links. With Requires= and Before=, Docker and the agent do not start when these rules fail; restarting',
    '# this unit restarts them too.',
    'WantedBy=multi-user.target',
    'RequiredBy=docker.service ecs.service',
    '',
  ].join('\n')
}

/** Writes the rules script and what runs it at boot, then runs it once now. */
function hostRuleBlocks(ctx: Context): ShellBlock[] {
  const { rules } = linuxHostOf(ctx.plan)
  if (!rules) return []
  const { persistence } = rules
  const blocks: ShellBlock[] = [
    comment(
      "The rules live in one script that adds only this tool's rules and is run again at every boot. Saving the whole ruleset instead (iptables-save, iptables-services, netfilter-persistent) would also keep Docker's and ecs-init's rules, which they add again when they start, and needs a package download at boot.",
    ),
    line(sh`mkdir -p /usr/local/sbin`),
    {
      kind: 'heredoc',
      before: sh`cat`,
      after: sh`> ${RULES_SCRIPT}`,
      body: rulesScript(ctx).text,
      note: msg('file.hostRules.note.writeScript'),
      citation: cite('S25', 'S45'),
    },
    line(sh`chmod 0755 ${RULES_SCRIPT}`),
  ]
  if (persistence.kind === 'systemd-unit')
    blocks.push(
      comment(
        `Run it at every boot: a oneshot unit ordered before Docker and the ECS agent and required by them, so no container starts without the rules, even when they fail; no package and no network access needed.`,
      ),
      {
        kind: 'heredoc',
        before: sh`cat`,
        after: sh`> ${RULES_UNIT_PATH}`,
        body: rulesUnit(),
        note: msg('file.hostRules.note.writeUnit'),
        citation: cite(
          ...persistence.citation.sources,
          'SYSTEMD_UNIT_REQUIRES',
          'FIREWALLD_UNIT',
          'FIREWALLD_IPTABLES_FLUSH',
        ),
      },
      line(sh`systemctl daemon-reload`),
      line(sh`systemctl enable ${RULES_UNIT}`, msg('file.hostRules.note.enableUnit'), persistence.citation),
    )
  else
    blocks.push(
      comment(
        `Amazon Linux 1 has no systemd. ${RC_LOCAL} is the last step of the boot scripts, and the ecs job starts "on stopped rc": the rules are in place before the agent starts any task.`,
      ),
      line(sh`[ -e ${RC_LOCAL} ] || printf '#!/bin/sh\\n' > ${RC_LOCAL}`),
      line(
        sh`grep -qxF ${RULES_SCRIPT} ${RC_LOCAL} || echo ${RULES_SCRIPT} >> ${RC_LOCAL}`,
        msg('file.hostRules.note.rcLocal'),
        persistence.citation,
      ),
      line(sh`chmod +x ${RC_LOCAL}`),
    )
  blocks.push(comment('Apply the rules now.'), line(sh`${RULES_SCRIPT}`, msg('file.hostRules.note.applyNow')))
  return blocks
}

function dockerRun(host: LinuxHostPlan, selinux: boolean) {
  const variables = host.agentSettings
  const env = [
    ...Object.entries(MANUAL_AGENT.environment).map(([k, v]) => `--env=${k}=${v}`),
    ...variables.map(([k, v]) => `--env=${k}=${v}`),
  ]
  const volumes = MANUAL_AGENT.volumes.map(
    (v) => `--volume=${v.host}:${v.container}${selinux && v.selinuxRelabel ? ':Z' : ''}`,
  )
  const flags = selinux ? [...MANUAL_AGENT.selinux.flags] : []
  return sh`docker run --name ${MANUAL_AGENT.containerName} --detach=true --restart=on-failure:10 ${flags.length > 0 ? sh`${flags} ` : raw('')}${volumes} --net=host --env-file=${ECS_CONFIG_PATH} ${env} ${MANUAL_AGENT.image}`
}

function agentRunBlocks(host: LinuxHostPlan): ShellBlock[] {
  return [
    comment(
      'Start the ECS agent. --net=host is required for task roles: the agent serves credentials on 127.0.0.1:51679.',
    ),
    line(sh`mkdir -p ${MANUAL_AGENT.directories}`),
    line(sh`touch ${ECS_CONFIG_PATH}`),
    comment(
      "docker-ce does not enable docker.service on RHEL (Debian's docker.io does): start it when it is not running. No deadlock from user data: docker.service is not ordered after cloud-final.",
    ),
    line(
      sh`if command -v systemctl >/dev/null 2>&1 && ! systemctl is-active --quiet docker.service; then systemctl enable --now docker.service; fi`,
      msg('file.agentRun.note.startDocker'),
    ),
    comment('Docker may still be starting at boot: wait for it, for two minutes at most.'),
    line(sh`for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 2; done`),
    line(
      sh`if docker inspect ${MANUAL_AGENT.containerName} >/dev/null 2>&1; then echo ${`A container named ${MANUAL_AGENT.containerName} exists already; remove it first: docker rm -f ${MANUAL_AGENT.containerName}`} >&2; exit 1; fi`,
    ),
    comment(
      'The --env values repeat ecs.config so this script works on its own; --env wins over --env-file. With SELinux enabled, AWS requires --privileged and recommends ":Z" on the /log and /data mounts: selinuxenabled decides here, on the host itself.',
    ),
    line(
      sh`if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then`,
      msg('file.agentRun.note.selinuxCheck'),
      MANUAL_AGENT.selinux.citation,
    ),
    ...indented([
      line(dockerRun(host, true), msg('file.agentRun.note.dockerRunSelinux'), MANUAL_AGENT.selinux.citation),
    ]),
    line(raw('else')),
    ...indented([line(dockerRun(host, false), msg('file.agentRun.note.dockerRun'), MANUAL_AGENT.citation)]),
    line(raw('fi')),
  ]
}

/** apt-get waits for the dpkg lock (apt-daily, unattended-upgrades at first boot) instead of failing. */
const APT_GET = raw('apt-get -o DPkg::Lock::Timeout=120')

/** install_aws_cli: installs the AWS CLI, returning non-zero (never exiting) when a step fails. */
function awsCliFunction(install: AwsCliInstall): ShellBlock[] {
  const fail = raw('return 1')
  const body: ShellBlock[] = []
  if (install.kind === 'package') {
    body.push(
      line(sh`${install.command} || ${fail}`, msg('file.awsCliInstall.note.package'), install.citation),
    )
  } else {
    const zip = raw(`"$aws_cli_dir/awscliv2.zip"`)
    const prerequisites: ShellBlock[] =
      install.prerequisites === 'apt-get'
        ? [
            comment(
              'cloud-init does not refresh the package lists (package_update is false by default): update before installing. Ubuntu 24.04 has no awscli package, hence the installer. apt-daily or unattended-upgrades may hold the dpkg lock at first boot: wait for it.',
            ),
            line(
              sh`${APT_GET} update || ${fail}`,
              msg('file.awsCliInstall.note.aptUpdate'),
              cite('CLOUD_INIT_PACKAGE_UPDATE'),
            ),
            line(sh`DEBIAN_FRONTEND=noninteractive ${APT_GET} install -y curl unzip || ${fail}`),
          ]
        : [
            comment(
              'Only what is missing: RHEL 9 ships curl-minimal, which conflicts with the curl package.',
            ),
            line(sh`for tool in curl unzip; do`),
            ...indented([
              line(sh`command -v "$tool" >/dev/null 2>&1 && continue`),
              line(
                sh`if command -v dnf >/dev/null 2>&1; then dnf install -y "$tool" || ${fail}; else yum install -y "$tool" || ${fail}; fi`,
              ),
            ]),
            line(raw('done')),
          ]
    body.push(
      comment(
        "AWS's installer for AWS CLI v2 (needs curl and unzip); the distributions' packages are not dependable.",
      ),
      ...(install.prerequisites === 'apt-get'
        ? [
            line(sh`if ! command -v curl >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then`),
            ...indented(prerequisites),
            line(raw('fi')),
          ]
        : prerequisites),
      line(raw('aws_cli_dir=$(mktemp -d) || return 1')),
      line(
        sh`curl -fsSL -o ${zip} ${raw(`"${AWS_CLI_INSTALLER_URL_PREFIX}$(uname -m).zip"`)} || ${fail}`,
        msg('file.awsCliInstall.note.download'),
        install.citation,
      ),
      line(sh`unzip -q ${zip} -d ${raw('"$aws_cli_dir"')} || ${fail}`),
      line(
        sh`${raw('"$aws_cli_dir/aws/install"')} --update || ${fail}`,
        msg('file.awsCliInstall.note.install'),
        install.citation,
      ),
      line(raw('rm -rf "$aws_cli_dir"')),
    )
  }
  return [line(raw('install_aws_cli() {')), ...indented(body), line(raw('}'))]
}

/** Fetches ecs.config from S3 with the instance role into a temporary file and, only when that works, puts
 * the object before the lines user data wrote. Any failure is logged and leaves those lines in place. */
function configObjectBlocks(
  plan: Context['plan'],
  configObject: NonNullable<LinuxHostPlan['configObject']>,
): ShellBlock[] {
  const { bucket, key, awsCli: install } = configObject
  const egress =
    install.kind === 'package'
      ? `outbound access to the Amazon Linux package repositories (${install.command.join(' ')})`
      : 'outbound internet access to the package repositories of the distribution and to awscli.amazonaws.com'
  const kept = `${ECS_CONFIG_PATH} keeps only the settings written above, so the instance still joins ${plan.cluster.name}.`
  const noCli = `Could not install the AWS CLI, which fetches ecs.config from S3: the instance needs ${egress}, through a NAT gateway or a proxy, or an image that has the AWS CLI. ${kept}`
  const noObject = `Could not fetch s3://${bucket}/${key} (see the AWS CLI error above): check the instance profile's policy (iam/instance-role-policy.json), that the bucket belongs to account ${plan.accountId}, and the region. ${kept}`
  const object = raw('"$ecs_config_object"')
  return [
    comment(
      `ecs.config from S3, after the settings above are written: if anything here fails, the agent still joins ${plan.cluster.name}, not the default cluster, and the log says what failed. On success the file becomes the object followed by the settings above, which win (ecs-init reads the lines in order; the last of the same key counts).`,
    ),
    comment(
      `The AWS CLI fetches the object. ${install.kind === 'package' ? 'The ECS-optimized AMIs are built from minimal AMIs without it, so it' : 'It'} is installed here when missing, which needs ${egress}.`,
    ),
    ...awsCliFunction(install),
    line(raw('ecs_config_object=$(mktemp)')),
    comment(
      '"aws s3 cp" has no --expected-bucket-owner; get-object does, so a same-named bucket in another account is refused.',
    ),
    line(raw('ecs_config_fetch=ok')),
    line(raw('if ! command -v aws >/dev/null 2>&1 && ! install_aws_cli; then')),
    ...indented([line(sh`echo ${noCli} >&2`), line(raw('ecs_config_fetch=failed'))]),
    line(
      sh`elif aws s3api get-object ${option('--bucket', bucket)} ${option('--key', key)} --expected-bucket-owner ${plan.accountId} ${object} --region ${plan.region} >/dev/null; then`,
      msg('file.configObject.note.getObject', { policy: 'iam/instance-role-policy.json' }),
      cite('S6', 'S3_BUCKET_OWNER_CONDITION', 'CLI_S3API_GET_OBJECT'),
    ),
    ...indented([
      comment(
        'ecs-init splits ecs.config on "\\n": an object without a final newline would glue its last line onto the first line that follows.',
      ),
      line(
        sh`[ -z "$(tail -c 1 ${object})" ] || printf '\\n' >> ${object}`,
        msg('file.configObject.note.finalNewline'),
        cite('ECS_INIT_ENV_FILE'),
      ),
      line(
        sh`cat ${ECS_CONFIG_PATH} >> ${object}`,
        msg('file.configObject.note.appendSettings'),
        cite('ECS_INIT_ENV_FILE'),
      ),
      line(sh`cat ${object} > ${ECS_CONFIG_PATH}`, msg('file.configObject.note.replaceFile')),
    ]),
    line(raw('else')),
    ...indented([line(sh`echo ${noObject} >&2`), line(raw('ecs_config_fetch=failed'))]),
    line(raw('fi')),
    line(raw('rm -f "$ecs_config_object"')),
  ]
}

/** ecs-init outside the ECS-optimized AMIs: its generic unit is not ordered after user data. */
function ecsInitStartBlocks(cluster: string): ShellBlock[] {
  const already = `ecs.service was already running (enabled in the image): it started before user data wrote ${ECS_CONFIG_PATH}, joined the default cluster and saved that in its state, so it would refuse ${cluster} and stop for good. Stopping it and removing its saved state; a container instance it registered may be left in the default cluster: deregister it there (aws ecs list-container-instances --cluster default, then aws ecs deregister-container-instance).`
  return [
    comment(
      'Start ecs-init now that ecs.config is written, without waiting for it: the Amazon Linux ecs.service is ordered After=cloud-final.service, so a blocking start from user data would deadlock. The generic .deb and .rpm units have only After=docker.service and are not enabled by the package, so unless the image enabled ecs.service, nothing started the agent before this line.',
    ),
    comment(
      'An agent that did start first saved the default cluster in /var/lib/ecs/data (ecs-init sets ECS_DATADIR, which turns checkpointing on). A restart with another ECS_CLUSTER fails with "saved cluster does not match configured cluster", exit code 5, which the unit does not restart: stop it and remove that state first.',
    ),
    line(
      sh`if systemctl is-active --quiet ecs.service; then`,
      msg('file.ecsInit.note.alreadyActive'),
      cite('ECS_INIT_UNIT_RPM', 'ECS_INIT_UNIT_DEB', 'ECS_INIT_DEB_RULES'),
    ),
    ...indented([
      line(sh`echo ${already} >&2`),
      line(sh`systemctl stop ecs.service`),
      line(
        sh`rm -f ${AGENT_SAVED_STATE}`,
        msg('file.ecsInit.note.savedState'),
        cite('ECS_AGENT_CLUSTER_MISMATCH'),
      ),
    ]),
    line(raw('fi')),
    line(
      sh`systemctl enable --now --no-block ecs.service`,
      msg('file.ecsInit.note.start'),
      cite('S26', 'S47'),
    ),
  ]
}

/** Shifts the line notes of the rules script into the script that embeds it in a heredoc. */
function withEmbeddedSources(
  rendered: { text: string; sources: LineSource[] },
  embedded: LineSource[],
): { text: string; sources: LineSource[] } {
  const lines = rendered.text.split('\n')
  const start = lines.findIndex((l) => l.startsWith("cat <<'") && l.endsWith(`> ${RULES_SCRIPT}`))
  if (start < 0) return rendered
  const shifted = embedded.map((s) => ({ ...s, line: s.line + start + 1 }))
  return { text: rendered.text, sources: [...rendered.sources, ...shifted].sort((a, b) => a.line - b.line) }
}

function script(ctx: Context, title: string, blocks: ShellBlock[]): { text: string; sources: LineSource[] } {
  const rendered = renderShell({
    interpreter: '/bin/bash',
    blocks: [...headerLines(ctx, title).map(comment), line(raw('set -euo pipefail')), blank, ...blocks],
  })
  return linuxHostOf(ctx.plan).rules ? withEmbeddedSources(rendered, rulesScript(ctx).sources) : rendered
}

function buildUserDataSh(ctx: Context): ArtifactBody {
  const { plan } = ctx
  const host = linuxHostOf(plan)
  const { configObject } = host
  const blocks: ShellBlock[] = []
  if (configObject || host.agentStart !== 'ami') blocks.push(line(sh`mkdir -p /etc/ecs`))
  blocks.push(
    comment(
      `Agent settings, written first so that nothing below can leave the agent without them; the quoted heredoc keeps the shell from expanding anything in them.${configObject ? ' The S3 object replaces the rest of the file, as a copy would.' : ''}`,
    ),
    {
      kind: 'heredoc',
      before: sh`cat`,
      after: configObject ? sh`> ${ECS_CONFIG_PATH}` : sh`>> ${ECS_CONFIG_PATH}`,
      body: renderEcsConfig(host.agentSettings),
      note: configObject
        ? msg('file.userDataSh.note.writeEcsConfig')
        : msg('file.userDataSh.note.appendEcsConfig'),
      citation: cite('S7', 'S25'),
    },
  )
  if (configObject) blocks.push(blank, ...configObjectBlocks(plan, configObject))
  const rules = hostRuleBlocks(ctx)
  if (rules.length > 0) blocks.push(blank, ...rules)
  if (host.agentStart === 'docker-run') blocks.push(blank, ...agentRunBlocks(host))
  else if (host.agentStart === 'ecs-init') blocks.push(blank, ...ecsInitStartBlocks(plan.cluster.name))
  if (configObject)
    blocks.push(
      blank,
      comment(
        'Everything else is in place; a failed S3 fetch still fails user data, so "cloud-init status" and the console show it.',
      ),
      line(raw('if [ "$ecs_config_fetch" = failed ]; then exit 1; fi')),
    )
  const { text, sources } = script(ctx, 'EC2 user data for an ECS container instance with task roles', blocks)
  return {
    title: msg('file.userDataSh.title'),
    usage: msg('file.userDataSh.usage', {
      command: 'aws ec2 run-instances --user-data file://ec2/user-data.sh',
      profile: instancesOf(plan).profile.name,
    }),
    check: 'sudo cat /var/log/cloud-init-output.log; curl -s http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}

export function iptablesSh(ctx: Context): ArtifactBody {
  const rules = rulesOf(linuxHostOf(ctx.plan))
  const { text, sources } = script(ctx, 'Host rules for ECS task roles on a running container instance', [
    ...rootCheck,
    blank,
    ...hostRuleBlocks(ctx),
  ])
  const systemd = rules.persistence.kind === 'systemd-unit'
  return {
    title: msg('file.hostIptables.title'),
    usage: msg('file.hostIptables.usage', {
      script: RULES_SCRIPT,
      // A plan has rules only with at least one of the two.
      rules: !rules.imdsBlock ? 'proxy' : !rules.credentialProxy ? 'imds' : 'both',
      persistence: systemd ? 'systemd' : 'rcLocal',
      unit: RULES_UNIT,
      rcLocal: RC_LOCAL,
    }),
    check: [
      rules.imdsBlock ? 'sudo iptables -S DOCKER-USER' : 'sudo iptables -t nat -S PREROUTING',
      systemd ? `systemctl is-enabled ${RULES_UNIT}` : `grep -x ${RULES_SCRIPT} ${RC_LOCAL}`,
    ].join('; '),
    text,
    sources,
  }
}

export function runAgentSh(ctx: Context): ArtifactBody {
  const { text, sources } = script(ctx, 'Start the ECS agent by hand with task roles', [
    ...rootCheck,
    blank,
    ...agentRunBlocks(linuxHostOf(ctx.plan)),
  ])
  return {
    title: msg('file.hostRunAgent.title'),
    usage: msg('file.hostRunAgent.usage', { rulesScript: 'host/iptables.sh' }),
    check: 'curl -s http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}

// Rendered once per generate() call: user data and host/iptables.sh both carry it.
const rulesScript = perContext(buildRulesScript)

/** ec2/user-data.sh, rendered once per generate() call: the CloudFormation and Terraform launch templates carry it too. */
export const userDataSh = perContext(buildUserDataSh)
