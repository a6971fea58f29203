// The platform matrix: what each operating system and launch type allows, read by the wizard's steps, the
// findings, the presets, the defaults and the plan alike, so no two of them can disagree about which network
// modes exist or how a task is kept away from instance metadata.
import type { AmiId, OperatingSystem, WindowsAmiId } from './amis.ts'
import { cite, type Citation } from './citation.ts'

export type LaunchType = 'ec2' | 'fargate'
export type NetworkModeId = 'bridge' | 'host' | 'awsvpc' | 'none' | 'default'

/**
 * How tasks in a network mode are kept from the instance metadata service (IMDS):
 * - `docker-user-rule`: this tool's iptables DROP in DOCKER-USER (Linux bridge);
 * - `agent-awsvpc`: the agent's ECS_AWSVPC_BLOCK_IMDS / -AwsvpcBlockIMDS (awsvpc on EC2);
 * - `container-route`: the Windows NAT container's route script leaves the route out;
 * - `impossible`: the task shares the host's network (host mode): nothing can block it;
 * - `no-network`: the task has no network at all (none);
 * - `not-reachable`: Fargate: a task has no instance metadata service to reach.
 */
export type ImdsBlock =
  'docker-user-rule' | 'agent-awsvpc' | 'container-route' | 'impossible' | 'no-network' | 'not-reachable'

export interface PlatformRow {
  /** The network modes this platform runs, in the order the wizard offers them. */
  networkModes: readonly NetworkModeId[]
  /** The mode a new setup gets (and an absent value means). */
  defaultNetworkMode: NetworkModeId
  /** How the block of instance metadata works in each allowed mode. */
  imds: Partial<Record<NetworkModeId, ImdsBlock>>
  /** Whether the setup has container instances (an instance role, user data, host files). */
  instances: boolean
  /** The AMIs (EC2) or Windows Server releases (Fargate) this platform runs; the AMI question offers these. */
  amis: readonly AmiId[]
  citation: Citation
}

// Fargate runs Windows Server 2019 and 2022 (Full and Core); it has no other Windows release.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
export const FARGATE_WINDOWS_RELEASES = [
  'windows-2022',
  'windows-2019',
] as const satisfies readonly WindowsAmiId[]

export const PLATFORMS: Record<OperatingSystem, Record<LaunchType, PlatformRow>> = {
  linux: {
    ec2: {
      networkModes: ['bridge', 'host', 'awsvpc', 'none'],
      defaultNetworkMode: 'bridge',
      imds: { bridge: 'docker-user-rule', awsvpc: 'agent-awsvpc', host: 'impossible', none: 'no-network' },
      instances: true,
      amis: ['al2023', 'al2', 'al1', 'ecs-init', 'manual-agent'],
      citation: cite('S12'),
    },
    fargate: {
      // "Fargate: awsvpc only" (task definition parameters, network mode).
      networkModes: ['awsvpc'],
      defaultNetworkMode: 'awsvpc',
      imds: { awsvpc: 'not-reachable' },
      instances: false,
      amis: ['al2023'],
      citation: cite('S12', 'FARGATE_TASK_DEFINITIONS'),
    },
  },
  windows: {
    ec2: {
      networkModes: ['default', 'awsvpc'],
      defaultNetworkMode: 'default',
      imds: { default: 'container-route', awsvpc: 'agent-awsvpc' },
      instances: true,
      amis: ['windows-2025', 'windows-2022', 'windows-2019', 'windows-2016'],
      citation: cite('S12'),
    },
    fargate: {
      networkModes: ['awsvpc'],
      defaultNetworkMode: 'awsvpc',
      imds: { awsvpc: 'not-reachable' },
      instances: false,
      amis: FARGATE_WINDOWS_RELEASES,
      citation: cite('S12', 'FARGATE_WINDOWS'),
    },
  },
}

export const platformOf = (os: OperatingSystem, launchType: LaunchType): PlatformRow =>
  PLATFORMS[os][launchType]

/** How IMDS is blocked for this platform and mode; undefined when the platform does not run the mode. */
export const imdsBlockOf = (
  os: OperatingSystem,
  launchType: LaunchType,
  networkMode: NetworkModeId,
): ImdsBlock | undefined => platformOf(os, launchType).imds[networkMode]

/** Whether a block of instance metadata is a setting the user can turn on or off on this platform. */
export const imdsBlockIsChoice = (block: ImdsBlock | undefined): boolean =>
  block === 'docker-user-rule' || block === 'agent-awsvpc' || block === 'container-route'

// Fargate task sizes: the task-level CPU units and the memory (MiB) each allows. Linux: 0.25 to 16 vCPU;
// 8 and 16 vCPU need platform version 1.4.0 or later. Windows: 1 to 16 vCPU? only 1, 2 and 4 vCPU.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
export interface FargateSize {
  cpu: number
  memory: readonly number[]
}

const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step)

const LINUX_FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: range(1024, 4096, 1024) },
  { cpu: 1024, memory: range(2048, 8192, 1024) },
  { cpu: 2048, memory: range(4096, 16384, 1024) },
  { cpu: 4096, memory: range(8192, 30720, 1024) },
  { cpu: 8192, memory: range(16384, 61440, 4096) },
  { cpu: 16384, memory: range(32768, 122880, 8192) },
]

const WINDOWS_FARGATE_SIZES: readonly FargateSize[] = LINUX_FARGATE_SIZES.filter(
  (size) => size.cpu >= 1024 && size.cpu <= 4096,
)

export const FARGATE_SIZES: Record<OperatingSystem, readonly FargateSize[]> = {
  linux: LINUX_FARGATE_SIZES,
  windows: WINDOWS_FARGATE_SIZES,
}

export const FARGATE_SIZE_CITATION = cite('FARGATE_TASK_SIZE')

/** The smallest size Fargate runs for each OS: what a new Fargate task gets. */
export const DEFAULT_FARGATE_SIZE: Record<OperatingSystem, { cpu: number; memory: number }> = {
  linux: { cpu: 256, memory: 512 },
  windows: { cpu: 1024, memory: 2048 },
}

/** Whether Fargate runs a task of this size on this OS. */
export function fargateSizeFits(os: OperatingSystem, cpu: number, memory: number): boolean {
  return FARGATE_SIZES[os].some((size) => size.cpu === cpu && size.memory.includes(memory))
}
