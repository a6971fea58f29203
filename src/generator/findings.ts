// Checks across the whole configuration: impossible combinations are explained at the field they concern,
// never silently fixed (product.md). Each rule cites the public sources it implements. Messages are data:
// the key is the finding's stable code (catalogs/<locale>/findings.json), the parameters its values.
import { EXAMPLE_ACCOUNT_ID } from '../config/schema.ts'
import { msg, type Message } from '../i18n/message.ts'
import { AMI_PARAMETER_SOURCE, type WindowsAmiId } from '../knowledge/amis.ts'
import { parseKmsKeyArn, parseSecretReference } from '../knowledge/names.ts'
import {
  DEFAULT_FARGATE_SIZE,
  FARGATE_SIZES,
  FARGATE_SIZE_CITATION,
  platformOf,
} from '../knowledge/platforms.ts'
import { WINDOWS_RELEASE, defaultImage, imagePlatform } from '../knowledge/images.ts'
import { isKnownRegion } from '../knowledge/partitions.ts'
import { RESERVED_HOST_PORTS, RESERVED_PORTS_SOURCE, WINDOWS_TASK_ROLE_PORT } from '../knowledge/ports.ts'
import {
  EXTRA_STATEMENTS_SOURCE,
  IAM_LIMITS,
  KMS_SOURCE,
  PREFIX_WILDCARD_SOURCE,
  grantsEverything,
  parseExtraStatements,
  prefixReachesSiblings,
} from '../knowledge/policies.ts'
import { cite, formatCitation, type Citation } from '../knowledge/sources.ts'
import { RULES_SCRIPT } from './artifacts/linux-host.ts'
import { USER_DATA_MAX_BYTES, userDataBytes } from './artifacts/launch-template.ts'
import { instanceUserData } from './artifacts/user-data.ts'
import type { Context } from './context.ts'
import type { Finding, Severity } from './types.ts'

const finding = (
  severity: Severity,
  field: string | undefined,
  message: Message,
  citation: Citation,
): Finding => ({
  severity,
  ...(field === undefined ? {} : { field }),
  message,
  source: formatCitation(citation),
})

type Rule = (ctx: Context) => Finding[]

const networkModeFitsOs: Rule = ({ config, ami }) => {
  const mode = config.networkMode
  const platform = platformOf(config.os, config.launchType)
  if (config.launchType === 'fargate')
    return platform.networkModes.includes(mode)
      ? []
      : [finding('error', 'networkMode', msg('finding.fargate.awsvpcOnly', { mode }), platform.citation)]
  if (config.os === 'windows' && mode !== 'default' && mode !== 'awsvpc')
    return [
      finding('error', 'networkMode', msg('finding.networkMode.windowsUnsupported', { mode }), cite('S12')),
    ]
  if (config.os === 'linux' && mode === 'default')
    return [finding('error', 'networkMode', msg('finding.networkMode.linuxDefault'), cite('S12', 'S31'))]
  if (mode === 'awsvpc' && !ami.awsvpc.supported)
    return [finding('error', 'networkMode', ami.awsvpc.reason, ami.awsvpc.citation)]
  return []
}

