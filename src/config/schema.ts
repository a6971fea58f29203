// The configuration: one declaration gives the TypeScript type, the defaults, the labels the UI shows (message
// keys `field.<field>.label`, a list's entries named in the singular: `field.bucket.name.label`), the
// AWS naming rules and the reader for untrusted JSON and URL text. The field names are a
// public contract (config files, permalinks): add fields freely, never rename one.
import {
  AMIS,
  DEFAULT_AMI,
  amiInfo,
  type AmiId,
  type HostFamily,
  type OperatingSystem,
} from '../knowledge/amis.ts'
import { LINUX_DEFAULT_IMAGE, defaultImage } from '../knowledge/images.ts'
import {
  ACCOUNT_ID,
  BUCKET_NAME,
  ECS_NAME,
  IMAGE,
  INSTANCE_PROFILE_NAME,
  KEY_PREFIX,
  OBJECT_KEY,
  MAX_AWSVPC_SECURITY_GROUPS,
  MAX_AWSVPC_SUBNETS,
  REGION,
  ROLE_NAME,
  SECURITY_GROUP_ID,
  SUBNET_ID,
} from '../knowledge/names.ts'
import { EXTRA_STATEMENTS } from '../knowledge/policies.ts'
import { msg } from '../i18n/message.ts'
import {
  isPlainObject,
  labelled,
  readWithSchema,
  s,
  type FieldIssue,
  type Infer,
  type InputMode,
} from './schema-kit.ts'

export const CONFIG_VERSION = 1

export const OPERATING_SYSTEMS = ['linux', 'windows'] as const
export const AMI_IDS = AMIS.map((a) => a.id) as readonly AmiId[]
export const HOST_FAMILIES = ['rhel', 'debian'] as const satisfies readonly HostFamily[]
// `default` is the Windows NAT mode; it is not an API value and is written by omitting networkMode [S31].
export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none', 'default'] as const
export const BUCKET_ACCESS = ['read', 'read-write', 'write'] as const
export const PROTOCOLS = ['tcp', 'udp'] as const

// Placeholder values from the AWS documentation: valid, and flagged by a warning until replaced.
export const EXAMPLE_ACCOUNT_ID = '111122223333'

const bucket = s.object('field.bucket.label', {
  name: s.text('field.bucket.name.label', 'my-app-bucket', BUCKET_NAME),
  access: s.choice('field.bucket.access.label', BUCKET_ACCESS, 'read'),
  prefix: s.optional(s.text('field.bucket.prefix.label', '', KEY_PREFIX)),
})

const portMapping = s.object('field.portMapping.label', {
  containerPort: s.integer('field.portMapping.containerPort.label', 80, 1, 65535),
  hostPort: s.optional(s.integer('field.portMapping.hostPort.label', 0, 0, 65535)),
  protocol: s.optional(s.choice('field.portMapping.protocol.label', PROTOCOLS, 'tcp')),
})

