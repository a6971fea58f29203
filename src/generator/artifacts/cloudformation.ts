// cloudformation/template.yaml: the plan as one CloudFormation stack. The roles carry the plan's documents
// (the same as iam/*.json once the pseudo parameters are resolved), the task definition is the plan's
// RegisterTaskDefinition input under CloudFormation's property names, and the launch template carries the
// very text of ec2/user-data.sh or .ps1. The `yaml` library writes every scalar (quoting is its job), as
// YAML 1.1 so that readers such as cfn-lint's PyYAML see "2012-10-17" and "yes" as strings, not a date or
// a boolean (docs/decisions/014-cloudformation-template.md).
import { Document, Scalar, type Node } from 'yaml'
import { msg } from '../../i18n/message.ts'
import { parseExtraStatements } from '../../knowledge/policies.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { headerLines, sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { InlinePolicy, PolicyDocument, RolePlan, SetupPlan } from '../plan.ts'
import { deployCommand, outputsCommand } from './cloudformation-commands.ts'
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
  instanceRole: 'InstanceRole',
  instanceProfile: 'InstanceProfile',
  passRolePolicy: 'PassRolePolicy',
  cluster: 'Cluster',
  taskDefinition: 'TaskDefinition',
  launchTemplate: 'LaunchTemplate',
} as const

/**
 * The stack's own account, Region and partition as pseudo parameters, so that the template deploys the
 * same setup in another account or Region: a value equal to the plan's account becomes !Ref AWS::AccountId,
 * an ARN in the plan's partition has its partition (and its Region and account, when they are the plan's)
 * from the pseudo parameters, and the two roles' ARNs come from the roles themselves.
 */
function portable(value: string, plan: SetupPlan): CfnValue {
  if (value === plan.taskRole.arn) return getAtt(LOGICAL_IDS.taskRole, 'Arn')
  if (value === plan.instanceRole.arn) return getAtt(LOGICAL_IDS.instanceRole, 'Arn')
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

function role(role: RolePlan, plan: SetupPlan, userStatements = 0): CfnValue {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: role.name,
      AssumeRolePolicyDocument: policyDocument(role.trustPolicy, plan),
      ...(role.managedPolicies.length > 0
        ? { ManagedPolicyArns: role.managedPolicies.map((p) => portable(p.arn, plan)) }
        : {}),
      ...inlinePolicies(role.inlinePolicy, plan, userStatements),
    },
  }
}

/**
 * CloudFormation's name for each RegisterTaskDefinition field the plan can hold (AWS::ECS::TaskDefinition
 * and its ContainerDefinition/PortMapping types, checked against the CloudFormation resource specification
 * by cloudformation.test.ts). A field the plan gains without a name here stops the build instead of being
 * guessed: some names are not the API's capitalized (efsVolumeConfiguration is EFSVolumeConfiguration), and
 * map keys (dockerLabels, options) are never renamed.
 */
const TASK_DEFINITION_NAMES: Readonly<Record<string, string>> = {
  family: 'Family',
  taskRoleArn: 'TaskRoleArn',
  networkMode: 'NetworkMode',
  requiresCompatibilities: 'RequiresCompatibilities',
  containerDefinitions: 'ContainerDefinitions',
  name: 'Name',
  image: 'Image',
  essential: 'Essential',
  memory: 'Memory',
  portMappings: 'PortMappings',
  containerPort: 'ContainerPort',
  hostPort: 'HostPort',
  protocol: 'Protocol',
}

function taskDefinitionProperties(value: unknown, path: string): CfnValue {
  if (Array.isArray(value)) return value.map((v, i) => taskDefinitionProperties(v, `${path}.${i}`))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => {
          const name = TASK_DEFINITION_NAMES[key]
          if (!name) throw new Error(`task definition field ${path}.${key} has no CloudFormation name here`)
          return [name, taskDefinitionProperties(v, `${path}.${key}`)]
        }),
    )
  return value as CfnValue
}