const portMappingsFitMode: Rule = ({ config }) => {
  const out: Finding[] = []
  const mappings = config.task.portMappings
  const mode = config.networkMode
  if (mode === 'none' && mappings.length > 0)
    return [finding('error', 'task.portMappings', msg('finding.portMappings.noneMode'), cite('S31'))]
  const reservedByProtocol = RESERVED_HOST_PORTS[config.os]
  const used = new Map<string, number>()
  mappings.forEach((m, i) => {
    const field = `task.portMappings.${i}.hostPort`
    const hostPort = m.hostPort
    if ((mode === 'host' || mode === 'awsvpc') && hostPort !== undefined && hostPort !== m.containerPort)
      out.push(
        finding(
          'error',
          field,
          msg('finding.portMappings.hostPortMustMatch', { mode, containerPort: m.containerPort }),
          cite('S31', 'S12'),
        ),
      )
    // With host and awsvpc, an omitted host port means the container port.
    const effective = hostPort ?? (mode === 'host' || mode === 'awsvpc' ? m.containerPort : undefined)
    const protocol = m.protocol ?? 'tcp'
    const reserved = reservedByProtocol[protocol]
    if (
      config.os === 'windows' &&
      protocol === 'tcp' &&
      effective === WINDOWS_TASK_ROLE_PORT &&
      mode !== 'awsvpc'
    )
      out.push(finding('error', field, msg('finding.portMappings.windowsPort80'), cite('S3', 'S22')))
    else if (effective !== undefined && effective !== 0 && reserved.includes(effective) && mode !== 'awsvpc')
      out.push(
        finding(
          'error',
          field,
          msg('finding.portMappings.reserved', {
            port: effective,
            protocol,
            os: config.os,
            reserved: reserved.map(String),
          }),
          RESERVED_PORTS_SOURCE,
        ),
      )
    if (effective !== undefined && effective !== 0) {
      const key = `${effective}/${protocol}`
      const first = used.get(key)
      if (first !== undefined)
        out.push(
          finding(
            'error',
            field,
            msg('finding.portMappings.duplicateHostPort', { port: effective, protocol, mapping: first + 1 }),
            cite('S31'),
          ),
        )
      else used.set(key, i)
    }
  })
  return out
}

const instanceMetadata: Rule = ({ config, plan }) => {
  const mode = config.networkMode
  // Fargate: no container instance, so no instance role credentials for a task to reach.
  if (config.launchType === 'fargate') return []
  if (mode === 'host')
    return [finding('warning', 'blockInstanceMetadata', msg('finding.imds.hostMode'), cite('S2'))]
  if (mode === 'none')
    return [
      finding('warning', 'networkMode', msg('finding.networkMode.noneNoCredentials'), cite('S23', 'S31')),
    ]
  if (!config.blockInstanceMetadata)
    return [finding('warning', 'blockInstanceMetadata', msg('finding.imds.notBlocked'), cite('S2', 'S4'))]
  const out: Finding[] = []
  // On Windows both blocks are a missing route inside the container, which its administrator can add back.
  if (config.os === 'windows' && (mode === 'default' || mode === 'awsvpc'))
    out.push(
      finding(
        'warning',
        'blockInstanceMetadata',
        msg(
          mode === 'default' ? 'finding.imds.windowsDefaultSoftBlock' : 'finding.imds.windowsAwsvpcSoftBlock',
        ),
        cite('S3', 'S28', 'AGENT_WINDOWS_ADMIN_USER', 'WINDOWS_CONTAINER_USER', 'CONTAINER_DEFINITION_API'),
      ),
    )
  if (plan.instances?.launchTemplate && (mode === 'bridge' || mode === 'default'))
    out.push(
      finding(
        'info',
        'blockInstanceMetadata',
        msg('finding.imds.imdsv2HopLimit'),
        cite('EC2_IMDS_OPTIONS', 'S2'),
      ),
    )
  return out
}

const amiLifecycle: Rule = ({ ami, config, plan }) => {
  const out: Finding[] = []
  if (config.launchType === 'fargate') return []
  if (ami.endOfLife)
    out.push(
      finding(
        'warning',
        'ami',
        msg('finding.ami.endOfLife', { ami: ami.id, date: ami.endOfLife.date }),
        ami.endOfLife.citation,
      ),
    )
  if (plan.instances?.host.os === 'linux' && plan.instances.host.agentStart === 'docker-run')
    out.push(finding('info', 'ami', msg('finding.ami.manualAgent'), cite('S10')))
  if (config.os === 'windows')
    out.push(
      finding(
        'warning',
        'os',
        msg('finding.windows.restartRecovery'),
        cite('S3', 'AGENT_WINDOWS_HOSTSETUP', 'AGENT_ECSTOOLS_COMMIT', 'AGENT_ISSUE_WINDOWS_RESTART'),
      ),
    )
  return out
}

const placeholders: Rule = ({ config }) =>
  config.accountId === EXAMPLE_ACCOUNT_ID
    ? [
        finding(
          'warning',
          'accountId',
          msg('finding.accountId.example', { accountId: EXAMPLE_ACCOUNT_ID }),
          cite('IAM_IDENTIFIERS'),
        ),
      ]
    : []

