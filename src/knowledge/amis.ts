import { cite, type Citation } from './sources.ts'

export type OperatingSystem = 'linux' | 'windows'
export type LinuxAmiId = 'al2023' | 'al2' | 'al1' | 'ecs-init' | 'manual-agent'
export type WindowsAmiId = 'windows-2025' | 'windows-2022' | 'windows-2019' | 'windows-2016'
export type AmiId = LinuxAmiId | WindowsAmiId
export type HostFamily = 'rhel' | 'debian'

/** How the ECS agent is started on the host, which decides who owns the credential-proxy rules. */
export type AgentLauncher = 'ecs-init' | 'docker-run' | 'ecstools'

/** How iptables rules survive a reboot (reference §4.3). */
export type IptablesPersistence =
  | { kind: 'service-save'; citation: Citation }
  | { kind: 'iptables-services'; packageManager: 'yum' | 'dnf' | 'dnf-or-yum'; citation: Citation }
  | { kind: 'netfilter-persistent'; citation: Citation }

export interface AmiInfo {
  id: AmiId
  os: OperatingSystem
  label: string
  launcher: AgentLauncher
  /** Whether the AMI takes a host family (RHEL-like or Debian-like) question. */
  asksHostFamily: boolean
  awsvpc: { supported: true } | { supported: false; reason: string; citation: Citation }
  endOfLife?: { date: string; citation: Citation }
}

export const AMIS: readonly AmiInfo[] = [
  {
    id: 'al2023',
    os: 'linux',
    label: 'ECS-optimized Amazon Linux 2023',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'al2',
    os: 'linux',
    label: 'ECS-optimized Amazon Linux 2 (legacy)',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
    endOfLife: { date: '2026-06-30', citation: cite('S42') },
  },
  {
    id: 'al1',
    os: 'linux',
    label: 'ECS-optimized Amazon Linux 1 (legacy, end of life)',
    launcher: 'ecs-init',
    asksHostFamily: false,
    awsvpc: { supported: true },
    endOfLife: { date: '2025-09-15', citation: cite('S42') },
  },
  {
    id: 'ecs-init',
    os: 'linux',
    label: 'Another Linux with the ecs-init package',
    launcher: 'ecs-init',
    asksHostFamily: true,
    awsvpc: { supported: true },
  },
  {
    id: 'manual-agent',
    os: 'linux',
    label: 'Linux with the agent started by hand (docker run)',
    launcher: 'docker-run',
    asksHostFamily: true,
    awsvpc: {
      supported: false,
      reason:
        'awsvpc is supported only on the ECS-optimized AMI or another Linux with the ecs-init package; a hand-started agent needs the CNI plugins and many more mounts.',
      citation: cite('S12', 'S20'),
    },
  },
  {
    id: 'windows-2025',
    os: 'windows',
    label: 'ECS-optimized Windows Server 2025',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2022',
    os: 'windows',
    label: 'ECS-optimized Windows Server 2022',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2019',
    os: 'windows',
    label: 'ECS-optimized Windows Server 2019',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: { supported: true },
  },
  {
    id: 'windows-2016',
    os: 'windows',
    label: 'ECS-optimized Windows Server 2016',
    launcher: 'ecstools',
    asksHostFamily: false,
    awsvpc: {
      supported: false,
      reason: 'The awsvpc network mode is not supported on the Windows Server 2016 ECS-optimized AMI.',
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

/** Which iptables persistence applies to an AMI, or to a host family for the non-optimized choices. */
export function iptablesPersistence(ami: LinuxAmiId, hostFamily: HostFamily): IptablesPersistence {
  switch (ami) {
    case 'al1':
      return { kind: 'service-save', citation: cite('S4', 'S5') }
    case 'al2':
      return { kind: 'iptables-services', packageManager: 'yum', citation: cite('S2', 'S4') }
    case 'al2023':
      // Not covered by any AWS ECS doc; iptables-services installs with dnf on AL2023 (🔶, reference §4.3).
      return { kind: 'iptables-services', packageManager: 'dnf', citation: cite('S52') }
    case 'ecs-init':
    case 'manual-agent':
      return hostFamily === 'debian'
        ? { kind: 'netfilter-persistent', citation: cite('S51') }
        : // RHEL 9 ships iptables-nft-services, which obsoletes iptables-services (❓, reference §4.3).
          { kind: 'iptables-services', packageManager: 'dnf-or-yum', citation: cite('S52') }
  }
}

/**
 * How to get the AWS CLI onto a host that must fetch ecs.config from S3 (reference §11). The ECS-optimized
 * AMIs are built from minimal AMIs without it. `undefined` means no package is known: the script checks
 * for the CLI and stops with a message instead of guessing a package name.
 */
export function awsCliPackage(ami: LinuxAmiId, hostFamily: HostFamily): readonly string[] | undefined {
  switch (ami) {
    case 'al2023':
      return ['dnf', 'install', '-y', 'awscli-2']
    case 'al2':
      return ['yum', 'install', '-y', 'awscli']
    case 'al1':
      return ['yum', 'install', '-y', 'aws-cli']
    case 'ecs-init':
    case 'manual-agent':
      return hostFamily === 'debian' ? ['apt-get', 'install', '-y', 'awscli'] : undefined
  }
}

export const AWS_CLI_INSTALL_SOURCE = cite('S6', 'S42')
