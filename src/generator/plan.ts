// plan(config) → the setup as data: the roles with their trust and inline policy documents and managed
// policies, the instance profile, the cluster, the task definition and how a task is run, and what the
// container instance sets up. Every generated file renders this one plan (artifacts.ts), so the IAM files,
// setup/aws-cli.sh and the host scripts cannot disagree about which resources exist. Pure data: nothing here
// quotes or renders text (docs/decisions/012-setup-plan-and-artifact-table.md).
import type {
  AwsVpcConfiguration,
  ContainerDefinition,
  RegisterTaskDefinitionCommandInput,
  TaskOverride,
} from '@aws-sdk/client-ecs'
import { instanceProfileName, type WizardConfig } from '../config/schema.ts'
import type { AgentVariable } from '../knowledge/agent.ts'
import {
  amiInfo,
  awsCliInstall,
  rulesPersistence,
  type AwsCliInstall,
  type LinuxAmiId,
  type RulesPersistence,
  type WindowsAmiId,
} from '../knowledge/amis.ts'
import type { Citation } from '../knowledge/citation.ts'
import { partitionOfRegion, type PartitionId } from '../knowledge/partitions.ts'
import {
  INSTANCE_ROLE_MANAGED_POLICY,
  S3_ACCESS,
  awsManagedPolicyArn,
  parseExtraStatements,
  s3Grant,
  s3OwnerCondition,
  type IamStatement,
} from '../knowledge/policies.ts'

/** A statement this tool writes; the user's extra statements are IamStatement. */
export interface PolicyStatement {
  Sid: string
  Effect: 'Allow'
  Principal?: { Service: string | string[] }
  Action: string | string[]
  Resource?: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: (PolicyStatement | IamStatement)[]
}

export interface InlinePolicy {
  /** The policy's name on its role (put-role-policy --policy-name): fixed, no user text in it. */
  name: string
  document: PolicyDocument
}

export interface ManagedPolicy {
  name: string
  arn: string
  citation: Citation
}

export interface RolePlan {
  name: string
  arn: string
  trustPolicy: PolicyDocument
  /** Absent when the role needs no permissions of its own. */
  inlinePolicy?: InlinePolicy
  managedPolicies: readonly ManagedPolicy[]
}

/** iam:PassRole on both roles: always a document; put on the deployer's role only when one is named. */
export interface PassRolePlan {
  policy: InlinePolicy
  /** An existing role the setup puts the policy on; without it the policy is attached by hand. */
  deployerRoleName?: string
}

export interface RunTaskPlan {
  cluster: string
  /** The task definition family: its latest revision runs. */
  taskDefinition: string
  launchType: 'EC2'
  overrides: TaskOverride
  /**
   * awsvpc only: the subnets (and security groups) chosen, or none chosen, and then the default VPC's default
   * subnets and the given (or default) security groups, looked up when the task runs.
   */
  network?:
    | { kind: 'chosen'; awsvpcConfiguration: AwsVpcConfiguration }
    | { kind: 'default-vpc'; securityGroups: readonly string[] }
}

/** A line of ecs.config (and an --env of the hand-started agent). */
export type AgentSetting = readonly [key: AgentVariable, value: string]

export interface LinuxHostPlan {
  os: 'linux'
  ami: LinuxAmiId
  /** The agent settings, in the order they are written. */
  agentSettings: readonly AgentSetting[]
  /**
   * Who starts the agent: the AMI's own ecs-init (ECS-optimized AMIs), ecs-init started by user data once
   * ecs.config is written (other Linux), or `docker run` by this tool (a hand-started agent).
   */
  agentStart: 'ami' | 'ecs-init' | 'docker-run'
  /** ecs.config from S3, read with the instance role, and how the host gets the AWS CLI to read it. */
  configObject?: { bucket: string; key: string; awsCli: AwsCliInstall }
  /** This tool's iptables rules, when any are needed, and what applies them again at boot. */
  rules?: {
    /** The credential proxy (and its hardening): ecs-init adds it itself; a hand-started agent needs it. */
    credentialProxy: boolean
    /** Bridge containers: the instance metadata DROP in DOCKER-USER. */
    imdsBlock: boolean
    persistence: RulesPersistence
  }
  /** A task's container should find instance metadata unreachable. */
  tasksFindImdsBlocked: boolean
}