const region: Rule = ({ config, partition }) =>
  isKnownRegion(config.region)
    ? []
    : [finding('warning', 'region', msg('finding.region.unknown', { partition: partition.id }), cite('S32'))]

const configObject: Rule = ({ config }) => {
  if (!config.configObject) return []
  if (config.launchType === 'fargate')
    return [
      finding(
        'warning',
        'configObject',
        msg('finding.fargate.configObjectUnused'),
        cite('FARGATE_TASK_DEFINITIONS'),
      ),
    ]
  return config.os === 'windows'
    ? [finding('warning', 'configObject', msg('finding.configObject.windowsUnused'), cite('S6', 'S8'))]
    : []
}

const buckets: Rule = ({ config }) => {
  const out: Finding[] = []
  if (config.buckets.length === 0 && parseExtraStatements(config.extraStatements).length === 0)
    out.push(finding('warning', 'buckets', msg('finding.buckets.none'), cite('S2')))
  const seen = new Map<string, number>()
  config.buckets.forEach((b, i) => {
    // The prefix is granted exactly as typed; without a closing "/" that is more than one folder.
    if (prefixReachesSiblings(b.prefix))
      out.push(
        finding(
          'warning',
          `buckets.${i}.prefix`,
          msg('finding.buckets.prefixWithoutSlash', { prefix: b.prefix ?? '' }),
          PREFIX_WILDCARD_SOURCE,
        ),
      )
    const key = `${b.name}/${b.prefix ?? ''}`
    const first = seen.get(key)
    if (first === undefined) seen.set(key, i)
    else
      out.push(
        finding(
          'warning',
          `buckets.${i}.name`,
          msg('finding.buckets.duplicate', { bucket: first + 1 }),
          cite('S2'),
        ),
      )
  })
  return out
}

// The user's own statements pass the structure checks of the schema; what they grant is theirs to judge,
// except the one statement that makes the task role an administrator.
const extraStatements: Rule = ({ config, partition }) => {
  const out: Finding[] = []
  parseExtraStatements(config.extraStatements).forEach((statement, i) => {
    if (grantsEverything(statement))
      out.push(
        finding(
          'warning',
          'extraStatements',
          msg('finding.extraStatements.grantsEverything', { statement: i + 1 }),
          EXTRA_STATEMENTS_SOURCE,
        ),
      )
    const arns = [statement.Resource ?? statement.NotResource ?? []].flat()
    const foreign = arns.find((arn) => arn.startsWith('arn:') && !arn.startsWith(`arn:${partition.id}:`))
    if (foreign)
      out.push(
        finding(
          'warning',
          'extraStatements',
          msg('finding.extraStatements.foreignPartition', {
            statement: i + 1,
            arn: foreign,
            partition: partition.id,
            region: config.region,
          }),
          cite('IAM_IDENTIFIERS'),
        ),
      )
  })
  return out
}

const trustConditions: Rule = ({ config }) =>
  config.sourceConditions
    ? []
    : [finding('warning', 'sourceConditions', msg('finding.trust.noSourceConditions'), cite('S2', 'S43'))]

// RunTask.networkConfiguration is "required for task definitions that use the awsvpc network mode … and it
// isn't supported for other network modes" (ECS API reference, RunTask).
const runTaskNetwork: Rule = ({ config }) => {
  const chosen = config.subnets.length > 0 || config.securityGroups.length > 0
  if (config.networkMode !== 'awsvpc')
    return chosen
      ? [
          finding(
            'warning',
            config.subnets.length > 0 ? 'subnets' : 'securityGroups',
            msg('finding.runTask.networkUnused', { mode: config.networkMode }),
            cite('RUN_TASK_API'),
          ),
        ]
      : []
  const out: Finding[] = []
  if (config.subnets.length === 0)
    out.push(
      finding(
        'info',
        'subnets',
        msg('finding.runTask.defaultSubnets', { securityGroups: config.securityGroups.length }),
        cite('RUN_TASK_API', 'AWSVPC_CONFIGURATION'),
      ),
    )
  // The default VPC's subnets are public: a Fargate task there reaches the image registry only with a public IP.
  if (config.launchType === 'fargate' && config.subnets.length === 0 && !config.assignPublicIp)
    out.push(
      finding(
        'warning',
        'assignPublicIp',
        msg('finding.fargate.noPublicIp'),
        cite('FARGATE_NETWORKING', 'AWSVPC_CONFIGURATION'),
      ),
    )
  if (config.launchType === 'ec2' && config.assignPublicIp)
    out.push(
      finding(
        'warning',
        'assignPublicIp',
        msg('finding.runTask.publicIpFargateOnly'),
        cite('AWSVPC_CONFIGURATION'),
      ),
    )
  return out
}

