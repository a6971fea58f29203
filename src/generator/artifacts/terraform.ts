// terraform/main.tf: the plan as one Terraform configuration with the AWS provider. The roles carry the
// plan's documents (the same as iam/*.json once the partition, Region and account are read from the data
// sources), the task definition is the plan's RegisterTaskDefinition input under the provider's argument
// names with the containers as they are, and the launch template carries the very text of ec2/user-data.sh
// or .ps1. Existing roles are not declared: their policies are put on (and attached to) them by name. Every string is quoted by render/hcl.ts (docs/decisions/015-terraform-hcl-written-by-hand.md).
import { msg } from '../../i18n/message.ts'
import { parseExtraStatements } from '../../knowledge/policies.ts'
import { cite } from '../../knowledge/sources.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { ManagedPolicy, PolicyDocument, RolePlan, SetupPlan } from '../plan.ts'
import {
  attribute,
  blank,
  block,
  call,
  comment,
  heredoc,
  reference,
  referencesIn,
  renderHcl,
  template,
  type HclExpression,
  type HclItem,
  type HclValue,
} from '../render/hcl.ts'
import { runInstancesCommand } from './cloudformation-commands.ts'
import { setupResources } from './cloudformation.ts'
import { instanceUserData } from './user-data.ts'

export const TERRAFORM_PATH = 'terraform/main.tf'

/**
 * The provider versions this file accepts: the 6.x series. The tests check the file against the schema of
 * hashicorp/aws 6.66.0 (src/test-support/aws-provider-schema.json), which this range admits.
 */
export const AWS_PROVIDER_VERSION = '~> 6.0'

/** The resources' names (labels): references use them, and so do the tests. */
export const TERRAFORM_NAMES = {
  taskRole: 'task',
  executionRole: 'execution',
  instanceRole: 'instance',
  instanceProfile: 'instance',
  passRolePolicy: 'deployer_pass_roles',
  cluster: 'this',
  logGroup: 'task',
  taskDefinition: 'task',
  launchTemplate: 'container_instance',
  service: 'this',
  /** The data sources: the account, partition and Region Terraform runs in. */
  current: 'current',
  /** The default VPC and its default subnets, for a service whose subnets were not chosen. */
  defaultVpc: 'default',
} as const

const names = TERRAFORM_NAMES
const PARTITION = reference('data', 'aws_partition', names.current, 'partition')
const REGION = reference('data', 'aws_region', names.current, 'region')
const ACCOUNT = reference('data', 'aws_caller_identity', names.current, 'account_id')

/** The plan's roles, each with its resource label. */
function rolesOf(plan: SetupPlan): { label: string; role: RolePlan }[] {
  return [
    { label: names.taskRole, role: plan.taskRole },
    ...(plan.executionRole ? [{ label: names.executionRole, role: plan.executionRole as RolePlan }] : []),
    ...(plan.instances ? [{ label: names.instanceRole, role: plan.instances.role }] : []),
  ]
}

/**
 * The account, partition and Region Terraform runs with, read from data sources, so that the file sets up the
 * same thing in another account or Region (the provider's region is the one place to change): a value equal
 * to the plan's account becomes the caller's account, an ARN in the plan's partition takes its partition (and
 * its Region and account, when they are the plan's) from the data sources, and the ARNs of the roles this
 * file creates come from the roles themselves. The same rule as cloudformation/template.yaml's pseudo
 * parameters.
 */
function portable(value: string, plan: SetupPlan): HclValue {
  for (const { label, role } of rolesOf(plan))
    if (!role.existing && value === role.arn) return reference('aws_iam_role', label, 'arn')
  if (value === plan.accountId) return ACCOUNT
  const arn = /^arn:([^:]+):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(value)
  if (!arn || arn[1] !== plan.partition) return value
  const [, , service, region, account, resource] = arn as unknown as string[]
  return template(
    'arn:',
    PARTITION,
    `:${service}:`,
    region === plan.region ? REGION : region!,
    ':',
    account === plan.accountId ? ACCOUNT : account!,
    `:${resource}`,
  )
}

