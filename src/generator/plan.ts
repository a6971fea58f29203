// plan(config) → the setup as data: the roles with their trust and inline policy documents and managed
// policies, the instance profile, the cluster, the task definition and how a task is run, and what the
// container instance sets up. Every generated file renders this one plan (artifacts.ts), so the IAM files,
// setup/aws-cli.sh and the host scripts cannot disagree about which resources exist. Pure data: nothing here
// quotes or renders text (docs/decisions/012-setup-plan-and-artifact-table.md).
import type {
  AwsVpcConfiguration,
  ContainerDefinition,
  OSFamily,
  RegisterTaskDefinitionCommandInput,
  TaskOverride,
} from '@aws-sdk/client-ecs'
import { roleReference, type WizardConfig } from '../config/schema.ts'
import type { AgentVariable } from '../knowledge/agent.ts'
import {
  AMI_PARAMETER,
  DEFAULT_INSTANCE_TYPE,
  amiInfo,
  awsCliInstall,
  rulesPersistence,
  type AwsCliInstall,
  type LinuxAmiId,
  type RulesPersistence,
  type WindowsAmiId,
} from '../knowledge/amis.ts'
import type { Citation } from '../knowledge/citation.ts'
import {
  fargateWindowsEdition,
  privateEcrImage,
  WINDOWS_RELEASE,
  type PrivateEcrImage,
} from '../knowledge/images.ts'
import { parseKmsKeyArn, parseSecretReference, type SecretReference } from '../knowledge/names.ts'
import { partitionOfRegion, type Partition, type PartitionId } from '../knowledge/partitions.ts'
import { DEFAULT_FARGATE_SIZE, imdsBlockOf, type ImdsBlock } from '../knowledge/platforms.ts'
import {
  INSTANCE_ROLE_MANAGED_POLICY,
  KMS_ACCESS,
  S3_ACCESS,
  TASK_EXECUTION_ROLE_MANAGED_POLICY,
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
  /**
   * The role exists already: nothing creates it or changes its trust policy; its policies are still put on it,
   * and the trust policy below is what it must allow (the runbook says how to compare).
   */
  existing: boolean
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

/**
 * awsvpc only: the subnets (and security groups) chosen, or none chosen, and then the default VPC's default
 * subnets and the given (or default) security groups, looked up when the task runs. `assignPublicIp` is
 * Fargate's: EC2 tasks never get a public address (AwsVpcConfiguration).
 */
export type TaskNetwork =
  | { kind: 'chosen'; awsvpcConfiguration: AwsVpcConfiguration }
  | { kind: 'default-vpc'; securityGroups: readonly string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' }

export type EcsLaunchType = 'EC2' | 'FARGATE'

export interface RunTaskPlan {
  cluster: string
  /** The task definition family: its latest revision runs. */
  taskDefinition: string
  launchType: EcsLaunchType
  overrides: TaskOverride
  network?: TaskNetwork
}

/** An ECS service: keeps the tasks running. It takes no overrides: the roles are in the task definition. */
export interface ServicePlan {
  name: string
  cluster: string
  taskDefinition: string
  desiredCount: number
  launchType: EcsLaunchType
  network?: TaskNetwork
}

/** Why the task needs an execution role: what the ECS agent (or Fargate) does with it before the task starts. */
export interface ExecutionNeeds {
  /** The image is in a private ECR repository. */
  privateEcr?: PrivateEcrImage
  /** The awslogs driver writes to this log group. */
  logs?: LogGroupPlan
  /** Secrets injected as environment variables. */
  secrets: readonly SecretReference[]
}

export interface ExecutionRolePlan extends RolePlan {
  needs: ExecutionNeeds
}

export interface LogGroupPlan {
  name: string
  arn: string
  region: string
  streamPrefix: string
}

/** The container instances' launch template (and the run-instances call that launches them). */
export interface LaunchTemplatePlan {
  name: string
  /** "resolve:ssm:<parameter>" (AWS's public parameter for the AMI) or the AMI ID the user gave. */
  imageId: string
  /** The public parameter, when the image comes from one. */
  imageParameter?: string
  instanceType: string
  instanceProfileName: string
  securityGroupIds: readonly string[]
  subnetId?: string
  count: number
  /** IMDSv2 required; the hop limit that fits the network mode (see metadataHopLimit). */
  metadata: { httpTokens: 'required'; hopLimit: 1 | 2 }
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

/** What only EC2 setups have: the container instances, their role, profile, host setup and launch template. */
export interface InstancesPlan {
  role: RolePlan
  /** Existing with an existing role: the IAM console creates the profile with the role, of the same name. */
  profile: { name: string; arn: string; roleName: string; existing: boolean }
  host: LinuxHostPlan | WindowsHostPlan
  /** Absent when the AMI has no public parameter and no AMI ID was given (a finding says so). */
  launchTemplate?: LaunchTemplatePlan
}

export interface SetupPlan {
  accountId: string
  region: string
  partition: PartitionId
  /** The tasks' operating system (and the instances', on EC2). */
  os: 'linux' | 'windows'
  launchType: EcsLaunchType
  taskRole: RolePlan
  /** Present when the task needs one: a private ECR image, awslogs or secrets. */
  executionRole?: ExecutionRolePlan
  /** EC2 only. */
  instances?: InstancesPlan
  passRole: PassRolePlan
  cluster: { name: string; arn: string }
  /** The awslogs log group, created by the setup. */
  logGroup?: LogGroupPlan
  /** The RegisterTaskDefinition input; typed by the AWS SDK so a wrong field or enum fails to compile. */
  taskDefinition: RegisterTaskDefinitionCommandInput
  runTask: RunTaskPlan
  service?: ServicePlan
}

// Fixed inline policy names: no user text needs to be glued into them.
export const INLINE_POLICY_NAMES = {
  taskRole: 'ecs-task-permissions',
  executionRole: 'ecs-task-secrets-read',
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

function taskRolePolicy(config: WizardConfig, partition: Partition): PolicyDocument | undefined {
  const extra = parseExtraStatements(config.extraStatements)
  if (config.buckets.length === 0 && extra.length === 0) return undefined
  const statements: PolicyStatement[] = []
  // Only buckets the configured account owns: a same-named bucket in another account is never trusted.
  const owner = s3OwnerCondition(config.accountId)
  config.buckets.forEach((bucket, i) => {
    const access = S3_ACCESS[bucket.access]
    const grant = s3Grant(partition.id, bucket.name, bucket.prefix)
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
    // SSE-KMS with the bucket's key: only through S3, in the key's region (the bucket's: S3 needs the key
    // in the bucket's region), so the role cannot use the key directly.
    const key = bucket.kmsKeyArn ? parseKmsKeyArn(bucket.kmsKeyArn) : undefined
    if (bucket.kmsKeyArn && key)
      statements.push({
        Sid: `Bucket${n}Kms`,
        Effect: 'Allow',
        Action: oneOrMany(KMS_ACCESS[bucket.access]),
        Resource: bucket.kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `s3.${key.region}.${partition.dnsSuffix}` } },
      })
  })
  // The user's own statements come last, as written (in the canonical element order).
  return policy(...statements, ...extra)
}

function taskDefinition(
  config: WizardConfig,
  roles: { task: string; execution?: string },
  needs: ExecutionNeeds | undefined,
): RegisterTaskDefinitionCommandInput {
  const { task } = config
  const fargate = config.launchType === 'fargate'
  const container: ContainerDefinition = {
    name: task.containerName,
    image: task.image,
    essential: true,
    // Fargate sizes the task: the container may use all of its memory.
    ...(fargate ? {} : { memory: task.memory }),
  }
  if (task.portMappings.length > 0)
    container.portMappings = task.portMappings.map((m) => ({
      containerPort: m.containerPort,
      ...(m.hostPort === undefined ? {} : { hostPort: m.hostPort }),
      protocol: m.protocol ?? 'tcp',
    }))
  if (task.secrets.length > 0)
    container.secrets = task.secrets.map((secret) => ({ name: secret.name, valueFrom: secret.valueFrom }))
  if (needs?.logs)
    container.logConfiguration = {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': needs.logs.name,
        'awslogs-region': needs.logs.region,
        'awslogs-stream-prefix': needs.logs.streamPrefix,
      },
    }
  const windowsRelease = config.os === 'windows' ? WINDOWS_RELEASE[config.ami as WindowsAmiId] : undefined
  return {
    family: task.family,
    taskRoleArn: roles.task,
    ...(roles.execution ? { executionRoleArn: roles.execution } : {}),
    // Windows default (NAT) mode has no API value: it is selected by leaving networkMode out.
    ...(config.networkMode === 'default' ? {} : { networkMode: config.networkMode }),
    requiresCompatibilities: [fargate ? 'FARGATE' : 'EC2'],
    ...(fargate
      ? {
          // Task size as the API takes it: strings of CPU units and MiB.
          cpu: String(task.cpu ?? DEFAULT_FARGATE_SIZE[config.os].cpu),
          memory: String(task.memory),
          // Fargate needs the OS family for Windows (and runs x86_64 Windows only).
          runtimePlatform: {
            // A release Fargate does not run (2016, 2025) is an error finding at the AMI field.
            operatingSystemFamily: (windowsRelease
              ? `WINDOWS_SERVER_${windowsRelease}_${fargateWindowsEdition(task.image)}`
              : 'LINUX') as OSFamily,
            cpuArchitecture: 'X86_64',
          },
        }
      : {}),
    containerDefinitions: [container],
  }
}

function awsvpcNetwork(config: WizardConfig): TaskNetwork {
  const fargate = config.launchType === 'fargate'
  const assignPublicIp = config.assignPublicIp ? 'ENABLED' : 'DISABLED'
  if (config.subnets.length === 0)
    return {
      kind: 'default-vpc',
      securityGroups: config.securityGroups,
      ...(fargate ? { assignPublicIp } : {}),
    }
  return {
    kind: 'chosen',
    awsvpcConfiguration: {
      subnets: config.subnets,
      // Without security groups, ECS uses the VPC's default security group (AwsVpcConfiguration).
      ...(config.securityGroups.length > 0 ? { securityGroups: config.securityGroups } : {}),
      ...(fargate ? { assignPublicIp } : {}),
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
  if (credentialProxy && config.task.awslogs)
    settings.push(['ECS_AVAILABLE_LOGGING_DRIVERS', '["json-file","awslogs","none"]'])
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
function tasksFindImdsBlocked({ os, launchType, networkMode, blockInstanceMetadata }: WizardConfig): boolean {
  const block: ImdsBlock | undefined = imdsBlockOf(os, launchType, networkMode)
  return (
    blockInstanceMetadata &&
    (block === 'docker-user-rule' || block === 'agent-awsvpc' || block === 'container-route')
  )
}

/**
 * The IMDS hop limit for the instances. Containers behind a NAT (bridge, Windows default) are one hop further
 * than the host: with IMDSv2 required and a hop limit of 1 the token never reaches them, a second wall behind
 * the block. When they must reach instance metadata (block off), AWS recommends 2 for containers. Host and
 * awsvpc tasks, and the agent (host network), are not behind that hop: 1 fits.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
 */
export function metadataHopLimit(config: WizardConfig): 1 | 2 {
  const natted = config.networkMode === 'bridge' || config.networkMode === 'default'
  return natted && !config.blockInstanceMetadata ? 2 : 1
}

function launchTemplate(config: WizardConfig, profileName: string): LaunchTemplatePlan | undefined {
  const { instances } = config
  const parameter = AMI_PARAMETER[config.ami]
  const imageId = instances.imageId ?? (parameter ? `resolve:ssm:${parameter}` : undefined)
  if (!imageId) return undefined
  return {
    name: instances.launchTemplateName ?? `${config.clusterName}-instances`,
    imageId,
    ...(instances.imageId === undefined && parameter ? { imageParameter: parameter } : {}),
    instanceType: instances.type ?? DEFAULT_INSTANCE_TYPE[config.os],
    instanceProfileName: profileName,
    securityGroupIds: instances.securityGroups,
    ...(instances.subnet ? { subnetId: instances.subnet } : {}),
    count: instances.count,
    metadata: { httpTokens: 'required', hopLimit: metadataHopLimit(config) },
  }
}

/** The trust policy of a role ECS tasks assume (the task role and the execution role). */
function ecsTasksTrust(config: WizardConfig, partition: Partition, sid: string): PolicyDocument {
  const account = config.accountId
  return policy({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: partition.ecsTasksPrincipal },
    Action: 'sts:AssumeRole',
    // AWS does not support a cluster-specific SourceArn here; the account-wide wildcard is what it shows.
    // The example in the guide lacks the "arn:" prefix of a real ARN [S2].
    ...(config.sourceConditions
      ? {
          Condition: {
            ArnLike: { 'aws:SourceArn': `arn:${partition.id}:ecs:${config.region}:${account}:*` },
            StringEquals: { 'aws:SourceAccount': account },
          },
        }
      : {}),
  })
}

/** What the task needs an execution role for; undefined when nothing. */
function executionNeeds(config: WizardConfig, partition: Partition): ExecutionNeeds | undefined {
  const privateEcr = privateEcrImage(config.task.image)
  const secrets = config.task.secrets.flatMap((s) => {
    const ref = parseSecretReference(s.valueFrom)
    return ref ? [ref] : []
  })
  const logName = config.task.logGroup ?? `/ecs/${config.task.family}`
  const logs: LogGroupPlan | undefined = config.task.awslogs
    ? {
        name: logName,
        arn: `arn:${partition.id}:logs:${config.region}:${config.accountId}:log-group:${logName}`,
        region: config.region,
        // Streams are named <prefix>/<container>/<task ID>; Fargate requires a prefix.
        streamPrefix: 'ecs',
      }
    : undefined
  // The same three reasons the wizard shows next to the role's name (config/execution-role.ts; its test holds
  // the two together).
  if (!privateEcr && !logs && secrets.length === 0) return undefined
  return { ...(privateEcr ? { privateEcr } : {}), ...(logs ? { logs } : {}), secrets }
}

function executionRolePolicy(needs: ExecutionNeeds): PolicyDocument | undefined {
  const secretsManager = needs.secrets.flatMap((s) => (s.store === 'secretsmanager' ? [s.secretArn] : []))
  const parameters = needs.secrets.flatMap((s) => (s.store === 'ssm' ? [s.parameterArn] : []))
  const statements: PolicyStatement[] = []
  if (secretsManager.length > 0)
    statements.push({
      Sid: 'ReadTaskSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: oneOrMany([...new Set(secretsManager)]),
    })
  if (parameters.length > 0)
    statements.push({
      Sid: 'ReadTaskParameters',
      Effect: 'Allow',
      // ECS reads parameters with GetParameters (plural).
      Action: 'ssm:GetParameters',
      Resource: oneOrMany([...new Set(parameters)]),
    })
  return statements.length > 0 ? policy(...statements) : undefined
}

/** The setup for a validated config (readConfig): every resource and document, decided once. */
export function plan(config: WizardConfig): SetupPlan {
  const partition = partitionOfRegion(config.region)
  if (!partition) throw new Error('plan needs a validated config')
  const p = partition.id
  const account = config.accountId
  const fargate = config.launchType === 'fargate'
  const launchType: EcsLaunchType = fargate ? 'FARGATE' : 'EC2'
  const taskRoleRef = roleReference(config, 'taskRoleName', p)
  const needs = executionNeeds(config, partition)
  const executionRef = needs ? roleReference(config, 'executionRoleName', p) : undefined

  const taskPolicy = taskRolePolicy(config, partition)
  const taskRole: RolePlan = {
    ...taskRoleRef,
    existing: config.existingTaskRole,
    trustPolicy: ecsTasksTrust(config, partition, 'EcsTasksAssumeRole'),
    ...(taskPolicy ? { inlinePolicy: { name: INLINE_POLICY_NAMES.taskRole, document: taskPolicy } } : {}),
    managedPolicies: [],
  }

  let executionRole: ExecutionRolePlan | undefined
  if (needs && executionRef) {
    const document = executionRolePolicy(needs)
    executionRole = {
      ...executionRef,
      existing: config.existingExecutionRole,
      trustPolicy: ecsTasksTrust(config, partition, 'EcsTasksAssumeExecutionRole'),
      ...(document ? { inlinePolicy: { name: INLINE_POLICY_NAMES.executionRole, document } } : {}),
      // The managed policy is the ECR pull and CloudWatch Logs part, kept current by AWS.
      managedPolicies:
        needs.privateEcr || needs.logs
          ? [
              {
                name: TASK_EXECUTION_ROLE_MANAGED_POLICY.name,
                arn: awsManagedPolicyArn(p, TASK_EXECUTION_ROLE_MANAGED_POLICY),
                citation: TASK_EXECUTION_ROLE_MANAGED_POLICY.citation,
              },
            ]
          : [],
      needs,
    }
  }

  const instances = fargate ? undefined : instancesPlan(config, partition)
  const ecsRoleArns = [taskRole.arn, ...(executionRole ? [executionRole.arn] : [])]
  const network = config.networkMode === 'awsvpc' ? awsvpcNetwork(config) : undefined

  return {
    accountId: account,
    region: config.region,
    partition: p,
    os: config.os,
    launchType,
    taskRole,
    ...(executionRole ? { executionRole } : {}),
    ...(instances ? { instances } : {}),
    passRole: {
      policy: {
        name: INLINE_POLICY_NAMES.deployer,
        document: policy(
          {
            Sid: 'PassTaskRolesToEcsTasks',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: oneOrMany(ecsRoleArns),
            Condition: { StringEquals: { 'iam:PassedToService': partition.ecsTasksPrincipal } },
          },
          ...(instances
            ? [
                {
                  Sid: 'PassInstanceRoleToEc2',
                  Effect: 'Allow' as const,
                  Action: 'iam:PassRole',
                  Resource: instances.role.arn,
                  Condition: {
                    StringEquals: { 'iam:PassedToService': oneOrMany(partition.ec2Principals) },
                  },
                },
              ]
            : []),
        ),
      },
      ...(config.deployerRoleName ? { deployerRoleName: config.deployerRoleName } : {}),
    },
    cluster: {
      name: config.clusterName,
      arn: `arn:${p}:ecs:${config.region}:${account}:cluster/${config.clusterName}`,
    },
    ...(needs?.logs ? { logGroup: needs.logs } : {}),
    taskDefinition: taskDefinition(
      config,
      { task: taskRole.arn, ...(executionRole ? { execution: executionRole.arn } : {}) },
      needs,
    ),
    runTask: {
      cluster: config.clusterName,
      taskDefinition: config.task.family,
      launchType,
      overrides: { taskRoleArn: taskRole.arn },
      ...(network ? { network } : {}),
    },
    ...(config.service
      ? {
          service: {
            name: config.service.name,
            cluster: config.clusterName,
            taskDefinition: config.task.family,
            desiredCount: config.service.desiredCount,
            launchType,
            ...(network ? { network } : {}),
          },
        }
      : {}),
  }
}

function instancesPlan(config: WizardConfig, partition: Partition): InstancesPlan {
  const p = partition.id
  const account = config.accountId
  const role = roleReference(config, 'instanceRoleName', p)
  const profile = config.instanceProfileName ?? role.name
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
    role: {
      ...role,
      existing: config.existingInstanceRole,
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
    profile: {
      name: profile,
      arn: `arn:${p}:iam::${account}:instance-profile/${profile}`,
      roleName: role.name,
      existing: config.existingInstanceRole,
    },
    host: linux ? linuxHost(config) : windowsHost(config),
    ...(() => {
      const template = launchTemplate(config, profile)
      return template ? { launchTemplate: template } : {}
    })(),
  }
}

/** The container instances of an EC2 plan; for the artifacts whose table entry exists only on EC2. */
export function instancesOf(p: SetupPlan): InstancesPlan {
  if (!p.instances) throw new Error('an EC2 artifact was built for a Fargate plan')
  return p.instances
}

/** The Linux host of a plan; for the artifacts whose table entry exists only on Linux. */
export function linuxHostOf(p: SetupPlan): LinuxHostPlan {
  const host = instancesOf(p).host
  if (host.os !== 'linux') throw new Error('a Linux artifact was built for a Windows plan')
  return host
}

/** The Windows host of a plan; for the artifacts whose table entry exists only on Windows. */
export function windowsHostOf(p: SetupPlan): WindowsHostPlan {
  const host = instancesOf(p).host
  if (host.os !== 'windows') throw new Error('a Windows artifact was built for a Linux plan')
  return host
}
