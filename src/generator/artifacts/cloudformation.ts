// cloudformation/template.yaml: the plan as one CloudFormation stack. The roles carry the plan's documents
// (the same as iam/*.json once the pseudo parameters are resolved), the task definition is the plan's
// RegisterTaskDefinition input under CloudFormation's property names, and the launch template carries the
// very text of ec2/user-data.sh or .ps1. The `yaml` library writes every scalar (quoting is its job), as
// YAML 1.1 so that readers such as cfn-lint's PyYAML see "2012-10-17" and "yes" as strings, not a date or
// a boolean (docs/decisions/014-cloudformation-template.md).
import { Document, Scalar, isMap, isScalar, type Node } from 'yaml'
import { msg, type Message } from '../../i18n/message.ts'
import { parseExtraStatements } from '../../knowledge/policies.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { headerLines, sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { InlinePolicy, PolicyDocument, RolePlan, SetupPlan, TaskNetwork } from '../plan.ts'
import { option, sh } from '../render/shell.ts'
import {
  SUBNETS_PARAMETER,
  deployCommandFor,
  outputsCommand,
  runInstancesCommand,
} from './cloudformation-commands.ts'
import { instanceUserData } from './user-data.ts'

/** A value of the template: plain data, or a node carrying a short-form intrinsic function (`!Ref` …). */
type CfnValue =
  string | number | boolean | Node | readonly CfnValue[] | { readonly [key: string]: CfnValue | undefined }

const tagged = (tag: string, value: string): Scalar => {
  const node = new Scalar(value)
  node.tag = tag
  return node
}
const ref = (name: string) => tagged('!Ref', name)
const getAtt = (resource: string, attribute: string) => tagged('!GetAtt', `${resource}.${attribute}`)
const sub = (text: string) => tagged('!Sub', text)
/** Literal text inside Fn::Sub: "${" would start a variable, "${!" writes it as it is (Fn::Sub). */
const subLiteral = (text: string) => text.replaceAll('${', '${!')

/** The logical ids: referenced by !Ref/!GetAtt and by the equivalence tests. */
export const LOGICAL_IDS = {
  taskRole: 'TaskRole',
  taskRolePolicy: 'TaskRolePolicy',
  executionRole: 'ExecutionRole',
  executionRolePolicy: 'ExecutionRolePolicy',
  instanceRole: 'InstanceRole',
  instanceRolePolicy: 'InstanceRolePolicy',
  instanceProfile: 'InstanceProfile',
  passRolePolicy: 'PassRolePolicy',
  cluster: 'Cluster',
  logGroup: 'LogGroup',
  taskDefinition: 'TaskDefinition',
  launchTemplate: 'LaunchTemplate',
  service: 'Service',
} as const

/** The template's parameters: the AMI from AWS's public parameter, and the service's subnets when none were chosen. */
export const PARAMETERS = {
  image: 'ContainerInstanceImageId',
  subnets: SUBNETS_PARAMETER,
} as const

type RoleKind = 'task' | 'execution' | 'instance'

/** The plan's roles, each with the logical ids of the role and of its inline policy on an existing role. */
function rolesOf(plan: SetupPlan) {
  const ids = LOGICAL_IDS
  return [
    { kind: 'task' as RoleKind, role: plan.taskRole, id: ids.taskRole, policyId: ids.taskRolePolicy },
    ...(plan.executionRole
      ? [
          {
            kind: 'execution' as RoleKind,
            role: plan.executionRole as RolePlan,
            id: ids.executionRole,
            policyId: ids.executionRolePolicy,
          },
        ]
      : []),
    ...(plan.instances
      ? [
          {
            kind: 'instance' as RoleKind,
            role: plan.instances.role,
            id: ids.instanceRole,
            policyId: ids.instanceRolePolicy,
          },
        ]
      : []),
  ]
}

/**
 * What the setup consists of, in words, for the usage text of this file and terraform/main.tf: the roles it
 * creates (or only puts policies on, when they exist), the cluster, log group, task definition, launch
 * template and service.
 */
