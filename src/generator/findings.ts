// Checks across the whole configuration: impossible combinations are explained at the field they concern,
// never silently fixed (product.md). Each rule cites the reference section it implements.
import { EXAMPLE_ACCOUNT_ID } from '../config/schema.ts'
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
import type { Context } from './context.ts'
import type { Finding, Severity } from './types.ts'

const finding = (
  severity: Severity,
  field: string | undefined,
  message: string,
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
      finding(
        'error',
        'networkMode',
        `Windows container instances support only the default (NAT) and awsvpc network modes, not ${mode}.`,
        cite('S12'),
      ),
    ]
  if (config.os === 'linux' && mode === 'default')
    return [
      finding(
        'error',
        'networkMode',
        'The default (NAT) network mode exists only on Windows. On Linux, omitting networkMode means bridge: choose bridge explicitly.',
        cite('S12', 'S31'),
      ),
    ]
  if (mode === 'awsvpc' && !ami.awsvpc.supported)
    return [finding('error', 'networkMode', ami.awsvpc.reason, ami.awsvpc.citation)]
  return []
}

const portMappingsFitMode: Rule = ({ config }) => {
  const out: Finding[] = []
  const mappings = config.task.portMappings
  const mode = config.networkMode
  if (mode === 'none' && mappings.length > 0)
    return [
      finding(
        'error',
        'task.portMappings',
        'The none network mode allows no port mappings: remove them or choose another network mode.',
        cite('S31'),
      ),
    ]
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
          `In ${mode} mode the host port must be left out or equal the container port (${m.containerPort}).`,
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
      out.push(
        finding(
          'error',
          field,
          'Host port 80 is taken by the task-role credential proxy on Windows container instances. Map the container to another host port and put a load balancer on port 80.',
          cite('S3', 'S22'),
        ),
      )
    else if (effective !== undefined && effective !== 0 && reserved.includes(effective) && mode !== 'awsvpc')
      out.push(
        finding(
          'error',
          field,
          `Host port ${effective}/${protocol} is reserved by the ECS agent on ${config.os === 'linux' ? 'Linux' : 'Windows'} (TCP ${reserved.join(', ')}).`,
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
            `Host port ${key} is already used by port mapping ${first + 1}; one task can map a host port once.`,
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
    return [
      finding(
        'warning',
        'blockInstanceMetadata',
        'Nothing blocks the instance metadata service for host-mode tasks: they share the host network and can read the instance role credentials. Keep the instance role minimal, or use bridge or awsvpc.',
        cite('S2'),
      ),
    ]
  if (mode === 'none')
    return [
      finding(
        'warning',
        'networkMode',
        'Containers in the none network mode have no network at all, so they cannot reach the credential endpoint 169.254.170.2 and the task role is unusable.',
        cite('S23', 'S31'),
      ),
    ]
  if (!config.blockInstanceMetadata)
    return [
      finding(
        'warning',
        'blockInstanceMetadata',
        "Containers can read the instance role's credentials from the instance metadata service (169.254.169.254), bypassing the task role.",
        cite('S2', 'S4'),
      ),
    ]
  const out: Finding[] = []
  // On Windows both blocks are a missing route inside the container, which its administrator can add back.
  if (config.os === 'windows' && (mode === 'default' || mode === 'awsvpc'))
    out.push(
      finding(
        'warning',
        'blockInstanceMetadata',
        mode === 'default'
          ? 'In Windows default (NAT) mode the IMDS block is only a missing route: container/bootstrap-routes.ps1 leaves out 169.254.169.254, and AWS documents no block for this mode. It is a soft control: an administrator in the container (such as ContainerAdministrator) can add the route back; AWS’s own block for Windows awsvpc tasks is the same kind of route. Run the application as a non-administrator (ContainerUser) after the route script, which needs an administrator. The task definition’s "user" parameter is not supported for Windows containers: switch users in the image or its entrypoint.'
          : 'On Windows, -AwsvpcBlockIMDS blocks instance metadata by leaving the 169.254.169.254 route out of the task’s network namespace. It is a soft control: an administrator in the container (such as ContainerAdministrator) can add the route back. Build the image to run the application as a non-administrator (USER ContainerUser in the Dockerfile); the task definition’s "user" parameter is not supported for Windows containers.',
        cite('S3', 'S28', 'AGENT_WINDOWS_ADMIN_USER', 'WINDOWS_CONTAINER_USER', 'CONTAINER_DEFINITION_API'),
      ),
    )
  if (config.os === 'linux' && mode === 'bridge')
    out.push(
      finding(
        'info',
        'blockInstanceMetadata',
        'Unverified hint, not an ECS recommendation: also requiring IMDSv2 with a hop limit of 1 on the instances keeps IMDSv2 tokens from reaching bridge containers.',
        cite('S2'),
      ),
    )
  return out
}

const amiLifecycle: Rule = ({ ami, config, manualAgent }) => {
  const out: Finding[] = []
  if (ami.endOfLife)
    out.push(
      finding(
        'warning',
        'ami',
        `${ami.label} reached end of life on ${ami.endOfLife.date}. Use the ECS-optimized Amazon Linux 2023 AMI for new instances.`,
        ami.endOfLife.citation,
      ),
    )
  if (manualAgent)
    out.push(
      finding(
        'info',
        'ami',
        'AWS recommends installing the ecs-init package (.rpm or .deb) rather than starting the agent by hand: ecs-init manages the credential-proxy rules itself.',
        cite('S10'),
      ),
    )
  if (config.os === 'windows')
    out.push(
      finding(
        'warning',
        'os',
        'After a Windows container instance restarts (reboot, or stop and start), tasks get no credentials until the proxy interface is deleted and the agent initialized again; AWS gives no commands. host/recover-after-restart.ps1 has them, derived from the setup steps of AWS’s public hostsetup.ps1, which ECSTools took over. It is not verified on a live instance: prefer replacing instances to restarting them, and keep the script for when a restart happens anyway.',
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
          `${EXAMPLE_ACCOUNT_ID} is the example account ID from the AWS documentation; replace it with yours.`,
          cite('IAM_IDENTIFIERS'),
        ),
      ]
    : []

const region: Rule = ({ config, partition }) =>
  isKnownRegion(config.region)
    ? []
    : [
        finding(
          'warning',
          'region',
          `This region is not in the region list this tool knows (2026-06); it is treated as part of the ${partition.id} partition.`,
          cite('S32'),
        ),
      ]

const configObject: Rule = ({ config }) =>
  config.os === 'windows' && config.configObject
    ? [
        finding(
          'warning',
          'configObject',
          'An ecs.config object in S3 applies to Linux instances only; Windows instances take their agent settings from user data, so it is not used.',
          cite('S6', 'S8'),
        ),
      ]
    : []

const buckets: Rule = ({ config }) => {
  const out: Finding[] = []
  if (config.buckets.length === 0 && parseExtraStatements(config.extraStatements).length === 0)
    out.push(
      finding(
        'warning',
        'buckets',
        'No buckets: the task role gets no permissions, so iam/task-role-policy.json is left out. Add the access your application needs.',
        cite('S2'),
      ),
    )
  const seen = new Map<string, number>()
  config.buckets.forEach((b, i) => {
    // The prefix is granted exactly as typed; without a closing "/" that is more than one folder.
    if (prefixReachesSiblings(b.prefix))
      out.push(
        finding(
          'warning',
          `buckets.${i}.prefix`,
          `The prefix "${b.prefix}" does not end with "/", so it also grants keys such as "${b.prefix}0/…" and "${b.prefix}-old/…": in IAM, "*" after a prefix matches any characters, "/" included. End it with "/" ("${b.prefix}/") to grant that folder only.`,
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
          `This bucket and prefix are already listed as bucket ${first + 1}; the statements add up to the wider access of the two.`,
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
          `Statement ${i + 1} allows every action ("*") on every resource ("*"): any code in the task could do anything in the account. Name the actions and resources it needs.`,
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
          `Statement ${i + 1} names ${foreign}, which is not in the ${partition.id} partition of ${config.region}: it matches nothing there.`,
          cite('IAM_IDENTIFIERS'),
        ),
      )
  })
  return out
}

const trustConditions: Rule = ({ config }) =>
  config.sourceConditions
    ? []
    : [
        finding(
          'warning',
          'sourceConditions',
          'Without the aws:SourceAccount and aws:SourceArn conditions, the task role trust policy does not guard against the confused-deputy problem; AWS recommends them.',
          cite('S2', 'S43'),
        ),
      ]

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
            `Subnets and security groups apply only to the awsvpc network mode; with ${config.networkMode} they are not used. Clear them, or choose awsvpc.`,
            cite('RUN_TASK_API'),
          ),
        ]
      : []
  if (config.subnets.length === 0)
    return [
      finding(
        'info',
        'subnets',
        `awsvpc tasks need subnets to run. None are chosen, so "setup/aws-cli.sh run-task" uses the default VPC's default subnets and ${config.securityGroups.length > 0 ? 'the chosen security groups' : 'its default security group'}, and stops with a message when the region has no default VPC. awsvpc tasks on EC2 get no public IP address, so in the default VPC's public subnets they reach AWS APIs only through VPC endpoints: choose private subnets with a NAT gateway for real workloads.`,
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
            `${config.task.image} is a Windows container image; Linux container instances cannot run it. Use a Linux image, or choose Windows.`,
            cite('WINDOWS_BASE_IMAGES'),
          ),
        ]
      : []
  const release = WINDOWS_RELEASE[config.ami as WindowsAmiId]
  const suggestion = `for example ${defaultImage(config.ami)}`
  if (image.os === 'linux')
    return [
      finding(
        'warning',
        field,
        `${config.task.image} is a Linux image; Windows container instances run only Windows images. Use an image built for Windows Server ${release}, ${suggestion}.`,
        cite('WINDOWS_BASE_IMAGES', 'WINDOWS_CONTAINER_VERSIONS'),
      ),
    ]
  if (image.os === 'windows' && image.release && image.release !== release)
    return [
      finding(
        'warning',
        field,
        `${config.task.image} is built for Windows Server ${image.release}, but the AMI runs Windows Server ${release}: Windows containers in process isolation need the host's release. Use an image for ${release}, ${suggestion}.`,
        cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS'),
      ),
    ]
  if (image.os === 'unknown')
    return [
      finding(
        'info',
        field,
        `The image name does not show its platform: it must be a Windows image built for Windows Server ${release} (base image tag ltsc${release}), ${suggestion}.`,
        cite('WINDOWS_CONTAINER_VERSIONS'),
      ),
    ]
  return []
}