// Fargate runs fixed task sizes and, for Windows, two Windows Server releases.
const fargatePlatform: Rule = ({ config }) => {
  if (config.launchType !== 'fargate') return []
  const out: Finding[] = []
  const platform = platformOf(config.os, config.launchType)
  if (config.os === 'windows' && !platform.amis.includes(config.ami))
    out.push(
      finding(
        'error',
        'ami',
        msg('finding.fargate.windowsRelease', { release: WINDOWS_RELEASE[config.ami as WindowsAmiId] }),
        cite('FARGATE_WINDOWS'),
      ),
    )
  const sizes = FARGATE_SIZES[config.os]
  const cpu = config.task.cpu ?? DEFAULT_FARGATE_SIZE[config.os].cpu
  const size = sizes.find((s) => s.cpu === cpu)
  if (!size)
    out.push(
      finding(
        'error',
        'task.cpu',
        msg('finding.fargate.cpu', { cpu, os: config.os, allowed: sizes.map((s) => String(s.cpu)) }),
        FARGATE_SIZE_CITATION,
      ),
    )
  else if (!size.memory.includes(config.task.memory))
    out.push(
      finding(
        'error',
        'task.memory',
        msg('finding.fargate.memory', {
          cpu,
          memory: config.task.memory,
          min: size.memory[0]!,
          max: size.memory[size.memory.length - 1]!,
          step: size.memory.length > 1 ? size.memory[1]! - size.memory[0]! : 0,
        }),
        FARGATE_SIZE_CITATION,
      ),
    )
  return out
}

/**
 * An ARN the setup names (a secret, a KMS key) that lives elsewhere: in another partition nothing can use it
 * (an error); in another account its owner's resource or key policy must also allow this account (a note).
 */
function elsewhere(
  field: string,
  arn: { partition: string; account: string },
  account: string,
  partition: string,
  messages: {
    otherPartition: ['finding.secrets.otherPartition' | 'finding.buckets.kmsOtherPartition', Citation]
    otherAccount: ['finding.secrets.otherAccount' | 'finding.buckets.kmsOtherAccount', Citation]
  },
): Finding[] {
  if (arn.partition !== partition) {
    const [key, citation] = messages.otherPartition
    return [finding('error', field, msg(key, { partition: arn.partition, configured: partition }), citation)]
  }
  if (arn.account !== account) {
    const [key, citation] = messages.otherAccount
    return [finding('info', field, msg(key, { account: arn.account }), citation)]
  }
  return []
}

