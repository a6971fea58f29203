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
  ROLE_NAME_OR_ARN,
  SECURITY_GROUP_ID,
  SUBNET_ID,
  AMI_IMAGE_ID,
  ENVIRONMENT_NAME,
  INSTANCE_TYPE,
  KMS_KEY_ARN_RULE,
  LAUNCH_TEMPLATE_NAME,
  LOG_GROUP_NAME,
  SECRET_REFERENCE,
  parseRoleArn,
} from '../knowledge/names.ts'
import { DEFAULT_FARGATE_SIZE, fargateSizeFits, platformOf, type LaunchType } from '../knowledge/platforms.ts'
import { partitionOfRegion } from '../knowledge/partitions.ts'
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
export const LAUNCH_TYPES = ['ec2', 'fargate'] as const satisfies readonly LaunchType[]
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
  // The bucket's SSE-KMS key (a customer managed key): the task role then also gets kms:Decrypt and, to
  // write, kms:GenerateDataKey on it, only through S3.
  kmsKeyArn: s.optional(s.text('field.bucket.kmsKeyArn.label', '', KMS_KEY_ARN_RULE)),
})

// A secret the container gets as an environment variable, read by the task execution role at start.
const secret = s.object('field.secret.label', {
  name: s.text('field.secret.name.label', 'DB_PASSWORD', ENVIRONMENT_NAME),
  valueFrom: s.text('field.secret.valueFrom.label', '', SECRET_REFERENCE),
})

const portMapping = s.object('field.portMapping.label', {
  containerPort: s.integer('field.portMapping.containerPort.label', 80, 1, 65535),
  hostPort: s.optional(s.integer('field.portMapping.hostPort.label', 0, 0, 65535)),
  protocol: s.optional(s.choice('field.portMapping.protocol.label', PROTOCOLS, 'tcp')),
})