/** Every string value made portable; keys (condition keys, element names) stay as they are. */
function portableDeep(value: unknown, plan: SetupPlan): HclValue {
  if (typeof value === 'string') return portable(value, plan)
  if (Array.isArray(value)) return value.map((v) => portableDeep(v, plan))
  if (value !== null && typeof value === 'object') return literal(value, (v) => portableDeep(v, plan))
  return literal(value)
}

/** Plain JSON data as an HCL value; `inner` renders nested values (undefined fields are left out). */
function literal(value: unknown, inner: (v: unknown) => HclValue = (v) => literal(v)): HclValue {
  // JSON's values, null included: an extra statement may hold any of them.
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as HclValue
  if (Array.isArray(value)) return value.map(inner)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, inner(v)]),
    )
  throw new Error(`no HCL value for a ${typeof value}`)
}

/**
 * A policy document as `jsonencode({…})`: this tool's statements portable, the user's extra statements (the
 * last ones of the task role policy, plan.ts) exactly as written.
 */
function policyDocument(document: PolicyDocument, plan: SetupPlan, userStatements = 0): HclExpression {
  const own = document.Statement.length - userStatements
  return call('jsonencode', {
    Version: document.Version,
    Statement: document.Statement.map((statement, i) =>
      i < own ? portableDeep(statement, plan) : literal(statement),
    ),
  })
}

/**
 * The provider's argument for each RegisterTaskDefinition field the plan can hold (aws_ecs_task_definition,
 * checked against the provider schema by terraform.test.ts). A field the plan gains without an argument here
 * stops the build instead of being guessed; the containers go into container_definitions as the API's JSON.
 */
const TASK_DEFINITION_ARGUMENTS: Readonly<Record<string, string>> = {
  family: 'family',
  taskRoleArn: 'task_role_arn',
  executionRoleArn: 'execution_role_arn',
  networkMode: 'network_mode',
  requiresCompatibilities: 'requires_compatibilities',
  cpu: 'cpu',
  memory: 'memory',
  runtimePlatform: 'runtime_platform',
  containerDefinitions: 'container_definitions',
}
/** The arguments of the runtime_platform block. */
const RUNTIME_PLATFORM_ARGUMENTS: Readonly<Record<string, string>> = {
  operatingSystemFamily: 'operating_system_family',
  cpuArchitecture: 'cpu_architecture',
}

/** The containers as the API's JSON, with the awslogs group read from the log group this file creates. */
function containerDefinitions(plan: SetupPlan): HclValue {
  return (plan.taskDefinition.containerDefinitions ?? []).map((container) => {
    const value = literal(container) as Record<string, HclValue>
    const logs = value.logConfiguration as { options?: Record<string, HclValue> } | undefined
    if (!plan.logGroup || logs?.options?.['awslogs-group'] !== plan.logGroup.name) return value
    return {
      ...value,
      logConfiguration: {
        ...logs,
        options: {
          ...logs.options,
          'awslogs-group': reference('aws_cloudwatch_log_group', names.logGroup, 'name'),
        },
      },
    }
  })
}

function taskDefinitionArguments(plan: SetupPlan): HclItem[] {
  return Object.entries(plan.taskDefinition)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]: [string, unknown]) => {
      const name = TASK_DEFINITION_ARGUMENTS[field]
      if (!name) throw new Error(`task definition field ${field} has no Terraform argument here`)
      switch (field) {
        case 'taskRoleArn':
          if (value !== plan.taskRole.arn)
            throw new Error('the task definition names a task role this plan does not have')
          return attribute(
            name,
            portable(plan.taskRole.arn, plan),
            msg('file.taskDefinition.note.taskRoleArn'),
            cite('S2', 'TF_ECS_TASK_DEFINITION'),
          )
        case 'executionRoleArn':
          if (!plan.executionRole || value !== plan.executionRole.arn)
            throw new Error('the task definition names an execution role this plan does not have')
          return attribute(name, portable(plan.executionRole.arn, plan))
        case 'runtimePlatform':
          return block(
            name,
            [],
            Object.entries(value as Record<string, string>).map(([key, v]) => {
              const argument = RUNTIME_PLATFORM_ARGUMENTS[key]
              if (!argument) throw new Error(`runtimePlatform.${key} has no Terraform argument here`)
              return attribute(argument, v)
            }),
          )
        case 'containerDefinitions':
          return attribute(name, call('jsonencode', containerDefinitions(plan)))
        default:
          return attribute(name, literal(value))
      }
    })
}