export function setupResources(plan: SetupPlan): Message[] {
  const resources: Message[] = []
  for (const { kind, role } of rolesOf(plan)) {
    const policies = role.inlinePolicy !== undefined || role.managedPolicies.length > 0
    if (role.existing) {
      if (policies) resources.push(msg('file.iac.resource.existingRolePolicies', { role: role.name }))
    } else resources.push(msg(`file.iac.resource.${kind}Role`, { role: role.name }))
  }
  if (plan.passRole.deployerRoleName)
    resources.push(msg('file.iac.resource.passRole', { role: plan.passRole.deployerRoleName }))
  resources.push(msg('file.iac.resource.cluster', { cluster: plan.cluster.name }))
  if (plan.logGroup) resources.push(msg('file.iac.resource.logGroup', { logGroup: plan.logGroup.name }))
  resources.push(msg('file.iac.resource.taskDefinition', { path: 'ecs/task-definition.json' }))
  const template = plan.instances?.launchTemplate
  if (template)
    resources.push(
      msg('file.iac.resource.launchTemplate', {
        launchTemplate: template.name,
        userData: plan.instances!.host.os === 'linux' ? 'ec2/user-data.sh' : 'ec2/user-data.ps1',
      }),
    )
  if (plan.service) resources.push(msg('file.iac.resource.service', { service: plan.service.name }))
  return resources
}

/**
 * The stack's own account, Region and partition as pseudo parameters, so that the template deploys the
 * same setup in another account or Region: a value equal to the plan's account becomes !Ref AWS::AccountId,
 * an ARN in the plan's partition has its partition (and its Region and account, when they are the plan's)
 * from the pseudo parameters, and the ARNs of the roles the stack creates come from the roles themselves.
 */
function portable(value: string, plan: SetupPlan): CfnValue {
  for (const { role, id } of rolesOf(plan)) if (!role.existing && value === role.arn) return getAtt(id, 'Arn')
  if (value === plan.accountId) return ref('AWS::AccountId')
  const arn = /^arn:([^:]+):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(value)
  if (!arn || arn[1] !== plan.partition) return value
  const [, , service, region, account, resource] = arn as unknown as string[]
  return sub(
    [
      'arn',
      '${AWS::Partition}',
      subLiteral(service!),
      region === plan.region ? '${AWS::Region}' : subLiteral(region!),
      account === plan.accountId ? '${AWS::AccountId}' : subLiteral(account!),
      subLiteral(resource!),
    ].join(':'),
  )
}

/** Every string value of a document made portable; keys (condition keys, element names) stay as they are. */
function portableDeep(value: unknown, plan: SetupPlan): CfnValue {
  if (typeof value === 'string') return portable(value, plan)
  if (Array.isArray(value)) return value.map((v) => portableDeep(v, plan))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, portableDeep(v, plan)]))
  return value as CfnValue
}

/**
 * A policy document for the template: this tool's statements portable, the user's extra statements (the
 * last ones of the task role policy, plan.ts) exactly as written.
 */
function policyDocument(document: PolicyDocument, plan: SetupPlan, userStatements = 0): CfnValue {
  const own = document.Statement.length - userStatements
  return {
    Version: document.Version,
    Statement: document.Statement.map((statement, i) =>
      i < own ? portableDeep(statement, plan) : (structuredClone(statement) as unknown as CfnValue),
    ),
  }
}

const inlinePolicies = (policy: InlinePolicy | undefined, plan: SetupPlan, userStatements = 0) =>
  policy
    ? {
        Policies: [
          { PolicyName: policy.name, PolicyDocument: policyDocument(policy.document, plan, userStatements) },
        ],
      }
    : {}

/**
 * A role the stack creates (AWS::IAM::Role with its policies), or, for an existing role, only its inline
 * policy, put on it by name (AWS::IAM::RolePolicy): the stack neither creates that role nor changes its trust
 * policy. CloudFormation has no resource that attaches a managed policy to a role it does not own: those are
 * the comments `handAttachments` adds.
 */
function roleResources(
  id: string,
  policyId: string,
  role: RolePlan,
  plan: SetupPlan,
  userStatements = 0,
): [string, CfnValue][] {
  if (role.existing)
    return role.inlinePolicy
      ? [
          [
            policyId,
            {
              Type: 'AWS::IAM::RolePolicy',
              Properties: {
                PolicyName: role.inlinePolicy.name,
                PolicyDocument: policyDocument(role.inlinePolicy.document, plan, userStatements),
                RoleName: role.name,
              },
            },
          ],
        ]
      : []
  return [
    [
      id,
      {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: role.name,
          AssumeRolePolicyDocument: policyDocument(role.trustPolicy, plan),
          ...(role.managedPolicies.length > 0
            ? { ManagedPolicyArns: role.managedPolicies.map((p) => portable(p.arn, plan)) }
            : {}),
          ...inlinePolicies(role.inlinePolicy, plan, userStatements),
        },
      },
    ],
  ]
}

