import { msg, type Message, type MessageKey } from '../i18n/message.ts'
import { cite, type Citation } from './citation.ts'

export type OperatingSystem = 'linux' | 'windows'
export type LinuxAmiId = 'al2023' | 'al2' | 'al1' | 'ecs-init' | 'manual-agent'
export type WindowsAmiId = 'windows-2025' | 'windows-2022' | 'windows-2019' | 'windows-2016'
export type AmiId = LinuxAmiId | WindowsAmiId
export type HostFamily = 'rhel' | 'debian'

/** How the ECS agent is started on the host, which decides who owns the credential-proxy rules. */
export type AgentLauncher = 'ecs-init' | 'docker-run' | 'ecstools'

export interface AmiInfo {
  id: AmiId
  os: OperatingSystem
  /** The name people see (catalog key; knowledge keeps no sentences). */
  label: MessageKey
  launcher: AgentLauncher
  /** Whether the AMI takes a host family (RHEL-like or Debian-like) question. */
  asksHostFamily: boolean
  /** Why awsvpc is refused on this AMI: the error finding's message (catalog part findings.json). */
  awsvpc: { supported: true } | { supported: false; reason: Message; citation: Citation }
  endOfLife?: { date: string; citation: Citation }
}

export const AMIS: readonly AmiInfo[] = [
  {
    id: 'al2023',
    os: 'linux',
    label: 'field.ami.al2023.label',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'al2',
    os: 'linux',
    label: 'field.ami.al2.label',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
    endOfLife: { date: '2026-06-30', citation: cite('S42') },
  },
  {
    id: 'al1',
    os: 'linux',
    label: 'field.ami.al1.label',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
    endOfLife: { date: '2025-09-15', citation: cite('S42') },
  },
  {
    id: 'ecs-init',
    os: 'linux',
    label: 'field.ami.ecsInit.label',
    launcher: 'ecs-init',
    asksHostFamily: true,
    awsvpc: {
      supported: false,
      // The Amazon ECS Developer Guide, task definition parameters, "Network mode" (cite('S12')).
      reason: msg('finding.ami.awsvpcUnsupported.ecsInit'),
      citation: cite('S12'),
    },
  },
  {
    id: 'manual-agent',
    os: 'linux',
    label: 'field.ami.manualAgent.label',
    launcher: 'docker-run',
    asksHostFamily: true,
    awsvpc: {
      supported: false,
      reason: msg('finding.ami.awsvpcUnsupported.manualAgent'),
      citation: cite('S12', 'S20'),
    },
  },
  {
    id: 'windows-2025',
    os: 'windows',
    label: 'field.ami.windows2025.label',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2022',
    os: 'windows',
    label: 'field.ami.windows2022.label',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2019',
    os: 'windows',
    label: 'field.ami.windows2019.label',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2016',
    os: 'windows',
    label: 'field.ami.windows2016.label',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: {
      supported: false,
      reason: msg('finding.ami.awsvpcUnsupported.windows2016'),
      citation: cite('S12'),
    },
  },
]

export function amiInfo(id: AmiId): AmiInfo {
  const info = AMIS.find((a) => a.id === id)
  if (!info) throw new Error(`unknown AMI ${id}`)
  return info
}

export const DEFAULT_AMI: Record<OperatingSystem, AmiId> = { linux: 'al2023', windows: 'windows-2022' }

/**
 * How this tool's host rules come back after a reboot. Only our rules are kept: a root-owned script that
 * adds them idempotently, run at boot before Docker and the agent start. Saving the whole ruleset
 * (iptables-save, iptables-services, netfilter-persistent) would also save Docker's and ecs-init's rules,
 * which they add again at start (ecs-init appends without checking): duplicates; and a later
 * "systemctl restart iptables" flushes Docker's live rules.
 */
export type RulesPersistence =
  /** A oneshot unit ordered Before=docker.service ecs.service, After=firewalld.service. */
  | { kind: 'systemd-unit'; citation: Citation }
  /**
   * Amazon Linux 1 has upstart and SysV init, no systemd. rc.local is the last step of rc, and the ecs job
   * starts "on stopped rc": the rules are in place before the agent starts any task.
   */
  | { kind: 'rc-local'; citation: Citation }

export function rulesPersistence(ami: LinuxAmiId): RulesPersistence {
  return ami === 'al1'
    ? { kind: 'rc-local', citation: cite('ECS_INIT_UPSTART_AL1') }
    : { kind: 'systemd-unit', citation: cite('S25', 'SYSTEMD_NETWORK_PRE', 'SYSTEMD_SERVICE') }
}

/**
 * How to get the AWS CLI onto a host that must fetch ecs.config from S3. The ECS-optimized AMIs are built
 * from minimal AMIs without it, so Amazon Linux installs its package. Other Linux uses AWS's own installer:
 * the distributions' packages are not dependable (Ubuntu 24.04 has no awscli package at all).
 */
export type AwsCliInstall =
  | { kind: 'package'; command: readonly string[]; citation: Citation }
  | { kind: 'installer'; prerequisites: 'apt-get' | 'dnf-or-yum'; citation: Citation }

export function awsCliInstall(ami: LinuxAmiId, hostFamily: HostFamily): AwsCliInstall {
  const packaged = cite('S6', 'S42')
  const installer = cite('AWS_CLI_INSTALL', 'AWS_CLI_UBUNTU_2404')
  switch (ami) {
    case 'al2023':
      return { kind: 'package', command: ['dnf', 'install', '-y', 'awscli-2'], citation: packaged }
    case 'al2':
      return { kind: 'package', command: ['yum', 'install', '-y', 'awscli'], citation: packaged }
    case 'al1':
      return { kind: 'package', command: ['yum', 'install', '-y', 'aws-cli'], citation: packaged }
    case 'ecs-init':
    case 'manual-agent':
      return {
        kind: 'installer',
        prerequisites: hostFamily === 'debian' ? 'apt-get' : 'dnf-or-yum',
        citation: installer,
      }
  }
}

/** AWS's installer for AWS CLI v2 on Linux; the file name ends in the machine name (x86_64 or aarch64). */
export const AWS_CLI_INSTALLER_URL_PREFIX = 'https://awscli.amazonaws.com/awscli-exe-linux-'

// AWS's public SSM parameters holding the current AMI ID of each ECS-optimized AMI. A launch template whose
// ImageId is "resolve:ssm:<name>" resolves it at every launch. Amazon Linux 1 (end of life), other Linux with
// ecs-init and hand-started agents have no such parameter: their launch template needs an AMI ID.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_windows_AMI.html
export const AMI_PARAMETER: Partial<Record<AmiId, string>> = {
  al2023: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
  al2: '/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id',
  'windows-2025': '/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-ECS_Optimized/image_id',
  'windows-2022': '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
  'windows-2019': '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-ECS_Optimized/image_id',
  'windows-2016': '/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-ECS_Optimized/image_id',
}

export const AMI_PARAMETER_SOURCE = cite('ECS_AMI_SSM_LINUX', 'ECS_AMI_SSM_WINDOWS', 'EC2_SSM_PARAMETER_AMI')

/** The instance type a launch template gets when none is chosen: small for Linux, 8 GiB for Windows Server. */
export const DEFAULT_INSTANCE_TYPE: Record<OperatingSystem, string> = {
  linux: 't3.small',
  windows: 'm5.large',
}
