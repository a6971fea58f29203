// Checks across the whole configuration: impossible combinations are explained at the field they concern,
// never silently fixed (product.md). Each rule cites the reference section it implements.
import { EXAMPLE_ACCOUNT_ID } from '../config/schema.ts'
import { isKnownRegion } from '../knowledge/partitions.ts'
import { RESERVED_HOST_PORTS, RESERVED_PORTS_SOURCE, WINDOWS_TASK_ROLE_PORT } from '../knowledge/ports.ts'
import { IAM_LIMITS } from '../knowledge/policies.ts'
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
  const reserved = RESERVED_HOST_PORTS[config.os]
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
    if (config.os === 'windows' && effective === WINDOWS_TASK_ROLE_PORT && mode !== 'awsvpc')
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
          `Host port ${effective} is reserved by the ECS agent on ${config.os === 'linux' ? 'Linux' : 'Windows'} (${reserved.join(', ')}).`,
          RESERVED_PORTS_SOURCE,
        ),
      )
    if (effective !== undefined && effective !== 0) {
      const key = `${effective}/${m.protocol ?? 'tcp'}`
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
  if (config.os === 'windows' && mode === 'default')
    out.push(
      finding(
        'info',
        'blockInstanceMetadata',
        'For Windows default (NAT) mode, blocking means the container route script leaves out the 169.254.169.254 route. This follows from how the routes work; AWS documents no IMDS block for this mode.',
        cite('S3', 'S28'),
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
  if (manualAgent && config.hostFamily === 'rhel')
    out.push(
      finding(
        'info',
        'hostFamily',
        'On hosts with SELinux enforcing, the agent container needs --privileged and ":Z" on the /log and /data mounts; add them to host/run-agent.sh.',
        cite('S9'),
      ),
    )
  if (config.os === 'windows')
    out.push(
      finding(
        'info',
        'os',
        'After a Windows container instance restarts, the credential proxy must be set up again (delete the proxy interface, initialize the agent). AWS gives no commands for this; replacing the instance is the safer path.',
        cite('S3', 'S47'),
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
  if (config.buckets.length === 0)
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

export const FINDING_RULES: readonly Rule[] = [
  networkModeFitsOs,
  portMappingsFitMode,
  instanceMetadata,
  amiLifecycle,
  placeholders,
  region,
  configObject,
  buckets,
  trustConditions,
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