// What the Linux host rules cannot do on their own: survive a firewalld reload with its iptables backend, and
// block the IPv6 IMDS address when Docker leaves ip6tables alone.
const linuxHostRules: Rule = ({ config, needsHostRules, blocksImdsWithIptables }) => {
  const out: Finding[] = []
  const nonAmazonRhel =
    config.hostFamily === 'rhel' && (config.ami === 'ecs-init' || config.ami === 'manual-agent')
  if (needsHostRules && nonAmazonRhel)
    out.push(
      finding(
        'warning',
        'hostFamily',
        'firewalld with its iptables backend (FirewallBackend=iptables: deprecated, RHEL 7) flushes every iptables table when it starts or reloads. The boot unit runs after firewalld, but after "firewall-cmd --reload" run /usr/local/sbin/ecs-task-iam-rules.sh again. The default nftables backend leaves these rules alone unless firewalld has direct rules.',
        cite('FIREWALLD_IPTABLES_FLUSH', 'FIREWALLD_NFTABLES_FLUSH', 'FIREWALLD_CONF'),
      ),
    )
  if (blocksImdsWithIptables)
    out.push(
      finding(
        'info',
        'blockInstanceMetadata',
        "IPv6: Nitro instances also serve instance metadata on fd00:ec2::254 when the instance's HttpProtocolIpv6 option is enabled (off by default). The rules drop it in ip6tables' DOCKER-USER, which Docker uses only with its ip6tables option on (the default from Docker 27; off in Docker 25, which the ECS-optimized AMIs ship). With IPv6 containers and that option off nothing blocks it: keep HttpProtocolIpv6 disabled.",
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
          `The task role's inline policy is ${size.toLocaleString('en-US')} characters without whitespace; IAM allows ${IAM_LIMITS.inlinePoliciesPerRoleChars.toLocaleString('en-US')} per role. Merge prefixes or use fewer buckets.`,
          IAM_LIMITS.citation,
        ),
      ]
    : []
}