/** A label for a managed policy's attachment: the role's label and the policy's name, as an HCL identifier. */
const attachmentName = (role: string, policy: ManagedPolicy) =>
  `${role}_${policy.name.replace(/[^A-Za-z0-9_-]/g, '_')}`

/** How a policy resource names its role: the role this file creates, or an existing role by its name. */
const roleName = (label: string, role: RolePlan): HclValue =>
  role.existing ? role.name : reference('aws_iam_role', label, 'name')

/**
 * A role: the role with its trust policy (unless it exists: then nothing creates it or changes its trust
 * policy), its inline policy if it has one, its managed policies.
 */
function roleResources(label: string, role: RolePlan, plan: SetupPlan, userStatements?: number): HclItem[] {
  const items: HclItem[] = []
  if (!role.existing)
    items.push(
      block(
        'resource',
        ['aws_iam_role', label],
        [
          attribute('name', role.name),
          attribute('assume_role_policy', policyDocument(role.trustPolicy, plan)),
        ],
      ),
    )
  else
    items.push(
      comment(
        role.inlinePolicy || role.managedPolicies.length > 0
          ? `${role.name} exists: not created here, and its trust policy is not changed; its policies are put on it by name (terraform destroy removes them again).`
          : `${role.name} exists: not created here, and nothing is put on it.`,
      ),
    )
  if (role.inlinePolicy)
    items.push(
      ...(role.existing ? [] : [blank]),
      block(
        'resource',
        ['aws_iam_role_policy', label],
        [
          attribute('name', role.inlinePolicy.name),
          attribute('role', roleName(label, role)),
          attribute('policy', policyDocument(role.inlinePolicy.document, plan, userStatements)),
        ],
        role.existing ? msg('file.terraform.note.existingRole', { role: role.name }) : undefined,
        role.existing ? cite('TF_IAM_ROLE_POLICY') : undefined,
      ),
    )
  for (const policy of role.managedPolicies)
    items.push(
      ...(items.length > 1 || !role.existing ? [blank] : []),
      block(
        'resource',
        ['aws_iam_role_policy_attachment', attachmentName(label, policy)],
        [attribute('role', roleName(label, role)), attribute('policy_arn', portable(policy.arn, plan))],
        role.existing
          ? msg('file.terraform.note.existingRoleAttachment', { role: role.name, policy: policy.name })
          : undefined,
        role.existing ? cite('TF_IAM_ROLE_POLICY_ATTACHMENT', policy.citation.sources[0]!) : undefined,
      ),
    )
  return items
}

/** The policy resources of the execution role: a service's tasks start only once they are in place. */
function executionPolicyResources(plan: SetupPlan): HclExpression[] {
  const role = plan.executionRole
  if (!role) return []
  return [
    ...(role.inlinePolicy ? [reference('aws_iam_role_policy', names.executionRole)] : []),
    ...role.managedPolicies.map((p) =>
      reference('aws_iam_role_policy_attachment', attachmentName(names.executionRole, p)),
    ),
  ]
}

const output = (name: string, description: string, value: HclExpression): HclItem[] => [
  blank,
  block('output', [name], [attribute('description', description), attribute('value', value)]),
]