export const configSchema = s.object('field.config.label', {
  version: s.integer('field.version.label', CONFIG_VERSION, CONFIG_VERSION, CONFIG_VERSION),
  os: s.choice('field.os.label', OPERATING_SYSTEMS, 'linux'),
  ami: s.choice('field.ami.label', AMI_IDS, 'al2023'),
  hostFamily: s.choice('field.hostFamily.label', HOST_FAMILIES, 'rhel'),
  networkMode: s.choice('field.networkMode.label', NETWORK_MODES, 'bridge'),
  blockInstanceMetadata: s.boolean('field.blockInstanceMetadata.label', true),
  region: s.text('field.region.label', 'us-east-1', REGION),
  accountId: s.text('field.accountId.label', EXAMPLE_ACCOUNT_ID, ACCOUNT_ID),
  clusterName: s.text('field.clusterName.label', 'my-cluster', ECS_NAME),
  taskRoleName: s.text('field.taskRoleName.label', 'ecsTaskRole', ROLE_NAME),
  instanceRoleName: s.text('field.instanceRoleName.label', 'ecsInstanceRole', ROLE_NAME),
  // When absent, the profile takes the role's name, as the IAM console does.
  instanceProfileName: s.optional(s.text('field.instanceProfileName.label', '', INSTANCE_PROFILE_NAME)),
  // Who registers task definitions and runs tasks: gets the iam:PassRole policy.
  deployerRoleName: s.optional(s.text('field.deployerRoleName.label', '', ROLE_NAME)),
  buckets: s.list('field.buckets.label', bucket, [{ name: 'my-app-bucket', access: 'read' }], 50),
  // More permissions for the task role, as a JSON array of IAM statements, appended to its policy.
  extraStatements: s.optional(s.text('field.extraStatements.label', '', EXTRA_STATEMENTS)),
  configObject: s.optional(
    s.object('field.configObject.label', {
      bucket: s.text('field.configObject.bucket.label', 'my-ecs-config-bucket', BUCKET_NAME),
      key: s.text('field.configObject.key.label', 'ecs.config', OBJECT_KEY),
    }),
  ),
  task: s.object('field.task.label', {
    family: s.text('field.task.family.label', 'my-app', ECS_NAME),
    containerName: s.text('field.task.containerName.label', 'app', ECS_NAME),
    // The defaults above are Linux's; Windows ones come from osDefaults() when the value is absent.
    image: s.text('field.task.image.label', LINUX_DEFAULT_IMAGE, IMAGE),
    memory: s.integer('field.task.memory.label', 512, 6, 1_048_576),
    portMappings: s.list('field.task.portMappings.label', portMapping, [{ containerPort: 80 }], 20),
  }),
  sourceConditions: s.boolean('field.sourceConditions.label', true),
  // awsvpc tasks need a network configuration to run (ECS API RunTask.networkConfiguration). Empty lists
  // mean: use the default VPC's default subnets and its default security group, found at run time.
  subnets: s.list('field.subnets.label', s.text('field.subnet.label', '', SUBNET_ID), [], MAX_AWSVPC_SUBNETS),
  securityGroups: s.list(
    'field.securityGroups.label',
    s.text('field.securityGroup.label', '', SECURITY_GROUP_ID),
    [],
    MAX_AWSVPC_SECURITY_GROUPS,
  ),
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

// Network mode when none is chosen: Linux's API default is bridge; Windows has the default (NAT) mode,
// chosen by leaving networkMode out. Source:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode
const DEFAULT_NETWORK_MODE: Record<OperatingSystem, NetworkMode> = { linux: 'bridge', windows: 'default' }

/**
 * The values that follow the operating system, in one place: what an absent AMI, network mode or image means
 * for `os`. The image follows the AMI (a Windows image must match the host's Windows Server release), so an
 * explicit AMI can be passed. Used by readConfig, the permalink (which writes only what differs from these)
 * and the OS and AMI controls of the wizard.
 */
export function osDefaults(os: OperatingSystem, ami: AmiId = DEFAULT_AMI[os]) {
  return { ami: DEFAULT_AMI[os], networkMode: DEFAULT_NETWORK_MODE[os], image: defaultImage(ami) }
}

/**
 * Reads an untrusted config (a parsed config file, or the tree of a permalink's text). Never throws:
 * every bad value is replaced by its default and reported against its field. A value that is absent (or
 * unusable) takes the chosen OS's default, so `os=windows` alone means a working Windows setup; an explicit
 * value that does not fit the OS stays and is reported (here for the AMI, by the findings otherwise).
 */
export function readConfig(raw: unknown, mode: InputMode = 'json'): ReadResult {
  const read = readWithSchema(configSchema, raw, mode)
  const issues = read.issues
  // Absent parts come back as the schema's own default objects: copy before changing anything.
  const value = structuredClone(read.value)
  const given = (path: string) => {
    let node: unknown = raw
    for (const key of path.split('.'))
      node = isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined
    return node !== undefined && !issues.some((issue) => issue.field === path)
  }
  if (!given('ami')) value.ami = DEFAULT_AMI[value.os]
  // The AMI belongs to one OS; a mismatch is a wrong value for the AMI field, not a combination to explain.
  else if (amiInfo(value.ami).os !== value.os) {
    issues.push({
      field: 'ami',
      // The AMIs' labels are knowledge/amis.ts's text, passed as they are.
      message: labelled(
        'field.ami.label',
        msg('field.ami.otherOs', {
          ami: msg(amiInfo(value.ami).label),
          os: value.os,
          fallback: msg(amiInfo(DEFAULT_AMI[value.os]).label),
        }),
      ),
    })
    value.ami = DEFAULT_AMI[value.os]
  }
  const defaults = osDefaults(value.os, value.ami)
  if (!given('networkMode')) value.networkMode = defaults.networkMode
  if (!given('task.image')) value.task.image = defaults.image
  return { config: value, issues }
}

/**
 * What a config's values are "changed" against, mirroring how readConfig fills what is left out: the OS
 * against the global default (a link always says which OS), the AMI, network mode and image against that OS's
 * defaults (the image against the AMI's), everything else against the schema's defaults. The permalink writes
 * only what differs from this, so `os=windows` alone is a whole Windows setup.
 */
export function defaultsFor(config: Pick<WizardConfig, 'os' | 'ami'>): WizardConfig {
  const os = osDefaults(config.os, config.ami)
  return {
    ...DEFAULT_CONFIG,
    ami: os.ami,
    networkMode: os.networkMode,
    task: { ...DEFAULT_CONFIG.task, image: os.image },
  }
}

/** An image left at the old AMI's default follows to the new AMI's default; a chosen image stays. */
const imageFollowsAmi = (before: WizardConfig, after: WizardConfig): WizardConfig =>
  before.task.image === defaultImage(before.ami)
    ? { ...after, task: { ...after.task, image: defaultImage(after.ami) } }
    : after

/** What the OS control does: that OS's AMI and network mode, and its image unless one was chosen. */
export function withOs(config: WizardConfig, os: OperatingSystem): WizardConfig {
  if (config.os === os) return config
  const next = osDefaults(os)
  return imageFollowsAmi(config, { ...config, os, ami: next.ami, networkMode: next.networkMode })
}

/** What the AMI control does: the default image follows the AMI's Windows Server release. */
export function withAmi(config: WizardConfig, ami: AmiId): WizardConfig {
  return config.ami === ami ? config : imageFollowsAmi(config, { ...config, ami })
}

/** The field messages for a config, e.g. one the UI is editing. Empty when the config is valid. */
export function validateConfig(config: WizardConfig): FieldIssue[] {
  return readConfig(config, 'json').issues
}

/** The instance profile's name: its own when given, else the instance role's. */
export function instanceProfileName(config: WizardConfig): string {
  return config.instanceProfileName ?? config.instanceRoleName
}