export const configSchema = s.object('field.config.label', {
  version: s.integer('field.version.label', CONFIG_VERSION, CONFIG_VERSION, CONFIG_VERSION),
  os: s.choice('field.os.label', OPERATING_SYSTEMS, 'linux'),
  // Fargate: no container instances to manage (no instance role, user data or host files), awsvpc only.
  launchType: s.choice('field.launchType.label', LAUNCH_TYPES, 'ec2'),
  ami: s.choice('field.ami.label', AMI_IDS, 'al2023'),
  hostFamily: s.choice('field.hostFamily.label', HOST_FAMILIES, 'rhel'),
  networkMode: s.choice('field.networkMode.label', NETWORK_MODES, 'bridge'),
  blockInstanceMetadata: s.boolean('field.blockInstanceMetadata.label', true),
  region: s.text('field.region.label', 'us-east-1', REGION),
  accountId: s.text('field.accountId.label', EXAMPLE_ACCOUNT_ID, ACCOUNT_ID),
  clusterName: s.text('field.clusterName.label', 'my-cluster', ECS_NAME),
  // A role to create takes a name; an existing role (existing…Role) may also be named by its ARN.
  taskRoleName: s.text('field.taskRoleName.label', 'ecsTaskRole', ROLE_NAME_OR_ARN),
  existingTaskRole: s.boolean('field.existingTaskRole.label', false),
  // Created only when the task needs one: a private ECR image, awslogs, or secrets.
  executionRoleName: s.text('field.executionRoleName.label', 'ecsTaskExecutionRole', ROLE_NAME_OR_ARN),
  existingExecutionRole: s.boolean('field.existingExecutionRole.label', false),
  instanceRoleName: s.text('field.instanceRoleName.label', 'ecsInstanceRole', ROLE_NAME_OR_ARN),
  existingInstanceRole: s.boolean('field.existingInstanceRole.label', false),
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
    // EC2: the container's hard memory limit. Fargate: the task's memory, one of the sizes its CPU allows.
    memory: s.integer('field.task.memory.label', 512, 6, 1_048_576),
    // Fargate only: the task's CPU units; absent means the smallest size Fargate runs for the OS.
    cpu: s.optional(s.integer('field.task.cpu.label', 256, 128, 196_608)),
    portMappings: s.list('field.task.portMappings.label', portMapping, [{ containerPort: 80 }], 20),
    // The awslogs log driver, with its log group created by the setup. Absent: on for Fargate, off on EC2.
    awslogs: s.boolean('field.task.awslogs.label', false),
    // Absent: /ecs/<family>, the name the ECS console gives.
    logGroup: s.optional(s.text('field.task.logGroup.label', '', LOG_GROUP_NAME)),
    secrets: s.list('field.task.secrets.label', secret, [], 50),
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
  // Fargate tasks in public subnets need a public IP address to pull images without a NAT gateway.
  assignPublicIp: s.boolean('field.assignPublicIp.label', false),
  // EC2: the container instances the setup launches from a launch template.
  instances: s.object('field.instances.label', {
    // Absent: t3.small for Linux, m5.large for Windows (osDefaults).
    type: s.optional(s.text('field.instances.type.label', '', INSTANCE_TYPE)),
    // Absent: AWS's public SSM parameter for the AMI (the ECS-optimized AMIs); other Linux needs an AMI ID.
    imageId: s.optional(s.text('field.instances.imageId.label', '', AMI_IMAGE_ID)),
    // Absent: <cluster>-instances.
    launchTemplateName: s.optional(
      s.text('field.instances.launchTemplateName.label', '', LAUNCH_TEMPLATE_NAME),
    ),
    subnet: s.optional(s.text('field.instances.subnet.label', '', SUBNET_ID)),
    securityGroups: s.list(
      'field.instances.securityGroups.label',
      s.text('field.instances.securityGroup.label', '', SECURITY_GROUP_ID),
      [],
      MAX_AWSVPC_SECURITY_GROUPS,
    ),
    count: s.integer('field.instances.count.label', 1, 1, 100),
  }),
  // An ECS service keeps the task running; without it the setup runs one task.
  service: s.optional(
    s.object('field.service.label', {
      name: s.text('field.service.name.label', 'my-app-service', ECS_NAME),
      desiredCount: s.integer('field.service.desiredCount.label', 1, 0, 1000),
    }),
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

/**
 * The values that follow the platform (operating system and launch type), in one place: what an absent AMI,
 * network mode, image, memory or awslogs setting means. The network mode comes from the platform matrix
 * (knowledge/platforms.ts); the image follows the AMI (a Windows image must match the host's Windows Server
 * release), so an explicit AMI can be passed; Fargate tasks get the smallest task size Fargate runs for the OS
 * and the awslogs driver (a Fargate task's output is otherwise lost). Used by readConfig, the permalink (which
 * writes only what differs from these) and the wizard's OS, launch type and AMI controls.
 */
export function platformDefaults(
  os: OperatingSystem,
  launchType: LaunchType = 'ec2',
  ami: AmiId = DEFAULT_AMI[os],
) {
  const fargate = launchType === 'fargate'
  return {
    ami: DEFAULT_AMI[os],
    networkMode: platformOf(os, launchType).defaultNetworkMode,
    image: defaultImage(ami),
    memory: fargate ? DEFAULT_FARGATE_SIZE[os].memory : DEFAULT_CONFIG.task.memory,
    awslogs: fargate,
  }
}

/**
 * Reads an untrusted config (a parsed config file, or the tree of a permalink's text). Never throws:
 * every bad value is replaced by its default and reported against its field. A value that is absent (or
 * unusable) takes the chosen platform's default, so `os=windows` alone means a working Windows setup; an
 * explicit value that does not fit the OS stays and is reported (here for the AMI, by the findings otherwise).
 * A role named by its ARN must be one the setup uses as it is (existing…Role), in this account and partition.
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
  const defaults = platformDefaults(value.os, value.launchType, value.ami)
  if (!given('networkMode')) value.networkMode = defaults.networkMode
  if (!given('task.image')) value.task.image = defaults.image
  if (!given('task.memory')) value.task.memory = defaults.memory
  if (!given('task.awslogs')) value.task.awslogs = defaults.awslogs
  for (const role of ROLE_FIELDS) {
    const problem = roleReferenceProblem(value, role)
    if (problem) {
      issues.push({ field: role.name, message: labelled(`field.${role.name}.label`, problem) })
      value[role.name] = DEFAULT_CONFIG[role.name]
    }
  }
  return { config: value, issues }
}

/** Each role's name field and the switch that says the role exists already. */
export const ROLE_FIELDS = [
  { name: 'taskRoleName', existing: 'existingTaskRole' },
  { name: 'executionRoleName', existing: 'existingExecutionRole' },
  { name: 'instanceRoleName', existing: 'existingInstanceRole' },
] as const

/** Why a role's ARN cannot be used: a role to create is named, and a task's roles live in its account. */
function roleReferenceProblem(config: WizardConfig, role: (typeof ROLE_FIELDS)[number]) {
  const value = config[role.name]
  const arn = parseRoleArn(value)
  if (!arn) return undefined
  if (!config[role.existing]) return msg('field.roleArn.notExisting')
  const partition = partitionOfRegion(config.region)
  if (arn.account !== config.accountId || (partition && arn.partition !== partition.id))
    return msg('field.roleArn.otherAccount', { account: config.accountId, partition: partition?.id ?? '' })
  return undefined
}

/** A role as the plan uses it: its name, and the ARN it has or will have (with its path when one was given). */
export function roleReference(
  config: WizardConfig,
  role: (typeof ROLE_FIELDS)[number]['name'],
  partition: string,
): { name: string; arn: string } {
  const value = config[role]
  const arn = parseRoleArn(value)
  return arn
    ? { name: arn.name, arn: value }
    : { name: value, arn: `arn:${partition}:iam::${config.accountId}:role/${value}` }
}

/**
 * What a config's values are "changed" against, mirroring how readConfig fills what is left out: the OS
 * against the global default (a link always says which OS), the AMI, network mode, image, memory and awslogs
 * against that platform's defaults (the image against the AMI's), everything else against the schema's
 * defaults. The permalink writes only what differs from this, so `os=windows` alone is a whole Windows setup.
 */
export function defaultsFor(config: Pick<WizardConfig, 'os' | 'ami' | 'launchType'>): WizardConfig {
  const platform = platformDefaults(config.os, config.launchType, config.ami)
  return {
    ...DEFAULT_CONFIG,
    ami: platform.ami,
    networkMode: platform.networkMode,
    task: {
      ...DEFAULT_CONFIG.task,
      image: platform.image,
      memory: platform.memory,
      awslogs: platform.awslogs,
    },
  }
}

/** An image left at the old AMI's default follows to the new AMI's default; a chosen image stays. */
const imageFollowsAmi = (before: WizardConfig, after: WizardConfig): WizardConfig =>
  before.task.image === defaultImage(before.ami)
    ? { ...after, task: { ...after.task, image: defaultImage(after.ami) } }
    : after

/**
 * The platform's defaults for what followed the old platform's: a network mode the new platform does not run
 * becomes its default, an AMI it does not run its default AMI (the image follows), a task size Fargate does
 * not run its smallest, and awslogs left at the old default takes the new one. Chosen values that fit stay.
 */
function fitPlatform(before: WizardConfig, after: WizardConfig): WizardConfig {
  const platform = platformOf(after.os, after.launchType)
  const next = platformDefaults(after.os, after.launchType)
  const old = platformDefaults(before.os, before.launchType)
  let config = after
  if (!platform.amis.includes(config.ami)) config = imageFollowsAmi(config, { ...config, ami: next.ami })
  // A mode left at the old platform's default (Fargate's awsvpc, say) takes the new platform's default.
  const networkMode =
    before.os !== after.os ||
    !platform.networkModes.includes(config.networkMode) ||
    config.networkMode === old.networkMode
      ? next.networkMode
      : config.networkMode
  const fargate = after.launchType === 'fargate'
  // Memory left at the old platform's default takes the new one; then Fargate must run the size.
  const memory = config.task.memory === old.memory ? next.memory : config.task.memory
  const sizeFits =
    fargate && fargateSizeFits(after.os, config.task.cpu ?? DEFAULT_FARGATE_SIZE[after.os].cpu, memory)
  const task = {
    ...config.task,
    awslogs: config.task.awslogs === old.awslogs ? next.awslogs : config.task.awslogs,
    memory: fargate && !sizeFits ? next.memory : memory,
  }
  if (!fargate || !sizeFits) delete task.cpu
  return { ...config, networkMode, task }
}

/** What the OS control does: that OS's AMI and network mode, and its image unless one was chosen. */
export function withOs(config: WizardConfig, os: OperatingSystem): WizardConfig {
  if (config.os === os) return config
  const next = platformDefaults(os, config.launchType)
  return fitPlatform(config, imageFollowsAmi(config, { ...config, os, ami: next.ami }))
}

/** What the launch type control does: the network mode, AMI, task size and awslogs that platform takes. */
export function withLaunchType(config: WizardConfig, launchType: LaunchType): WizardConfig {
  return config.launchType === launchType ? config : fitPlatform(config, { ...config, launchType })
}

/** What the AMI control does: the default image follows the AMI's Windows Server release. */
export function withAmi(config: WizardConfig, ami: AmiId): WizardConfig {
  return config.ami === ami ? config : imageFollowsAmi(config, { ...config, ami })
}

/** The field messages for a config, e.g. one the UI is editing. Empty when the config is valid. */
export function validateConfig(config: WizardConfig): FieldIssue[] {
  return readConfig(config, 'json').issues
}
