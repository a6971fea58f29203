import { cite } from './sources.ts'

// Agent configuration variables this tool writes, with what each does [S20][S6].
export const AGENT_VARIABLES = {
  ECS_CLUSTER: { meaning: 'the cluster the instance joins', citation: cite('S20', 'S6') },
  ECS_ENABLE_TASK_IAM_ROLE: {
    meaning: 'task roles for bridge (Linux) and default (Windows) network modes; ecs-init sets it already',
    citation: cite('S20', 'S25'),
  },
  ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST: {
    meaning: 'task roles for host network mode; ecs-init sets it already',
    citation: cite('S20', 'S25'),
  },
  ECS_AWSVPC_BLOCK_IMDS: {
    meaning: 'blocks the instance metadata service for awsvpc tasks only',
    citation: cite('S2', 'S20'),
  },
  ECS_ENABLE_TASK_ENI: { meaning: 'enables the awsvpc network mode', citation: cite('S20', 'S25') },
  ECS_LOGFILE: { meaning: "the agent's log file inside its container", citation: cite('S20') },
  ECS_DATADIR: { meaning: "the agent's state directory inside its container", citation: cite('S20') },
} as const

export type AgentVariable = keyof typeof AGENT_VARIABLES

// Addresses of the credential endpoint [S23].
export const CREDENTIALS_ENDPOINT = {
  address: '169.254.170.2',
  port: 80,
  agentListener: '127.0.0.1:51679',
  agentPort: 51679,
  introspectionPort: 51678,
  citation: cite('S23'),
} as const

export const INSTANCE_METADATA_ADDRESS = '169.254.169.254'
/** The IMDS IPv6 endpoint: Nitro instances in IPv6 subnets, off unless HttpProtocolIpv6 is enabled. */
export const INSTANCE_METADATA_ADDRESS_IPV6 = 'fd00:ec2::254'
export const INSTANCE_METADATA_IPV6_CITATION = cite('EC2_IMDS_IPV6', 'EC2_IMDS_IPV6_DEFAULT')

// The hand-started agent [S9][S20]: the developer-guide image and mounts, the README's variables.
// The guide's `--volume=/etc/ecs:/etc/ecs/pki` line is left out on purpose: it looks like a typo [S9].
export const MANUAL_AGENT = {
  image: 'public.ecr.aws/ecs/amazon-ecs-agent:latest',
  containerName: 'ecs-agent',
  directories: ['/var/log/ecs', '/etc/ecs', '/var/lib/ecs/data'],
  volumes: [
    { host: '/var/run/docker.sock', container: '/var/run/docker.sock', selinuxRelabel: false },
    // On SELinux hosts AWS recommends ":Z" (a private relabel) on these two mounts.
    { host: '/var/log/ecs', container: '/log', selinuxRelabel: true },
    { host: '/var/lib/ecs/data', container: '/data', selinuxRelabel: true },
  ],
  environment: { ECS_LOGFILE: '/log/ecs-agent.log', ECS_DATADIR: '/data' },
  citation: cite('S9', 'S20'),
  /** "Operating systems with SELinux enabled require the --privileged option" (manually_update_agent). */
  selinux: { flags: ['--privileged'], citation: cite('S9', 'SELINUXENABLED') },
} as const

export const ECS_CONFIG_PATH = '/etc/ecs/ecs.config'