/** The launch template: AMI, instance type, security groups, instance profile, IMDSv2 and the user data. */
function launchTemplateBlock(ctx: Context): HclItem[] {
  const instances = ctx.plan.instances
  const template = instances?.launchTemplate
  if (!instances || !template) return []
  const userData = instanceUserData(ctx)
  return [
    blank,
    comment(
      `The container instances' launch template; the user data is ${userData.path}. Launch them from it (after terraform apply):`,
    ),
    comment(`  ${runInstancesCommand(template, ctx.plan.region)}`),
    block(
      'resource',
      ['aws_launch_template', names.launchTemplate],
      [
        attribute('name', template.name),
        attribute(
          'image_id',
          template.imageId,
          template.imageParameter
            ? msg('file.terraform.note.imageParameter', { parameter: template.imageParameter })
            : undefined,
          template.imageParameter ? cite('TF_LAUNCH_TEMPLATE', 'EC2_SSM_PARAMETER_AMI') : undefined,
        ),
        attribute('instance_type', template.instanceType),
        ...(template.securityGroupIds.length > 0
          ? [attribute('vpc_security_group_ids', [...template.securityGroupIds])]
          : []),
        block(
          'iam_instance_profile',
          [],
          // By name, as ec2/launch-template.json: an existing profile's ARN may hold a path this plan does
          // not know; this file's own profile by reference, so it exists first.
          [
            attribute(
              'name',
              instances.profile.existing
                ? template.instanceProfileName
                : reference('aws_iam_instance_profile', names.instanceProfile, 'name'),
            ),
          ],
        ),
        block(
          'metadata_options',
          [],
          [
            attribute('http_tokens', template.metadata.httpTokens),
            attribute('http_put_response_hop_limit', template.metadata.hopLimit),
            attribute('http_endpoint', 'enabled'),
          ],
          msg('file.launchTemplate.note.hopLimit', { hopLimit: template.metadata.hopLimit }),
          cite('EC2_IMDS_OPTIONS', 'TF_LAUNCH_TEMPLATE'),
        ),
        attribute(
          'user_data',
          call('base64encode', heredoc(userData.text)),
          msg('file.terraform.note.userData', { path: userData.path }),
          cite('TF_LAUNCH_TEMPLATE', 'TF_STRINGS'),
        ),
      ],
    ),
  ]
}

/** The service, and the default VPC's subnets it runs in when none were chosen. */
function serviceBlocks(plan: SetupPlan): { data: HclItem[]; resources: HclItem[] } {
  const service = plan.service
  if (!service) return { data: [], resources: [] }
  const network = service.network
  const data: HclItem[] =
    network?.kind === 'default-vpc'
      ? [
          blank,
          block(
            'data',
            ['aws_vpc', names.defaultVpc],
            [attribute('default', true)],
            msg('file.terraform.note.defaultVpc'),
            cite('TF_SUBNETS', 'AWSVPC_CONFIGURATION'),
          ),
          blank,
          block(
            'data',
            ['aws_subnets', names.defaultVpc],
            [
              block(
                'filter',
                [],
                [
                  attribute('name', 'vpc-id'),
                  attribute('values', [reference('data', 'aws_vpc', names.defaultVpc, 'id')]),
                ],
              ),
              block('filter', [], [attribute('name', 'default-for-az'), attribute('values', ['true'])]),
            ],
          ),
        ]
      : []
  let networkBlock: HclItem[] = []
  if (network?.kind === 'chosen') {
    const { subnets, securityGroups, assignPublicIp } = network.awsvpcConfiguration
    networkBlock = [
      block(
        'network_configuration',
        [],
        [
          attribute('subnets', [...(subnets ?? [])]),
          ...(securityGroups ? [attribute('security_groups', [...securityGroups])] : []),
          ...(assignPublicIp ? [attribute('assign_public_ip', assignPublicIp === 'ENABLED')] : []),
        ],
      ),
    ]
  } else if (network?.kind === 'default-vpc')
    networkBlock = [
      block(
        'network_configuration',
        [],
        [
          attribute('subnets', reference('data', 'aws_subnets', names.defaultVpc, 'ids')),
          ...(network.securityGroups.length > 0
            ? [attribute('security_groups', [...network.securityGroups])]
            : []),
          ...(network.assignPublicIp
            ? [attribute('assign_public_ip', network.assignPublicIp === 'ENABLED')]
            : []),
        ],
      ),
    ]
  const dependsOn = executionPolicyResources(plan)
  return {
    data,
    resources: [
      blank,
      comment('The service: keeps the task running, with the roles named in the task definition.'),
      block(
        'resource',
        ['aws_ecs_service', names.service],
        [
          attribute('name', service.name),
          attribute('cluster', reference('aws_ecs_cluster', names.cluster, 'arn')),
          attribute('task_definition', reference('aws_ecs_task_definition', names.taskDefinition, 'arn')),
          attribute('desired_count', service.desiredCount),
          attribute('launch_type', service.launchType),
          ...networkBlock,
          ...(dependsOn.length > 0 ? [attribute('depends_on', dependsOn)] : []),
        ],
        msg('file.iac.note.service'),
        cite('TF_ECS_SERVICE', 'S2'),
      ),
    ],
  }
}