/**
 * CloudFormation's name for each RegisterTaskDefinition field the plan can hold (AWS::ECS::TaskDefinition
 * and its ContainerDefinition/PortMapping/RuntimePlatform/Secret/LogConfiguration types, checked against the
 * CloudFormation resource specification by cloudformation.test.ts). A field the plan gains without a name here
 * stops the build instead of being guessed: some names are not the API's capitalized (efsVolumeConfiguration
 * is EFSVolumeConfiguration). The keys of map fields (MAP_FIELDS) are never renamed.
 */
const TASK_DEFINITION_NAMES: Readonly<Record<string, string>> = {
  family: 'Family',
  taskRoleArn: 'TaskRoleArn',
  executionRoleArn: 'ExecutionRoleArn',
  networkMode: 'NetworkMode',
  requiresCompatibilities: 'RequiresCompatibilities',
  cpu: 'Cpu',
  memory: 'Memory',
  runtimePlatform: 'RuntimePlatform',
  operatingSystemFamily: 'OperatingSystemFamily',
  cpuArchitecture: 'CpuArchitecture',
  containerDefinitions: 'ContainerDefinitions',
  name: 'Name',
  image: 'Image',
  essential: 'Essential',
  portMappings: 'PortMappings',
  containerPort: 'ContainerPort',
  hostPort: 'HostPort',
  protocol: 'Protocol',
  secrets: 'Secrets',
  valueFrom: 'ValueFrom',
  logConfiguration: 'LogConfiguration',
  logDriver: 'LogDriver',
  options: 'Options',
}
/** Fields whose value is a map of the user's (or the driver's) keys: `awslogs-group` stays as it is. */
const MAP_FIELDS = new Set(['options'])

function taskDefinitionProperties(value: unknown, path: string): CfnValue {
  if (Array.isArray(value)) return value.map((v, i) => taskDefinitionProperties(v, `${path}.${i}`))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => {
          const name = TASK_DEFINITION_NAMES[key]
          if (!name) throw new Error(`task definition field ${path}.${key} has no CloudFormation name here`)
          return [
            name,
            MAP_FIELDS.has(key)
              ? (structuredClone(v) as CfnValue)
              : taskDefinitionProperties(v, `${path}.${key}`),
          ]
        }),
    )
  return value as CfnValue
}

/** The task definition's properties, with the roles and log group of this stack referenced, not named. */
function taskDefinition(plan: SetupPlan): Record<string, CfnValue> {
  const properties = taskDefinitionProperties(plan.taskDefinition, 'taskDefinition') as Record<
    string,
    CfnValue
  >
  if (properties.TaskRoleArn !== plan.taskRole.arn)
    throw new Error('the task definition names a task role this plan does not have')
  properties.TaskRoleArn = portable(plan.taskRole.arn, plan)
  if (properties.ExecutionRoleArn !== plan.executionRole?.arn)
    throw new Error('the task definition names an execution role this plan does not have')
  if (plan.executionRole) properties.ExecutionRoleArn = portable(plan.executionRole.arn, plan)
  // The awslogs group by !Ref: the same name, and the log group exists before the task definition is used.
  if (plan.logGroup)
    for (const container of properties.ContainerDefinitions as Record<string, CfnValue>[]) {
      const options = (container.LogConfiguration as { Options?: Record<string, CfnValue> } | undefined)
        ?.Options
      if (options?.['awslogs-group'] === plan.logGroup.name)
        options['awslogs-group'] = ref(LOGICAL_IDS.logGroup)
    }
  return properties
}

/** The service's awsvpc configuration: the chosen subnets, or the subnets parameter (default VPC). */
function awsvpcConfiguration(network: TaskNetwork): CfnValue {
  if (network.kind === 'chosen') {
    const { subnets, securityGroups, assignPublicIp } = network.awsvpcConfiguration
    return {
      Subnets: [...(subnets ?? [])],
      ...(securityGroups ? { SecurityGroups: [...securityGroups] } : {}),
      ...(assignPublicIp ? { AssignPublicIp: assignPublicIp } : {}),
    }
  }
  return {
    Subnets: ref(PARAMETERS.subnets),
    ...(network.securityGroups.length > 0 ? { SecurityGroups: [...network.securityGroups] } : {}),
    ...(network.assignPublicIp ? { AssignPublicIp: network.assignPublicIp } : {}),
  }
}

