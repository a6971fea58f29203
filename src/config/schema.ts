// The configuration: one declaration gives the TypeScript type, the defaults, the labels the UI shows, the
// AWS naming rules (reference §9) and the reader for untrusted JSON and URL text. The field names are a
// public contract (config files, permalinks): add fields freely, never rename one.
import { AMIS, DEFAULT_AMI, amiInfo, type AmiId, type HostFamily } from '../knowledge/amis.ts'
import {
  ACCOUNT_ID,
  BUCKET_NAME,
  ECS_NAME,
  IMAGE,
  INSTANCE_PROFILE_NAME,
  KEY_PREFIX,
  OBJECT_KEY,
  REGION,
  ROLE_NAME,
} from '../knowledge/names.ts'
import { readWithSchema, s, type FieldIssue, type Infer, type InputMode } from './schema-kit.ts'

export const CONFIG_VERSION = 1

export const OPERATING_SYSTEMS = ['linux', 'windows'] as const
export const AMI_IDS = AMIS.map((a) => a.id) as readonly AmiId[]
export const HOST_FAMILIES = ['rhel', 'debian'] as const satisfies readonly HostFamily[]
// `default` is the Windows NAT mode; it is not an API value and is written by omitting networkMode (§10).
export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none', 'default'] as const
export const BUCKET_ACCESS = ['read', 'read-write', 'write'] as const
export const PROTOCOLS = ['tcp', 'udp'] as const

// Placeholder values from the AWS documentation: valid, and flagged by a warning until replaced.
export const EXAMPLE_ACCOUNT_ID = '111122223333'

const bucket = s.object('Bucket', {
  name: s.text('Bucket name', 'my-app-bucket', BUCKET_NAME),
  access: s.choice('Access', BUCKET_ACCESS, 'read'),
  prefix: s.optional(s.text('Key prefix', '', KEY_PREFIX)),
})

const portMapping = s.object('Port mapping', {
  containerPort: s.integer('Container port', 80, 1, 65535),
  hostPort: s.optional(s.integer('Host port', 0, 0, 65535)),
  protocol: s.optional(s.choice('Protocol', PROTOCOLS, 'tcp')),
})

export const configSchema = s.object('Configuration', {
  version: s.integer('Version', CONFIG_VERSION, CONFIG_VERSION, CONFIG_VERSION),
  os: s.choice('Operating system', OPERATING_SYSTEMS, 'linux'),
  ami: s.choice('AMI', AMI_IDS, 'al2023'),
  hostFamily: s.choice('Host family', HOST_FAMILIES, 'rhel'),
  networkMode: s.choice('Network mode', NETWORK_MODES, 'bridge'),
  blockInstanceMetadata: s.boolean('Block instance metadata', true),
  region: s.text('Region', 'us-east-1', REGION),
  accountId: s.text('Account ID', EXAMPLE_ACCOUNT_ID, ACCOUNT_ID),
  clusterName: s.text('Cluster name', 'my-cluster', ECS_NAME),
  taskRoleName: s.text('Task role name', 'ecsTaskRole', ROLE_NAME),
  instanceRoleName: s.text('Instance role name', 'ecsInstanceRole', ROLE_NAME),
  // When absent, the profile takes the role's name, as the IAM console does (reference §6.3).
  instanceProfileName: s.optional(s.text('Instance profile name', '', INSTANCE_PROFILE_NAME)),
  // Who registers task definitions and runs tasks: gets the iam:PassRole policy (reference §8).
  deployerRoleName: s.optional(s.text('Deployer role name', '', ROLE_NAME)),
  buckets: s.list('Buckets', bucket, [{ name: 'my-app-bucket', access: 'read' }], 50),
  configObject: s.optional(
    s.object('ecs.config object', {
      bucket: s.text('Config bucket', 'my-ecs-config-bucket', BUCKET_NAME),
      key: s.text('Config object key', 'ecs.config', OBJECT_KEY),
    }),
  ),
  task: s.object('Task definition', {
    family: s.text('Task family', 'my-app', ECS_NAME),
    containerName: s.text('Container name', 'app', ECS_NAME),
    image: s.text('Image', 'public.ecr.aws/docker/library/nginx:latest', IMAGE),
    memory: s.integer('Memory (MiB)', 512, 6, 1_048_576),
    portMappings: s.list('Port mappings', portMapping, [{ containerPort: 80 }], 20),
  }),
  sourceConditions: s.boolean('Trust policy conditions', true),
})

export type WizardConfig = Infer<typeof configSchema>
export type Bucket = WizardConfig['buckets'][number]
export type PortMapping = WizardConfig['task']['portMappings'][number]
export type NetworkMode = WizardConfig['networkMode']

export const DEFAULT_CONFIG: WizardConfig = configSchema.defaultValue

export interface ReadResult {
  config: WizardConfig
  issues: FieldIssue[]
}

/**
 * Reads an untrusted config (a parsed config file, or the tree of a permalink's text). Never throws:
 * every bad value is replaced by its default and reported against its field.
 */
export function readConfig(raw: unknown, mode: InputMode = 'json'): ReadResult {
  const { value, issues } = readWithSchema(configSchema, raw, mode)
  // The AMI belongs to one OS; a mismatch is a wrong value for the AMI field, not a combination to explain.
  if (amiInfo(value.ami).os !== value.os) {
    issues.push({
      field: 'ami',
      message: `AMI: ${amiInfo(value.ami).label} is not a ${value.os === 'linux' ? 'Linux' : 'Windows'} AMI; using ${amiInfo(DEFAULT_AMI[value.os]).label}.`,
    })
    value.ami = DEFAULT_AMI[value.os]
  }
  return { config: value, issues }
}

/** The field messages for a config, e.g. one the UI is editing. Empty when the config is valid. */
export function validateConfig(config: WizardConfig): FieldIssue[] {
  return readConfig(config, 'json').issues
}

/** The instance profile's name: its own when given, else the instance role's (reference §6.3). */
export function instanceProfileName(config: WizardConfig): string {
  return config.instanceProfileName ?? config.instanceRoleName
}