export function terraformMain(ctx: Context): ArtifactBody {
  const { plan, config } = ctx
  const instances = plan.instances
  if (instances && instances.profile.roleName !== instances.role.name)
    throw new Error('the instance profile holds a role this plan does not have')
  const { taskRole, executionRole, passRole } = plan
  const userStatements = parseExtraStatements(config.extraStatements).length
  const service = serviceBlocks(plan)

  const resources: HclItem[] = [
    comment('The task role: trusted by ECS tasks, allowed what the application needs.'),
    ...roleResources(names.taskRole, taskRole, plan, userStatements),
    ...(executionRole
      ? [
          blank,
          comment(
            'The task execution role: ECS uses it to pull the image, send the logs and read the secrets.',
          ),
          ...roleResources(names.executionRole, executionRole, plan),
        ]
      : []),
    ...(instances
      ? [
          blank,
          comment('The container instance role and its instance profile.'),
          ...roleResources(names.instanceRole, instances.role, plan),
          ...(instances.profile.existing
            ? []
            : [
                blank,
                block(
                  'resource',
                  ['aws_iam_instance_profile', names.instanceProfile],
                  [
                    attribute('name', instances.profile.name),
                    attribute('role', reference('aws_iam_role', names.instanceRole, 'name')),
                  ],
                ),
              ]),
        ]
      : []),
    // On an existing role, by name: Terraform puts this inline policy there and removes it on destroy.
    ...(passRole.deployerRoleName
      ? [
          blank,
          comment('Let the deployer pass the roles.'),
          block(
            'resource',
            ['aws_iam_role_policy', names.passRolePolicy],
            [
              attribute('name', passRole.policy.name),
              attribute('role', passRole.deployerRoleName),
              attribute('policy', policyDocument(passRole.policy.document, plan)),
            ],
            msg('file.terraform.note.passRole', { role: passRole.deployerRoleName }),
            cite('IAM_PASSROLE', 'TF_IAM_ROLE_POLICY'),
          ),
        ]
      : []),
    blank,
    comment('The cluster and the task definition.'),
    block('resource', ['aws_ecs_cluster', names.cluster], [attribute('name', plan.cluster.name)]),
    ...(plan.logGroup
      ? [
          blank,
          block(
            'resource',
            ['aws_cloudwatch_log_group', names.logGroup],
            [attribute('name', plan.logGroup.name)],
            msg('file.iac.note.logGroup'),
            cite('AWSLOGS_DRIVER', 'TF_LOG_GROUP'),
          ),
        ]
      : []),
    blank,
    block('resource', ['aws_ecs_task_definition', names.taskDefinition], taskDefinitionArguments(plan)),
    ...launchTemplateBlock(ctx),
    ...service.resources,
  ]

  const outputs: HclItem[] = [
    ...(taskRole.existing
      ? []
      : output(
          'task_role_arn',
          'The task role: the task definition and RunTask overrides name it',
          reference('aws_iam_role', names.taskRole, 'arn'),
        )),
    ...(executionRole && !executionRole.existing
      ? output(
          'execution_role_arn',
          'The task execution role: ECS uses it to start the task',
          reference('aws_iam_role', names.executionRole, 'arn'),
        )
      : []),
    ...(instances && !instances.role.existing
      ? [
          ...output(
            'instance_role_arn',
            'The container instance role',
            reference('aws_iam_role', names.instanceRole, 'arn'),
          ),
          ...output(
            'instance_profile_arn',
            'The instance profile container instances are launched with',
            reference('aws_iam_instance_profile', names.instanceProfile, 'arn'),
          ),
        ]
      : []),
    ...output('cluster_arn', 'The cluster', reference('aws_ecs_cluster', names.cluster, 'arn')),
    ...(plan.logGroup
      ? output(
          'log_group_name',
          'The awslogs log group',
          reference('aws_cloudwatch_log_group', names.logGroup, 'name'),
        )
      : []),
    ...output(
      'task_definition_arn',
      'The task definition revision this configuration registered',
      reference('aws_ecs_task_definition', names.taskDefinition, 'arn'),
    ),
    ...(instances?.launchTemplate
      ? output(
          'launch_template_id',
          'Launch container instances from it',
          reference('aws_launch_template', names.launchTemplate, 'id'),
        )
      : []),
    ...(plan.service
      ? output('service_arn', 'The service', reference('aws_ecs_service', names.service, 'arn'))
      : []),
  ]

  // Only the data sources something reads.
  const read = referencesIn([...resources, ...outputs])
  const dataSources = (['aws_partition', 'aws_region', 'aws_caller_identity'] as const).filter((type) =>
    read.some((path) => path.startsWith(`data.${type}.${names.current}.`)),
  )

  const { text, sources } = renderHcl([
    ...headerLines(ctx, 'Terraform configuration for ECS task roles').map(comment),
    comment(
      'Apply: terraform init && terraform apply, with credentials for the account to set up. Instead of setup/aws-cli.sh, not as well as it: a resource of the same name that already exists (a role, instance profile, log group, launch template or service) makes the apply fail.',
    ),
    blank,
    block(
      'terraform',
      [],
      [
        block(
          'required_providers',
          [],
          [
            attribute(
              'aws',
              { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION },
              msg('file.terraform.note.providerVersion', { version: AWS_PROVIDER_VERSION }),
              cite('TF_AWS_PROVIDER'),
            ),
          ],
        ),
      ],
    ),
    blank,
    block('provider', ['aws'], [attribute('region', plan.region)]),
    ...(dataSources.length > 0 ? [blank] : []),
    ...dataSources.map((type, i) =>
      i === 0
        ? block(
            'data',
            [type, names.current],
            [],
            msg('file.terraform.note.dataSources', {
              account: plan.accountId,
              region: plan.region,
              partition: plan.partition,
            }),
            cite('TF_AWS_PARTITION', 'TF_AWS_CALLER_IDENTITY'),
          )
        : block('data', [type, names.current], []),
    ),
    ...service.data,
    blank,
    ...resources,
    ...outputs,
  ])

  const existing = rolesOf(plan).filter(({ role }) => role.existing)
  return {
    title: msg('file.terraform.title'),
    usage: msg('file.terraform.usage', {
      resources: setupResources(plan),
      command: 'terraform init && terraform apply',
      script: 'setup/aws-cli.sh',
      existing:
        existing.length > 0
          ? msg('file.terraform.usage.existing', { roles: existing.map(({ role }) => role.name) })
          : '',
    }),
    check: 'terraform output',
    text,
    sources,
  }
}