/** The comment lines above a resource: the AWS managed policies to attach by hand to an existing role. */
function handAttachmentComment(role: RolePlan): string {
  return [
    `${role.name} exists: CloudFormation cannot attach an AWS managed policy to a role this stack does not create. Attach it by hand, or check that it is attached:`,
    ...role.managedPolicies.map(
      (policy) =>
        `  ${sh`aws iam attach-role-policy ${option('--role-name', role.name)} ${option('--policy-arn', policy.arn)}`.text}`,
    ),
  ].join('\n')
}

/** The roles whose AWS managed policies CloudFormation cannot attach (existing roles), as "policy to role". */
function handAttachments(plan: SetupPlan) {
  return rolesOf(plan).filter(({ role }) => role.existing && role.managedPolicies.length > 0)
}

export function cloudFormationTemplate(ctx: Context): ArtifactBody {
  const { plan, config } = ctx
  const ids = LOGICAL_IDS
  const instances = plan.instances
  if (instances && instances.profile.roleName !== instances.role.name)
    throw new Error('the instance profile holds a role this plan does not have')
  const launchTemplate = instances?.launchTemplate
  const userData = launchTemplate ? instanceUserData(ctx) : undefined
  const userStatements = parseExtraStatements(config.extraStatements).length
  const roles = rolesOf(plan)
  const service = plan.service
  const defaultVpcService = service?.network?.kind === 'default-vpc'

  const parameters: Record<string, CfnValue> = {
    ...(launchTemplate?.imageParameter
      ? {
          [PARAMETERS.image]: {
            Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
            Default: launchTemplate.imageParameter,
            Description:
              "The container instances' AMI: AWS's public parameter, read when the stack is deployed",
          },
        }
      : {}),
    ...(defaultVpcService
      ? {
          [PARAMETERS.subnets]: {
            Type: 'List<AWS::EC2::Subnet::Id>',
            Description:
              "The service's subnets: the default VPC's default subnets (the deploy command looks them up), or subnets of one VPC",
          },
        }
      : {}),
  }

  // Inline policies put on existing roles by name: the service starts tasks only once they are in place.
  const existingRolePolicies = roles
    .filter(({ role }) => role.existing && role.inlinePolicy && role !== instances?.role)
    .map(({ policyId }) => policyId)

  const resources: Record<string, CfnValue> = Object.fromEntries([
    ...roles.flatMap(({ kind, role, id, policyId }) =>
      roleResources(id, policyId, role, plan, kind === 'task' ? userStatements : 0),
    ),
    ...(instances && !instances.profile.existing
      ? [
          [
            ids.instanceProfile,
            {
              Type: 'AWS::IAM::InstanceProfile',
              Properties: { InstanceProfileName: instances.profile.name, Roles: [ref(ids.instanceRole)] },
            },
          ],
        ]
      : []),
    // On an existing role, by name: the stack puts this inline policy there and removes it when deleted.
    ...(plan.passRole.deployerRoleName
      ? [
          [
            ids.passRolePolicy,
            {
              Type: 'AWS::IAM::Policy',
              Properties: {
                PolicyName: plan.passRole.policy.name,
                PolicyDocument: policyDocument(plan.passRole.policy.document, plan),
                Roles: [plan.passRole.deployerRoleName],
              },
            },
          ],
        ]
      : []),
    [ids.cluster, { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: plan.cluster.name } }],
    ...(plan.logGroup
      ? [[ids.logGroup, { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: plan.logGroup.name } }]]
      : []),
    [ids.taskDefinition, { Type: 'AWS::ECS::TaskDefinition', Properties: taskDefinition(plan) }],
    ...(launchTemplate && instances && userData
      ? [
          [
            ids.launchTemplate,
            {
              Type: 'AWS::EC2::LaunchTemplate',
              Properties: {
                LaunchTemplateName: launchTemplate.name,
                LaunchTemplateData: {
                  ImageId: launchTemplate.imageParameter ? ref(PARAMETERS.image) : launchTemplate.imageId,
                  InstanceType: launchTemplate.instanceType,
                  // By name, as ec2/launch-template.json: an existing profile's ARN may hold a path this
                  // plan does not know; the stack's own profile by !Ref (its name), so it exists first.
                  IamInstanceProfile: {
                    Name: instances.profile.existing
                      ? launchTemplate.instanceProfileName
                      : ref(ids.instanceProfile),
                  },
                  ...(launchTemplate.securityGroupIds.length > 0
                    ? { SecurityGroupIds: [...launchTemplate.securityGroupIds] }
                    : {}),
                  MetadataOptions: {
                    HttpTokens: launchTemplate.metadata.httpTokens,
                    HttpPutResponseHopLimit: launchTemplate.metadata.hopLimit,
                    HttpEndpoint: 'enabled',
                  },
                  // The literal text, not Fn::Sub: nothing in it is substituted, "${" included.
                  UserData: tagged('!Base64', userData.text),
                },
              },
            },
          ],
        ]
      : []),
    ...(service
      ? [
          [
            ids.service,
            {
              Type: 'AWS::ECS::Service',
              ...(existingRolePolicies.length > 0 ? { DependsOn: existingRolePolicies } : {}),
              Properties: {
                ServiceName: service.name,
                Cluster: ref(ids.cluster),
                // This stack's revision (its ARN), which is the family's latest.
                TaskDefinition: ref(ids.taskDefinition),
                DesiredCount: service.desiredCount,
                LaunchType: service.launchType,
                ...(service.network
                  ? { NetworkConfiguration: { AwsvpcConfiguration: awsvpcConfiguration(service.network) } }
                  : {}),
              },
            },
          ],
        ]
      : []),
  ] as [string, CfnValue][])

  const output = (description: string, value: CfnValue) => ({ Description: description, Value: value })
  const outputs: Record<string, CfnValue> = {
    ...(plan.taskRole.existing
      ? {}
      : {
          TaskRoleArn: output(
            'The task role: the task definition and RunTask overrides name it',
            getAtt(ids.taskRole, 'Arn'),
          ),
        }),
    ...(plan.executionRole && !plan.executionRole.existing
      ? {
          ExecutionRoleArn: output(
            'The task execution role: ECS uses it to start the task',
            getAtt(ids.executionRole, 'Arn'),
          ),
        }
      : {}),
    ...(instances && !instances.role.existing
      ? {
          InstanceRoleArn: output('The container instance role', getAtt(ids.instanceRole, 'Arn')),
          InstanceProfileArn: output(
            'The instance profile container instances are launched with',
            getAtt(ids.instanceProfile, 'Arn'),
          ),
        }
      : {}),
    ClusterArn: output('The cluster', getAtt(ids.cluster, 'Arn')),
    ...(plan.logGroup ? { LogGroupName: output('The awslogs log group', ref(ids.logGroup)) } : {}),
    TaskDefinitionArn: output('The task definition revision this stack registered', ref(ids.taskDefinition)),
    ...(launchTemplate
      ? { LaunchTemplateId: output('Launch container instances from it', ref(ids.launchTemplate)) }
      : {}),
    ...(service ? { ServiceArn: output('The service', ref(ids.service)) } : {}),
  }

  const what = instances
    ? `EC2 container instances (${plan.os === 'linux' ? 'Linux' : 'Windows'})`
    : `Fargate (${plan.os === 'linux' ? 'Linux' : 'Windows'})`
  const document = new Document(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Amazon ECS task roles on ${what}: the roles and their policies, the cluster, the task definition${launchTemplate ? ', a launch template' : ''}${service ? ', the service' : ''}.`,
      ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
      Resources: resources,
      Outputs: outputs,
    },
    { version: '1.1' },
  )
  document.commentBefore = headerLines(ctx, 'CloudFormation template for ECS task roles')
    .map((line) => ` ${line}`)
    .join('\n')

  const resourceMap = document.get('Resources', true)
  if (!isMap(resourceMap)) throw new Error('the template has no Resources map')
  const commentAbove = (resource: string, lines: string) => {
    const pair = resourceMap.items.find((p) => isScalar(p.key) && p.key.value === resource)
    if (!pair || !isScalar(pair.key)) throw new Error(`no resource ${resource} to comment`)
    const comment = lines
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n')
    pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${comment}` : comment
  }
  if (launchTemplate)
    commentAbove(
      ids.launchTemplate,
      `Launch the container instances from it (after the stack is deployed):\n  ${runInstancesCommand(launchTemplate, plan.region)}`,
    )

  // Above the existing role's inline policy (or, without one, the resource that uses the role): what
  // CloudFormation cannot do for it.
  const byHand = handAttachments(plan)
  for (const { role, policyId } of byHand)
    commentAbove(
      policyId in resources
        ? policyId
        : role === instances?.role
          ? launchTemplate
            ? ids.launchTemplate
            : ids.cluster
          : ids.taskDefinition,
      handAttachmentComment(role),
    )
  const text = document.toString({ lineWidth: 0, directives: false, blockQuote: 'literal' })

  const usage = msg('file.cloudFormation.usage', {
    resources: setupResources(plan),
    command: deployCommandFor(plan),
    script: 'setup/aws-cli.sh',
    byHand:
      byHand.length > 0
        ? msg('file.cloudFormation.usage.byHand', {
            attachments: byHand.flatMap(({ role }) =>
              role.managedPolicies.map((policy) =>
                msg('file.cloudFormation.attachment', { policy: policy.name, role: role.name }),
              ),
            ),
          })
        : '',
    subnets: defaultVpcService
      ? msg('file.cloudFormation.usage.subnets', { parameter: PARAMETERS.subnets })
      : '',
  })

  return {
    title: msg('file.cloudFormation.title'),
    usage,
    check: outputsCommand(plan.cluster.name, plan.region),
    text,
    sources: sourcesFor(text, [
      [
        '${AWS::Partition}',
        msg('file.cloudFormation.note.pseudoParameters', {
          account: plan.accountId,
          region: plan.region,
          partition: plan.partition,
        }),
        formatCitation(cite('CFN_PSEUDO_PARAMETERS')),
      ],
      [
        `Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`,
        msg('file.cloudFormation.note.imageParameter', { parameter: launchTemplate?.imageParameter ?? '' }),
        formatCitation(cite('CFN_SSM_PARAMETER_TYPES', 'ECS_AMI_SSM_LINUX', 'ECS_AMI_SSM_WINDOWS')),
      ],
      [
        'Type: List<AWS::EC2::Subnet::Id>',
        msg('file.cloudFormation.note.subnetsParameter'),
        formatCitation(cite('CFN_PARAMETERS', 'AWSVPC_CONFIGURATION')),
      ],
      ...roles
        .filter(({ role }) => role.existing && role.inlinePolicy)
        .map(({ role, policyId }): [string, Message, string] => [
          `  ${policyId}:`,
          msg('file.cloudFormation.note.existingRole', { role: role.name }),
          formatCitation(cite('CFN_IAM_ROLE_POLICY')),
        ]),
      ...byHand.map(({ role }): [string, Message, string] => [
        `# ${role.name} exists: CloudFormation cannot attach`,
        msg('file.cloudFormation.note.byHand', {
          role: role.name,
          policies: role.managedPolicies.map((p) => p.name),
        }),
        formatCitation(cite('CFN_IAM_ROLE')),
      ]),
      [
        `  ${ids.passRolePolicy}:`,
        msg('file.cloudFormation.note.passRole', { role: plan.passRole.deployerRoleName ?? '' }),
        formatCitation(cite('IAM_PASSROLE', 'CFN_IAM_POLICY')),
      ],
      // On the first role the stack creates (an existing role's policy names its role too).
      ...roles
        .filter(({ role }) => !role.existing)
        .slice(0, 1)
        .map(({ role }): [string, Message, string] => [
          `RoleName: ${role.name}`,
          msg('file.cloudFormation.note.namedIam'),
          formatCitation(cite('CFN_CAPABILITIES')),
        ]),
      ['TaskRoleArn: ', msg('file.taskDefinition.note.taskRoleArn'), formatCitation(cite('S2', 'S31'))],
      [
        'LaunchTemplateData:',
        msg('file.cloudFormation.note.launchTemplate'),
        formatCitation(cite('CFN_LAUNCH_TEMPLATE')),
      ],
      [
        'HttpPutResponseHopLimit:',
        msg('file.launchTemplate.note.hopLimit', { hopLimit: launchTemplate?.metadata.hopLimit ?? 1 }),
        formatCitation(cite('EC2_IMDS_OPTIONS')),
      ],
      [
        'UserData: !Base64',
        msg('file.cloudFormation.note.userData', { path: userData?.path ?? '' }),
        formatCitation(cite('CFN_BASE64')),
      ],
      [
        'Type: AWS::Logs::LogGroup',
        msg('file.iac.note.logGroup'),
        formatCitation(cite('AWSLOGS_DRIVER', 'LOGS_CREATE_LOG_GROUP')),
      ],
      [
        'Type: AWS::ECS::Service',
        msg('file.iac.note.service'),
        formatCitation(cite('CFN_ECS_SERVICE', 'S2')),
      ],
    ]),
  }
}
