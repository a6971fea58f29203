// Checks across the whole configuration: impossible combinations are explained at the field they concern,
// never silently fixed (product.md). Each rule cites the public sources it implements. Messages are data:
// the key is the finding's stable code (catalogs/<locale>/findings.json), the parameters its values.
import { EXAMPLE_ACCOUNT_ID } from '../config/schema.ts'
import { msg, type Message } from '../i18n/message.ts'
import type { WindowsAmiId } from '../knowledge/amis.ts'
import { WINDOWS_RELEASE, defaultImage, imagePlatform } from '../knowledge/images.ts'
import { isKnownRegion } from '../knowledge/partitions.ts'
import { RESERVED_HOST_PORTS, RESERVED_PORTS_SOURCE, WINDOWS_TASK_ROLE_PORT } from '../knowledge/ports.ts'
import {
  EXTRA_STATEMENTS_SOURCE,
  IAM_LIMITS,
  PREFIX_WILDCARD_SOURCE,
  grantsEverything,
  parseExtraStatements,
  prefixReachesSiblings,
} from '../knowledge/policies.ts'
import { cite, formatCitation, type Citation } from '../knowledge/sources.ts'
import { RULES_SCRIPT } from './artifacts/linux-host.ts'
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

const instanceMetadata: Rule = ({ config }) => {
  const mode = config.networkMode
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
  if (config.os === 'linux' && mode === 'bridge')
    out.push(finding('info', 'blockInstanceMetadata', msg('finding.imds.imdsv2HopLimit'), cite('S2')))
  return out
}

const amiLifecycle: Rule = ({ ami, config, plan }) => {
  const out: Finding[] = []
  if (ami.endOfLife)
    out.push(
      finding(
        'warning',
        'ami',
        msg('finding.ami.endOfLife', { ami: ami.id, date: ami.endOfLife.date }),
        ami.endOfLife.citation,
      ),
    )
  if (plan.host.os === 'linux' && plan.host.agentStart === 'docker-run')
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

const configObject: Rule = ({ config }) =>
  config.os === 'windows' && config.configObject
    ? [finding('warning', 'configObject', msg('finding.configObject.windowsUnused'), cite('S6', 'S8'))]
    : []

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
  if (config.subnets.length === 0)
    return [
      finding(
        'info',
        'subnets',
        msg('finding.runTask.defaultSubnets', { securityGroups: config.securityGroups.length }),
        cite('RUN_TASK_API', 'AWSVPC_CONFIGURATION'),
      ),
    ]
  return []
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
  const rules = plan.host.os === 'linux' ? plan.host.rules : undefined
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

export const FINDING_RULES: readonly Rule[] = [
  runTaskNetwork,
  networkModeFitsOs,
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