export interface WindowsHostPlan {
  os: 'windows'
  ami: WindowsAmiId
  /** Initialize-ECSAgent -Cluster … -EnableTaskIAMRole, with the awsvpc switches. */
  agent: { cluster: string; taskEni: boolean; awsvpcBlockImds: boolean }
  /** Default (NAT) mode: the container adds its own routes; the one to instance metadata only when not blocked. */
  containerRoutes?: { metadataRoute: boolean }
  /** A task's container should find instance metadata unreachable. */
  tasksFindImdsBlocked: boolean
}

export interface SetupPlan {
  accountId: string
  region: string
  partition: PartitionId
  taskRole: RolePlan
  instanceRole: RolePlan
  instanceProfile: { name: string; arn: string; roleName: string }
  passRole: PassRolePlan
  cluster: { name: string; arn: string }
  /** The RegisterTaskDefinition input; typed by the AWS SDK so a wrong field or enum fails to compile. */
  taskDefinition: RegisterTaskDefinitionCommandInput
  runTask: RunTaskPlan
  host: LinuxHostPlan | WindowsHostPlan
}

// Fixed inline policy names: no user text needs to be glued into them.
export const INLINE_POLICY_NAMES = {
  taskRole: 'ecs-task-permissions',
  instanceRole: 'ecs-config-object-read',
  deployer: 'ecs-pass-task-and-instance-roles',
} as const

const policy = (...statements: (PolicyStatement | IamStatement)[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
})

/** One value stays a string, several become a list: the shape IAM and the AWS examples use. */
const oneOrMany = (values: readonly string[]): string | string[] =>
  values.length === 1 ? values[0]! : [...values]

function taskRolePolicy(config: WizardConfig, partition: PartitionId): PolicyDocument | undefined {
  const extra = parseExtraStatements(config.extraStatements)
  if (config.buckets.length === 0 && extra.length === 0) return undefined
  const statements: PolicyStatement[] = []
  // Only buckets the configured account owns: a same-named bucket in another account is never trusted.
  const owner = s3OwnerCondition(config.accountId)
  config.buckets.forEach((bucket, i) => {
    const access = S3_ACCESS[bucket.access]
    const grant = s3Grant(partition, bucket.name, bucket.prefix)
    const n = i + 1
    // Object actions match object ARNs, bucket actions the bucket ARN: separate statements [S2][S50].
    statements.push({
      Sid: `Bucket${n}Objects`,
      Effect: 'Allow',
      Action: oneOrMany(access.objectActions),
      Resource: grant.objectArn,
      Condition: { ...owner },
    })
    if (access.listBucket)
      statements.push({
        Sid: `Bucket${n}List`,
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: grant.bucketArn,
        Condition: {
          ...(grant.listPrefix ? { StringLike: { 's3:prefix': grant.listPrefix } } : {}),
          ...owner,
        },
      })
  })
  // The user's own statements come last, as written (in the canonical element order).
  return policy(...statements, ...extra)
}

function taskDefinition(config: WizardConfig, taskRoleArn: string): RegisterTaskDefinitionCommandInput {
  const { task } = config
  const container: ContainerDefinition = {
    name: task.containerName,
    image: task.image,
    essential: true,
    memory: task.memory,
  }
  if (task.portMappings.length > 0)
    container.portMappings = task.portMappings.map((m) => ({
      containerPort: m.containerPort,
      ...(m.hostPort === undefined ? {} : { hostPort: m.hostPort }),
      protocol: m.protocol ?? 'tcp',
    }))
  return {
    family: task.family,
    taskRoleArn,
    // Windows default (NAT) mode has no API value: it is selected by leaving networkMode out.
    ...(config.networkMode === 'default' ? {} : { networkMode: config.networkMode }),
    requiresCompatibilities: ['EC2'],
    containerDefinitions: [container],
  }
}