// What the launch template needs and what the execution role's secrets and images may still need elsewhere.
const launchAndExecution: Rule = ({ config, plan, partition }) => {
  const out: Finding[] = []
  if (plan.instances && !plan.instances.launchTemplate)
    out.push(
      finding(
        'warning',
        'instances.imageId',
        msg('finding.instances.imageIdNeeded', { ami: config.ami === 'ecs-init' ? 'ecsInit' : config.ami }),
        AMI_PARAMETER_SOURCE,
      ),
    )
  const ecr = plan.executionRole?.needs.privateEcr
  if (ecr && ecr.account !== config.accountId)
    out.push(
      finding(
        'info',
        'task.image',
        msg('finding.executionRole.crossAccountEcr', { account: ecr.account, repository: ecr.repository }),
        cite('ECR_REPOSITORY_POLICIES'),
      ),
    )
  config.task.secrets.forEach((secret, i) => {
    const ref = parseSecretReference(secret.valueFrom)
    if (ref)
      out.push(
        ...elsewhere(`task.secrets.${i}.valueFrom`, ref, config.accountId, partition.id, {
          otherPartition: ['finding.secrets.otherPartition', cite('IAM_IDENTIFIERS')],
          otherAccount: ['finding.secrets.otherAccount', cite('SECRETS_MANAGER_ENV', 'SSM_PARAMETER_ENV')],
        }),
      )
  })
  if (config.task.secrets.length > 0)
    out.push(
      finding(
        'info',
        'task.secrets',
        msg('finding.secrets.customerManagedKey'),
        cite('SECRETS_MANAGER_ENV', 'SSM_PARAMETER_ENV'),
      ),
    )
  const names = new Map<string, number>()
  config.task.secrets.forEach((secret, i) => {
    const first = names.get(secret.name)
    if (first === undefined) names.set(secret.name, i)
    else
      out.push(
        finding(
          'error',
          `task.secrets.${i}.name`,
          msg('finding.secrets.duplicateName', { secret: first + 1 }),
          cite('CONTAINER_DEFINITION_API'),
        ),
      )
  })
  return out
}

// Two roles with one name would be one role with two trust policies: the second create fails, or an existing
// role is asked to serve two jobs. Each role gets its own name unless both are the same existing role.
const distinctRoles: Rule = ({ config, plan }) => {
  const out: Finding[] = []
  const task = plan.taskRole
  const others = [
    ...(plan.executionRole ? [{ field: 'executionRoleName', role: plan.executionRole }] : []),
    ...(plan.instances ? [{ field: 'instanceRoleName', role: plan.instances.role }] : []),
  ]
  for (const { field, role } of others)
    if (
      role.name.toLowerCase() === task.name.toLowerCase() &&
      !(role.existing && task.existing && field === 'executionRoleName')
    )
      out.push(
        finding(
          'error',
          field,
          msg('finding.roles.sameName', { role: role.name }),
          cite('S2', 'TASK_EXECUTION_ROLE'),
        ),
      )
  if (
    plan.executionRole &&
    plan.instances &&
    plan.executionRole.name.toLowerCase() === plan.instances.role.name.toLowerCase()
  )
    out.push(
      finding(
        'error',
        'instanceRoleName',
        msg('finding.roles.sameName', { role: plan.instances.role.name }),
        cite('S4', 'TASK_EXECUTION_ROLE'),
      ),
    )
  // The execution role is asked for only when the task needs one; a name typed for none is noted.
  if (!plan.executionRole && config.existingExecutionRole)
    out.push(
      finding(
        'info',
        'existingExecutionRole',
        msg('finding.executionRole.notNeeded'),
        cite('TASK_EXECUTION_ROLE'),
      ),
    )
  return out
}

// SSE-KMS keys: only through S3 in the key's region, and the key must be in the configured partition.
const bucketKeys: Rule = ({ config, partition }) => {
  const out: Finding[] = []
  config.buckets.forEach((bucket, i) => {
    const key = bucket.kmsKeyArn ? parseKmsKeyArn(bucket.kmsKeyArn) : undefined
    if (key)
      out.push(
        ...elsewhere(`buckets.${i}.kmsKeyArn`, key, config.accountId, partition.id, {
          otherPartition: ['finding.buckets.kmsOtherPartition', cite('KMS_KEY_ID')],
          otherAccount: ['finding.buckets.kmsOtherAccount', KMS_SOURCE],
        }),
      )
  })
  return out
}

