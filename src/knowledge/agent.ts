import { msg } from '../i18n/message.ts'
import { cite } from './citation.ts'

// Agent configuration variables this tool writes, with what each does [S20][S6]: shown beside each line of
// ecs.config, so a message (catalog part files.json).
export const AGENT_VARIABLES = {
  ECS_CLUSTER: { meaning: msg('file.agentVariable.ecsCluster'), citation: cite('S20', 'S6') },
  ECS_ENABLE_TASK_IAM_ROLE: {
    meaning: msg('file.agentVariable.ecsEnableTaskIamRole'),
    citation: cite('S20', 'S25'),
  },
  ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST: {
    meaning: msg('file.agentVariable.ecsEnableTaskIamRoleNetworkHost'),
    citation: cite('S20', 'S25'),
  },
  ECS_AWSVPC_BLOCK_IMDS: {
    meaning: msg('file.agentVariable.ecsAwsvpcBlockImds'),
    citation: cite('S2', 'S20'),
  },
  ECS_ENABLE_TASK_ENI: { meaning: msg('file.agentVariable.ecsEnableTaskEni'), citation: cite('S20', 'S25') },
  // ecs-init makes awslogs available itself (ecs-init/docker/docker.go); an agent started by hand has only
  // json-file and none (agent/config/config_unix.go), so tasks with awslogs would never be placed on it.
  ECS_AVAILABLE_LOGGING_DRIVERS: {
    meaning: msg('file.agentVariable.ecsAvailableLoggingDrivers'),
    citation: cite('S22', 'ECS_INIT_ENV_FILE', 'AWSLOGS_DRIVER'),
  },
  ECS_LOGFILE: { meaning: msg('file.agentVariable.ecsLogfile'), citation: cite('S20') },
  ECS_DATADIR: { meaning: msg('file.agentVariable.ecsDatadir'), citation: cite('S20') },
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
