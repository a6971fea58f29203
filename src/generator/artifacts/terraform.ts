// terraform/main.tf: the plan as one Terraform configuration with the AWS provider. The roles carry the
// plan's documents (the same as iam/*.json once the partition, Region and account are read from the data
// sources), the task definition is the plan's RegisterTaskDefinition input under the provider's argument
// names with the containers as they are, and the launch template carries the very text of ec2/user-data.sh
// or .ps1. Every string is quoted by render/hcl.ts (docs/decisions/015-terraform-hcl-written-by-hand.md).
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
  instanceRole: 'instance',
  instanceProfile: 'instance',
  passRolePolicy: 'deployer_pass_roles',
  cluster: 'this',
  taskDefinition: 'task',
  launchTemplate: 'container_instance',
  /** The data sources: the account, partition and Region Terraform runs in. */
  current: 'current',
} as const

const names = TERRAFORM_NAMES
const PARTITION = reference('data', 'aws_partition', names.current, 'partition')
const REGION = reference('data', 'aws_region', names.current, 'region')
const ACCOUNT = reference('data', 'aws_caller_identity', names.current, 'account_id')

/**
 * The account, partition and Region Terraform runs with, read from data sources, so that the file sets up the
 * same thing in another account or Region (the provider's region is the one place to change): a value equal
 * to the plan's account becomes the caller's account, an ARN in the plan's partition takes its partition (and
 * its Region and account, when they are the plan's) from the data sources, and the two roles' ARNs come
 * from the roles themselves. The same rule as cloudformation/template.yaml's pseudo parameters.
 */
function portable(value: string, plan: SetupPlan): HclValue {
  if (value === plan.taskRole.arn) return reference('aws_iam_role', names.taskRole, 'arn')
  if (value === plan.instanceRole.arn) return reference('aws_iam_role', names.instanceRole, 'arn')
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
  networkMode: 'network_mode',
  requiresCompatibilities: 'requires_compatibilities',
  containerDefinitions: 'container_definitions',
}

function taskDefinitionArguments(plan: SetupPlan): HclItem[] {
  return Object.entries(plan.taskDefinition)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]: [string, unknown]) => {
      const name = TASK_DEFINITION_ARGUMENTS[field]
      if (!name) throw new Error(`task definition field ${field} has no Terraform argument here`)
      if (field === 'taskRoleArn') {
        if (value !== plan.taskRole.arn)
          throw new Error('the task definition names a task role this plan does not create')
        return attribute(
          name,
          reference('aws_iam_role', names.taskRole, 'arn'),
          msg('file.taskDefinition.note.taskRoleArn'),
          cite('S2', 'TF_ECS_TASK_DEFINITION'),
        )
      }
      return attribute(
        name,
        field === 'containerDefinitions' ? call('jsonencode', literal(value)) : literal(value),
      )
    })
}

/** A label for a managed policy's attachment: the role's name and the policy's, as an HCL identifier. */
const attachmentName = (role: string, policy: ManagedPolicy) =>
  `${role}_${policy.name.replace(/[^A-Za-z0-9_-]/g, '_')}`

function attachments(role: string, policies: readonly ManagedPolicy[], plan: SetupPlan): HclItem[] {
  return policies.flatMap((policy) => [
    blank,
    block(
      'resource',
      ['aws_iam_role_policy_attachment', attachmentName(role, policy)],
      [
        attribute('role', reference('aws_iam_role', role, 'name')),
        attribute('policy_arn', portable(policy.arn, plan)),
      ],
    ),
  ])
}

/** A role: the role with its trust policy, its inline policy if it has one, its managed policies. */
function roleResources(label: string, role: RolePlan, plan: SetupPlan, userStatements?: number): HclItem[] {
  return [
    block(
      'resource',
      ['aws_iam_role', label],
      [attribute('name', role.name), attribute('assume_role_policy', policyDocument(role.trustPolicy, plan))],
    ),
    ...(role.inlinePolicy
      ? [
          blank,
          block(
            'resource',
            ['aws_iam_role_policy', label],
            [
              attribute('name', role.inlinePolicy.name),
              attribute('role', reference('aws_iam_role', label, 'name')),
              attribute('policy', policyDocument(role.inlinePolicy.document, plan, userStatements)),
            ],
          ),
        ]
      : []),
    ...attachments(label, role.managedPolicies, plan),
  ]
}