// The image must be built for the instances' OS, and on Windows for their Windows Server release: ECS runs
// Windows containers with process isolation. The name is only a hint, so an unknown name is a note.
const imageFitsPlatform: Rule = ({ config }) => {
  const image = imagePlatform(config.task.image)
  const field = 'task.image'
  if (config.os === 'linux')
    return image.os === 'windows'
      ? [
          finding(
            'warning',
            field,
            msg('finding.image.windowsOnLinux', { image: config.task.image }),
            cite('WINDOWS_BASE_IMAGES'),
          ),
        ]
      : []
  const release = WINDOWS_RELEASE[config.ami as WindowsAmiId]
  const example = defaultImage(config.ami)
  if (image.os === 'linux')
    return [
      finding(
        'warning',
        field,
        msg('finding.image.linuxOnWindows', { image: config.task.image, release, example }),
        cite('WINDOWS_BASE_IMAGES', 'WINDOWS_CONTAINER_VERSIONS'),
      ),
    ]
  if (image.os === 'windows' && image.release && image.release !== release)
    return [
      finding(
        'warning',
        field,
        msg('finding.image.releaseMismatch', {
          image: config.task.image,
          imageRelease: image.release,
          release,
          example,
        }),
        cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS'),
      ),
    ]
  if (image.os === 'unknown')
    return [
      finding(
        'info',
        field,
        msg('finding.image.unknownPlatform', { release, example }),
        cite('WINDOWS_CONTAINER_VERSIONS'),
      ),
    ]
  return []
}

// What the Linux host rules cannot do on their own: survive a firewalld reload with its iptables backend, and
// block the IPv6 IMDS address when Docker leaves ip6tables alone.
const linuxHostRules: Rule = ({ config, plan }) => {
  const out: Finding[] = []
  const rules = plan.instances?.host.os === 'linux' ? plan.instances.host.rules : undefined
  const nonAmazonRhel =
    config.hostFamily === 'rhel' && (config.ami === 'ecs-init' || config.ami === 'manual-agent')
  if (rules && nonAmazonRhel)
    out.push(
      finding(
        'warning',
        'hostFamily',
        msg('finding.linuxHost.firewalldFlush', { rulesScript: RULES_SCRIPT }),
        cite('FIREWALLD_IPTABLES_FLUSH', 'FIREWALLD_NFTABLES_FLUSH', 'FIREWALLD_CONF'),
      ),
    )
  if (rules?.imdsBlock)
    out.push(
      finding(
        'info',
        'blockInstanceMetadata',
        msg('finding.linuxHost.imdsIpv6'),
        cite('EC2_IMDS_IPV6', 'EC2_IMDS_IPV6_DEFAULT', 'DOCKER_USER_CHAINS', 'DOCKER_IP6TABLES_DEFAULT'),
      ),
    )
  return out
}

// EC2 refuses user data over 16 KB (counted before Base64): a launch with it fails.
const userDataSize: Rule = (ctx) => {
  if (!ctx.plan.instances) return []
  const bytes = userDataBytes(instanceUserData(ctx).text)
  return bytes > USER_DATA_MAX_BYTES
    ? [
        finding(
          'error',
          'instances',
          msg('finding.instances.userDataTooLarge', { bytes, limit: USER_DATA_MAX_BYTES }),
          cite('EC2_CREATE_LAUNCH_TEMPLATE', 'EC2_RUN_INSTANCES'),
        ),
      ]
    : []
}

export const FINDING_RULES: readonly Rule[] = [
  userDataSize,
  runTaskNetwork,
  networkModeFitsOs,
  fargatePlatform,
  launchAndExecution,
  distinctRoles,
  bucketKeys,
  portMappingsFitMode,
  instanceMetadata,
  amiLifecycle,
  linuxHostRules,
  placeholders,
  region,
  configObject,
  buckets,
  extraStatements,
  trustConditions,
  imageFitsPlatform,
]

/** Size check on rendered policies: the role's inline policies share 10,240 characters, whitespace excluded. */
export function inlinePolicySizeFinding(field: string, policyTexts: string[]): Finding[] {
  const size = policyTexts.reduce((n, text) => n + text.replace(/\s/g, '').length, 0)
  return size > IAM_LIMITS.inlinePoliciesPerRoleChars
    ? [
        finding(
          'error',
          field,
          msg('finding.iam.inlinePolicyTooLarge', { size, limit: IAM_LIMITS.inlinePoliciesPerRoleChars }),
          IAM_LIMITS.citation,
        ),
      ]
    : []
}