function awsvpcNetwork(config: WizardConfig): NonNullable<RunTaskPlan['network']> {
  if (config.subnets.length === 0) return { kind: 'default-vpc', securityGroups: config.securityGroups }
  return {
    kind: 'chosen',
    awsvpcConfiguration: {
      subnets: config.subnets,
      // Without security groups, ECS uses the VPC's default security group (AwsVpcConfiguration).
      ...(config.securityGroups.length > 0 ? { securityGroups: config.securityGroups } : {}),
    },
  }
}

function linuxHost(config: WizardConfig): LinuxHostPlan {
  const ami = config.ami as LinuxAmiId
  const launcher = amiInfo(ami).launcher
  const settings: AgentSetting[] = [
    ['ECS_CLUSTER', config.clusterName],
    // ecs-init sets both already; writing them makes the intent explicit and costs nothing.
    ['ECS_ENABLE_TASK_IAM_ROLE', 'true'],
    ['ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST', 'true'],
  ]
  if (config.networkMode === 'awsvpc') {
    settings.push(['ECS_ENABLE_TASK_ENI', 'true'])
    if (config.blockInstanceMetadata) settings.push(['ECS_AWSVPC_BLOCK_IMDS', 'true'])
  }
  const credentialProxy = launcher === 'docker-run'
  const imdsBlock = config.networkMode === 'bridge' && config.blockInstanceMetadata
  return {
    os: 'linux',
    ami,
    agentSettings: settings,
    agentStart: credentialProxy ? 'docker-run' : ami === 'ecs-init' ? 'ecs-init' : 'ami',
    ...(config.configObject
      ? { configObject: { ...config.configObject, awsCli: awsCliInstall(ami, config.hostFamily) } }
      : {}),
    ...(credentialProxy || imdsBlock
      ? { rules: { credentialProxy, imdsBlock, persistence: rulesPersistence(ami) } }
      : {}),
    tasksFindImdsBlocked: tasksFindImdsBlocked(config),
  }
}

function windowsHost(config: WizardConfig): WindowsHostPlan {
  const awsvpc = config.networkMode === 'awsvpc'
  return {
    os: 'windows',
    ami: config.ami as WindowsAmiId,
    agent: {
      cluster: config.clusterName,
      taskEni: awsvpc,
      awsvpcBlockImds: awsvpc && config.blockInstanceMetadata,
    },
    // In awsvpc the agent adds the routes itself (namespace_helper_windows.go, S28).
    ...(config.networkMode === 'default'
      ? { containerRoutes: { metadataRoute: !config.blockInstanceMetadata } }
      : {}),
    tasksFindImdsBlocked: tasksFindImdsBlocked(config),
  }
}

/** The modes where a block of instance metadata exists (iptables, the agent's awsvpc block, the route script). */
function tasksFindImdsBlocked({ networkMode, blockInstanceMetadata }: WizardConfig): boolean {
  return (
    blockInstanceMetadata &&
    (networkMode === 'bridge' || networkMode === 'awsvpc' || networkMode === 'default')
  )
}