export function cloudFormationTemplate(ctx: Context): ArtifactBody {
  const { plan, config } = ctx
  const ids = LOGICAL_IDS
  const { path: userDataPath, text: userDataText } = instanceUserData(ctx)
  if (plan.instanceProfile.roleName !== plan.instanceRole.name)
    throw new Error('the instance profile holds a role this plan does not create')
  // The instance part (launch template, instance profile) exists for the EC2 launch type.
  const ec2Instances = plan.runTask.launchType === 'EC2'

  const taskDefinition = taskDefinitionProperties(plan.taskDefinition, 'taskDefinition') as Record<
    string,
    CfnValue
  >
  if (taskDefinition.TaskRoleArn !== plan.taskRole.arn)
    throw new Error('the task definition names a task role this plan does not create')
  taskDefinition.TaskRoleArn = getAtt(ids.taskRole, 'Arn')

  const resources: Record<string, CfnValue> = {
    [ids.taskRole]: role(plan.taskRole, plan, parseExtraStatements(config.extraStatements).length),
    [ids.instanceRole]: role(plan.instanceRole, plan),
    [ids.instanceProfile]: {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { InstanceProfileName: plan.instanceProfile.name, Roles: [ref(ids.instanceRole)] },
    },
    // On an existing role, by name: the stack puts this inline policy there and removes it when deleted.
    ...(plan.passRole.deployerRoleName
      ? {
          [ids.passRolePolicy]: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: plan.passRole.policy.name,
              PolicyDocument: policyDocument(plan.passRole.policy.document, plan),
              Roles: [plan.passRole.deployerRoleName],
            },
          },
        }
      : {}),
    [ids.cluster]: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: plan.cluster.name } },
    [ids.taskDefinition]: { Type: 'AWS::ECS::TaskDefinition', Properties: taskDefinition },
    ...(ec2Instances
      ? {
          [ids.launchTemplate]: {
            Type: 'AWS::EC2::LaunchTemplate',
            Properties: {
              LaunchTemplateData: {
                IamInstanceProfile: { Arn: getAtt(ids.instanceProfile, 'Arn') },
                // The literal text, not Fn::Sub: nothing in it is substituted, "${" included.
                UserData: tagged('!Base64', userDataText),
              },
            },
          },
        }
      : {}),
  }

  const output = (description: string, value: CfnValue) => ({ Description: description, Value: value })
  const outputs: Record<string, CfnValue> = {
    TaskRoleArn: output(
      'The task role: the task definition and RunTask overrides name it',
      getAtt(ids.taskRole, 'Arn'),
    ),
    InstanceRoleArn: output('The container instance role', getAtt(ids.instanceRole, 'Arn')),
    InstanceProfileArn: output(
      'The instance profile container instances are launched with',
      getAtt(ids.instanceProfile, 'Arn'),
    ),
    ClusterArn: output('The cluster', getAtt(ids.cluster, 'Arn')),
    TaskDefinitionArn: output('The task definition revision this stack registered', ref(ids.taskDefinition)),
    ...(ec2Instances
      ? { LaunchTemplateId: output('Launch container instances from it', ref(ids.launchTemplate)) }
      : {}),
  }

  const document = new Document(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Amazon ECS task roles on EC2 container instances (${plan.host.os === 'linux' ? 'Linux' : 'Windows'}): the task role, the container instance role and its instance profile, the cluster, the task definition${ec2Instances ? ' and a launch template' : ''}.`,
      Resources: resources,
      Outputs: outputs,
    },
    { version: '1.1' },
  )
  document.commentBefore = headerLines(ctx, 'CloudFormation template for ECS task roles')
    .map((line) => ` ${line}`)
    .join('\n')
  const text = document.toString({ lineWidth: 0, directives: false, blockQuote: 'literal' })

  return {
    title: msg('file.cloudFormation.title'),
    usage: msg('file.cloudFormation.usage', {
      taskDefinition: 'ecs/task-definition.json',
      userData: userDataPath,
      command: deployCommand(plan.cluster.name, plan.region),
      script: 'setup/aws-cli.sh',
    }),
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
        `  ${ids.passRolePolicy}:`,
        msg('file.cloudFormation.note.passRole', { role: plan.passRole.deployerRoleName ?? '' }),
        formatCitation(cite('IAM_PASSROLE', 'CFN_IAM_POLICY')),
      ],
      ['RoleName: ', msg('file.cloudFormation.note.namedIam'), formatCitation(cite('CFN_CAPABILITIES'))],
      [
        'TaskRoleArn: !GetAtt',
        msg('file.taskDefinition.note.taskRoleArn'),
        formatCitation(cite('S2', 'S31')),
      ],
      [
        'LaunchTemplateData:',
        msg('file.cloudFormation.note.launchTemplate'),
        formatCitation(cite('CFN_LAUNCH_TEMPLATE')),
      ],
      [
        'UserData: !Base64',
        msg('file.cloudFormation.note.userData', { path: userDataPath }),
        formatCitation(cite('CFN_BASE64')),
      ],
    ]),
  }
}