const output = (name: string, description: string, value: HclExpression): HclItem[] => [
  blank,
  block('output', [name], [attribute('description', description), attribute('value', value)]),
]

export function terraformMain(ctx: Context): ArtifactBody {
  const { plan, config } = ctx
  const { path: userDataPath, text: userDataText } = instanceUserData(ctx)
  if (plan.instanceProfile.roleName !== plan.instanceRole.name)
    throw new Error('the instance profile holds a role this plan does not create')
  // The instance part (launch template) exists for the EC2 launch type.
  const ec2Instances = plan.runTask.launchType === 'EC2'
  const { taskRole, instanceRole, passRole } = plan
  const userStatements = parseExtraStatements(config.extraStatements).length

  const resources: HclItem[] = [
    comment('The task role: trusted by ECS tasks, allowed what the application needs.'),
    ...roleResources(names.taskRole, taskRole, plan, userStatements),
    blank,
    comment('The container instance role and its instance profile.'),
    ...roleResources(names.instanceRole, instanceRole, plan),
    blank,
    block(
      'resource',
      ['aws_iam_instance_profile', names.instanceProfile],
      [
        attribute('name', plan.instanceProfile.name),
        attribute('role', reference('aws_iam_role', names.instanceRole, 'name')),
      ],
    ),
    // On an existing role, by name: Terraform puts this inline policy there and removes it on destroy.
    ...(passRole.deployerRoleName
      ? [
          blank,
          comment('Let the deployer pass both roles.'),
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
    blank,
    block('resource', ['aws_ecs_task_definition', names.taskDefinition], taskDefinitionArguments(plan)),
    ...(ec2Instances
      ? [
          blank,
          comment(
            `Launch the container instances from this template, with the AMI (image_id) and instance type given where you launch them (or added here). The user data is ${userDataPath}.`,
          ),
          block(
            'resource',
            ['aws_launch_template', names.launchTemplate],
            [
              block(
                'iam_instance_profile',
                [],
                [attribute('arn', reference('aws_iam_instance_profile', names.instanceProfile, 'arn'))],
              ),
              attribute(
                'user_data',
                call('base64encode', heredoc(userDataText)),
                msg('file.terraform.note.userData', { path: userDataPath }),
                cite('TF_LAUNCH_TEMPLATE', 'TF_STRINGS'),
              ),
            ],
          ),
        ]
      : []),
  ]

  const outputs: HclItem[] = [
    ...output(
      'task_role_arn',
      'The task role: the task definition and RunTask overrides name it',
      reference('aws_iam_role', names.taskRole, 'arn'),
    ),
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
    ...output('cluster_arn', 'The cluster', reference('aws_ecs_cluster', names.cluster, 'arn')),
    ...output(
      'task_definition_arn',
      'The task definition revision this configuration registered',
      reference('aws_ecs_task_definition', names.taskDefinition, 'arn'),
    ),
    ...(ec2Instances
      ? output(
          'launch_template_id',
          'Launch container instances from it',
          reference('aws_launch_template', names.launchTemplate, 'id'),
        )
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
      'Apply: terraform init && terraform apply, with credentials for the account to set up. It creates the roles, the instance profile and the cluster and registers the task definition: instead of setup/aws-cli.sh, not as well as it (a role or instance profile of the same name that exists already makes the apply fail).',
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
    blank,
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
    blank,
    ...resources,
    ...outputs,
  ])

  return {
    title: msg('file.terraform.title'),
    usage: msg('file.terraform.usage', {
      taskDefinition: 'ecs/task-definition.json',
      userData: userDataPath,
      command: 'terraform init && terraform apply',
      script: 'setup/aws-cli.sh',
    }),
    check: 'terraform output',
    text,
    sources,
  }
}