/** The setup for a validated config (readConfig): every resource and document, decided once. */
export function plan(config: WizardConfig): SetupPlan {
  const partition = partitionOfRegion(config.region)
  if (!partition) throw new Error('plan needs a validated config')
  const p = partition.id
  const account = config.accountId
  const profile = instanceProfileName(config)
  const arns = {
    taskRole: `arn:${p}:iam::${account}:role/${config.taskRoleName}`,
    instanceRole: `arn:${p}:iam::${account}:role/${config.instanceRoleName}`,
  }

  const taskRoleTrust: PolicyStatement = {
    Sid: 'EcsTasksAssumeRole',
    Effect: 'Allow',
    Principal: { Service: partition.ecsTasksPrincipal },
    Action: 'sts:AssumeRole',
    // AWS does not support a cluster-specific SourceArn here; the account-wide wildcard is what it shows.
    // The example in the guide lacks the "arn:" prefix of a real ARN [S2].
    ...(config.sourceConditions
      ? {
          Condition: {
            ArnLike: { 'aws:SourceArn': `arn:${p}:ecs:${config.region}:${account}:*` },
            StringEquals: { 'aws:SourceAccount': account },
          },
        }
      : {}),
  }
  const taskPolicy = taskRolePolicy(config, p)

  const linux = config.os === 'linux'
  const configObject = linux ? config.configObject : undefined
  const instancePolicy = configObject
    ? policy({
        Sid: 'ReadEcsConfigObject',
        Effect: 'Allow',
        // User data reads it with "aws s3api get-object", which calls GetObject only [S50].
        Action: 's3:GetObject',
        Resource: `arn:${p}:s3:::${configObject.bucket}/${configObject.key}`,
        // The instance reads its agent settings from this object: only from the configured account's bucket.
        Condition: s3OwnerCondition(account),
      })
    : undefined

  return {
    accountId: account,
    region: config.region,
    partition: p,
    taskRole: {
      name: config.taskRoleName,
      arn: arns.taskRole,
      trustPolicy: policy(taskRoleTrust),
      ...(taskPolicy ? { inlinePolicy: { name: INLINE_POLICY_NAMES.taskRole, document: taskPolicy } } : {}),
      managedPolicies: [],
    },
    instanceRole: {
      name: config.instanceRoleName,
      arn: arns.instanceRole,
      trustPolicy: policy({
        Sid: 'Ec2AssumeRole',
        Effect: 'Allow',
        Principal: { Service: oneOrMany(partition.ec2Principals) },
        Action: 'sts:AssumeRole',
      }),
      ...(instancePolicy
        ? { inlinePolicy: { name: INLINE_POLICY_NAMES.instanceRole, document: instancePolicy } }
        : {}),
      // Attached by ARN so AWS can add permissions for future agent features [S4][S40].
      managedPolicies: [
        {
          name: INSTANCE_ROLE_MANAGED_POLICY.name,
          arn: awsManagedPolicyArn(p, INSTANCE_ROLE_MANAGED_POLICY),
          citation: INSTANCE_ROLE_MANAGED_POLICY.citation,
        },
      ],
    },
    instanceProfile: {
      name: profile,
      arn: `arn:${p}:iam::${account}:instance-profile/${profile}`,
      roleName: config.instanceRoleName,
    },
    passRole: {
      policy: {
        name: INLINE_POLICY_NAMES.deployer,
        document: policy(
          {
            Sid: 'PassTaskRoleToEcsTasks',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: arns.taskRole,
            Condition: { StringEquals: { 'iam:PassedToService': partition.ecsTasksPrincipal } },
          },
          {
            Sid: 'PassInstanceRoleToEc2',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: arns.instanceRole,
            Condition: { StringEquals: { 'iam:PassedToService': oneOrMany(partition.ec2Principals) } },
          },
        ),
      },
      ...(config.deployerRoleName ? { deployerRoleName: config.deployerRoleName } : {}),
    },
    cluster: {
      name: config.clusterName,
      arn: `arn:${p}:ecs:${config.region}:${account}:cluster/${config.clusterName}`,
    },
    taskDefinition: taskDefinition(config, arns.taskRole),
    runTask: {
      cluster: config.clusterName,
      taskDefinition: config.task.family,
      launchType: 'EC2',
      overrides: { taskRoleArn: arns.taskRole },
      ...(config.networkMode === 'awsvpc' ? { network: awsvpcNetwork(config) } : {}),
    },
    host: linux ? linuxHost(config) : windowsHost(config),
  }
}

/** The Linux host of a plan; for the artifacts whose table entry exists only on Linux. */
export function linuxHostOf(p: SetupPlan): LinuxHostPlan {
  if (p.host.os !== 'linux') throw new Error('a Linux artifact was built for a Windows plan')
  return p.host
}

/** The Windows host of a plan; for the artifacts whose table entry exists only on Windows. */
export function windowsHostOf(p: SetupPlan): WindowsHostPlan {
  if (p.host.os !== 'windows') throw new Error('a Windows artifact was built for a Linux plan')
  return p.host
}
