// setup/aws-cli.sh: every AWS CLI call, in order. The script is self-contained: it carries the policy
// documents, the task definition, the launch template data and the service input (the same text as iam/*.json,
// ecs/*.json and ec2/launch-template.json) in quoted heredocs, so it works from any directory, pasted into a
// shell or piped (`bash < aws-cli.sh`), and no JSON is ever spliced into a command line. It is safe to run
// again: what exists already is reused.
import { cite, type Citation } from '../../knowledge/sources.ts'
import { msg, type Message } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import {
  blank,
  comment,
  indented,
  line,
  option,
  raw,
  renderShell,
  sh,
  type ShellBlock,
} from '../render/shell.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { InstancesPlan, RolePlan, SetupPlan, TaskNetwork } from '../plan.ts'
import { launchTemplateDataOf } from './launch-template.ts'
import { serviceInputOf } from './task.ts'

/** The shell variables holding each document, in the order they are defined. */
const DOCUMENT_VARIABLES = {
  taskRoleTrust: 'task_role_trust_policy',
  taskRolePolicy: 'task_role_policy',
  executionRoleTrust: 'execution_role_trust_policy',
  executionRolePolicy: 'execution_role_policy',
  instanceRoleTrust: 'instance_role_trust_policy',
  instanceRolePolicy: 'instance_role_policy',
  passRolePolicy: 'passrole_policy',
  taskDefinition: 'task_definition',
  runTaskOverrides: 'run_task_overrides',
  launchTemplateData: 'launch_template_data',
  service: 'service',
  networkConfiguration: 'network_configuration',
} as const

/**
 * The wizard's switches for an existing role, as English file text (the script is the same bytes in every page
 * language): the labels of field.existing…Role.label in catalogs/en/fields.json.
 */
const SWITCH_LABELS = {
  task: 'Use an existing task role',
  execution: 'Use an existing task execution role',
  instance: 'Use an existing instance role',
} as const

/** The script's sub-commands; the ones after setup and run-task exist only when the plan has what they use. */
type ScriptCommand = 'setup' | 'run-task' | 'launch-instances' | 'create-service'

function scriptCommands(plan: SetupPlan): ScriptCommand[] {
  return [
    'setup',
    'run-task',
    ...(plan.instances?.launchTemplate ? ['launch-instances' as const] : []),
    ...(plan.service ? ['create-service' as const] : []),
  ]
}

/** `name=$(cat <<'EOF' … EOF\n)`: the quoted heredoc keeps the document byte for byte. */
function documentVariable(name: string, text: string, origin: string | Message): ShellBlock[] {
  return [
    {
      kind: 'heredoc',
      before: raw(`${name}=$(cat`),
      after: raw(''),
      body: text,
      // `origin` is the file holding the same document, or what it is when no file holds it.
      note: typeof origin === 'string' ? msg('file.awsCli.note.sameDocument', { path: origin }) : origin,
    },
    line(raw(')')),
  ]
}

/**
 * Create the role, or reuse it when it exists. An existing role's trust policy is never replaced: the role
 * may serve other tasks or regions. The script prints how to compare it with this configuration's.
 */
function ensureRole(roleName: string, trustVariable: string, region: string[]): ShellBlock[] {
  const role = option('--role-name', roleName)
  return [
    line(sh`if aws iam get-role ${role} ${region} >/dev/null 2>&1; then`),
    line(
      sh`  echo ${`Role ${roleName} exists: reusing it. Its trust policy is left as it is; it must allow what this one allows:`}`,
    ),
    line(raw(`  printf '%s\\n' "$${trustVariable}"`)),
    line(
      sh`  echo ${`Compare with: aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`}`,
    ),
    line(raw('else')),
    line(
      sh`  aws iam create-role ${role} --assume-role-policy-document ${raw(`"$${trustVariable}"`)} ${region}`,
    ),
    line(raw('fi')),
  ]
}

/**
 * A role configured as existing: never created, its trust policy never touched. It must be there (else stop
 * before anything is put on a role that is not), and its trust policy must allow what this one allows.
 */
function requireExistingRole(
  roleName: string,
  trustVariable: string,
  region: string[],
  switchLabel: string,
): ShellBlock[] {
  const role = option('--role-name', roleName)
  return [
    line(
      sh`if aws iam get-role ${role} ${region} >/dev/null 2>&1; then`,
      msg('file.awsCli.note.existingRole'),
      cite('IAM_ROLE_TRUST_POLICY'),
    ),
    line(
      sh`  echo ${`Role ${roleName} exists, as configured: this script does not create it or change its trust policy, which must allow what this one allows:`}`,
    ),
    line(raw(`  printf '%s\\n' "$${trustVariable}"`)),
    line(
      sh`  echo ${`Compare with: aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`}`,
    ),
    line(raw('else')),
    line(
      sh`  echo ${`The role ${roleName} was configured as an existing role, but it does not exist (or these credentials cannot read it). Create it first, or let this script create it: turn off "${switchLabel}" in the wizard.`} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  ]
}

/** The role's inline policy, put by name, when the plan gives it one. */
function putInlinePolicy(
  role: RolePlan,
  variable: string,
  region: string[],
  note?: Message,
  citation?: Citation,
): ShellBlock[] {
  if (!role.inlinePolicy) return []
  return [
    line(
      sh`aws iam put-role-policy ${option('--role-name', role.name)} --policy-name ${role.inlinePolicy.name} --policy-document ${raw(`"$${variable}"`)} ${region}`,
      note,
      citation,
    ),
  ]
}

/** Create or require the role, then attach its managed policies and put its inline policy (on existing roles too). */
function roleBlocks(
  role: RolePlan,
  variables: { trust: string; policy: string; switchLabel: string },
  region: string[],
  inlineNote?: [Message, Citation],
): ShellBlock[] {
  return [
    ...(role.existing
      ? requireExistingRole(role.name, variables.trust, region, variables.switchLabel)
      : ensureRole(role.name, variables.trust, region)),
    ...role.managedPolicies.map((managed) =>
      line(
        sh`aws iam attach-role-policy ${option('--role-name', role.name)} --policy-arn ${managed.arn} ${region}`,
        msg('file.awsCli.note.attachManagedPolicy'),
        managed.citation,
      ),
    ),
    ...putInlinePolicy(role, variables.policy, region, inlineNote?.[0], inlineNote?.[1]),
  ]
}

/** The instance profile: created with its role, or (existing role) only checked to hold it. */
function instanceProfileBlocks(instances: InstancesPlan, region: string[]): ShellBlock[] {
  const { profile: plan } = instances
  const profile = option('--instance-profile-name', plan.name)
  const roleOfProfile = sh`aws iam get-instance-profile ${profile} --query ${'InstanceProfile.Roles[0].RoleName'} --output text ${region}`
  if (plan.existing)
    return [
      line(
        sh`profile_role=$(${roleOfProfile} 2>/dev/null) || profile_role=None`,
        msg('file.awsCli.note.existingInstanceProfile'),
        cite('S4', 'IAM_INSTANCE_PROFILES'),
      ),
      line(sh`if [ "$profile_role" != ${plan.roleName} ]; then`),
      line(
        sh`  echo ${`The instance profile ${plan.name} must exist and hold the existing role ${plan.roleName}; it holds: `}"$profile_role"${` (None: no such profile, or no role in it). The IAM console gives a role for EC2 a profile of the same name; otherwise run: aws iam create-instance-profile --instance-profile-name ${plan.name} && aws iam add-role-to-instance-profile --instance-profile-name ${plan.name} --role-name ${plan.roleName}`} >&2`,
      ),
      line(raw('  exit 1')),
      line(raw('fi')),
    ]
  return [
    line(sh`if ! profile_role=$(${roleOfProfile} 2>/dev/null); then`),
    line(
      sh`  aws iam create-instance-profile ${profile} ${region}`,
      msg('file.awsCli.note.createInstanceProfile'),
      cite('S4', 'IAM_INSTANCE_PROFILES'),
    ),
    line(raw('  profile_role=None')),
    line(raw('fi')),
    line(raw('if [ "$profile_role" = None ]; then')),
    line(
      sh`  aws iam add-role-to-instance-profile ${profile} ${option('--role-name', plan.roleName)} ${region}`,
    ),
    line(sh`elif [ "$profile_role" != ${plan.roleName} ]; then`),
    line(
      sh`  echo ${`The instance profile ${plan.name} holds the role `}"$profile_role"${'; a profile holds one role. Choose another profile name in the wizard.'} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  ]
}

/**
 * The awsvpc network configuration: a document when subnets were chosen, else the default VPC's default subnets
 * and security group, looked up when the task or service starts (or a clear stop). Fargate adds assignPublicIp.
 */
function networkConfigurationBlocks(
  network: TaskNetwork | undefined,
  regionName: string,
  fargate: boolean,
): { define: ShellBlock[]; lookUp: ShellBlock[] } {
  if (!network) return { define: [], lookUp: [] }
  const region = option('--region', regionName)
  if (network.kind === 'chosen')
    return {
      define: documentVariable(
        DOCUMENT_VARIABLES.networkConfiguration,
        renderJson({ awsvpcConfiguration: network.awsvpcConfiguration }),
        msg('file.awsCli.note.sameNetworkConfiguration'),
      ),
      lookUp: [],
    }
  const groups =
    network.securityGroups.length > 0
      ? [line(sh`security_groups=${network.securityGroups.join(',')}`)]
      : [
          line(
            sh`security_groups=$(aws ec2 describe-security-groups --filters ${raw('"Name=vpc-id,Values=$vpc"')} Name=group-name,Values=default --query ${'SecurityGroups[0].GroupId'} --output text ${region})`,
          ),
        ]
  const publicIp = network.assignPublicIp === 'ENABLED'
  const [explanation, echoed] = !fargate
    ? [
        'On EC2, awsvpc tasks get no public IP address: in these public subnets they reach AWS APIs (S3, STS) only through VPC endpoints. Choose private subnets with a NAT gateway for real workloads.',
        'Note: awsvpc tasks on EC2 get no public IP address; without a NAT gateway or VPC endpoints they cannot reach AWS APIs from these subnets.',
      ]
    : publicIp
      ? [
          'On Fargate, the task gets a public IP address (assignPublicIp ENABLED): in these public subnets it pulls its image and reaches AWS APIs through the internet gateway.',
          'Note: the task gets a public IP address (assignPublicIp ENABLED).',
        ]
      : [
          'On Fargate without a public IP address (assignPublicIp DISABLED), a task in these public subnets reaches neither the internet nor AWS APIs: it cannot pull an image from the internet. Turn on the public IP in the wizard, or choose private subnets with a NAT gateway or VPC endpoints.',
          'Note: without a public IP address, the task cannot pull its image or reach AWS APIs from these subnets unless VPC endpoints exist.',
        ]
  return {
    define: [],
    lookUp: [
      comment(
        `awsvpc tasks need subnets and security groups. None were chosen in the wizard, so this uses the default VPC: its default subnets and its default security group. ${explanation}`,
      ),
      line(
        sh`vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query ${'Vpcs[0].VpcId'} --output text ${region})`,
        msg('file.awsCli.note.defaultVpc'),
        cite('RUN_TASK_API', 'AWSVPC_CONFIGURATION'),
      ),
      line(raw('if [ -z "$vpc" ] || [ "$vpc" = None ]; then')),
      line(
        sh`  echo ${'This region has no default VPC: choose subnets (and security groups) in the wizard, then run this again.'} >&2`,
      ),
      line(raw('  exit 1')),
      line(raw('fi')),
      line(
        sh`subnets=$(aws ec2 describe-subnets --filters ${raw('"Name=vpc-id,Values=$vpc"')} Name=default-for-az,Values=true --query ${'Subnets[].SubnetId'} --output text ${region} | tr -s ${'[:space:]'} ,)`,
      ),
      line(raw('subnets=${subnets%,}')),
      ...groups,
      line(raw('if [ -z "$subnets" ] || [ -z "$security_groups" ] || [ "$security_groups" = None ]; then')),
      line(
        sh`  echo ${'The default VPC has no default subnets or no default security group: choose them in the wizard.'} >&2`,
      ),
      line(raw('  exit 1')),
      line(raw('fi')),
      line(raw('echo "Using the default VPC $vpc: subnets $subnets, security groups $security_groups"')),
      line(sh`echo ${echoed}`),
      line(
        raw(
          `${DOCUMENT_VARIABLES.networkConfiguration}="awsvpcConfiguration={subnets=[$subnets],securityGroups=[$security_groups]${network.assignPublicIp ? `,assignPublicIp=${network.assignPublicIp}` : ''}}"`,
        ),
        fargate ? msg('file.awsCli.note.assignPublicIp', { value: network.assignPublicIp ?? '' }) : undefined,
        fargate ? cite('FARGATE_NETWORKING', 'AWSVPC_CONFIGURATION') : undefined,
      ),
    ],
  }
}

/** Attaches an AWS managed policy to a role: for an existing role whose managed policy CloudFormation cannot attach. */
export function attachManagedPolicyCommand(roleName: string, policyArn: string): string {
  return sh`aws iam attach-role-policy ${option('--role-name', roleName)} --policy-arn ${policyArn}`.text
}

/** The commands that show what an existing role has: its trust policy, its attached and its inline policies. */
export function existingRoleCheckCommand(role: RolePlan, region: string, profile?: string): string {
  const name = option('--role-name', role.name)
  const r = option('--region', region)
  return [
    sh`aws iam get-role ${name} --query Role.AssumeRolePolicyDocument ${r}`.text,
    sh`aws iam list-attached-role-policies ${name} ${r}`.text,
    sh`aws iam list-role-policies ${name} ${r}`.text,
    ...(profile
      ? [
          sh`aws iam get-instance-profile ${option('--instance-profile-name', profile)} --query ${'InstanceProfile.Roles[].RoleName'} ${r}`
            .text,
        ]
      : []),
  ].join('\n')
}

export function awsCliSh(ctx: Context): ArtifactBody {
  const { plan } = ctx
  const { taskRole, executionRole, instances, passRole, runTask, service } = plan
  const fargate = plan.launchType === 'FARGATE'
  const template = instances?.launchTemplate
  const region = option('--region', plan.region)
  const cluster = option('--cluster', runTask.cluster)
  const v = DOCUMENT_VARIABLES
  const ref = (name: string) => raw(`"$${name}"`)
  const commands = scriptCommands(plan)
  const usage = `bash aws-cli.sh [${commands.join('|')}]`

  // The plan's documents, rendered as the iam/, ecs/ and ec2/ files render them, so the script cannot disagree.
  const documents: ShellBlock[] = [
    comment(
      'The documents, the same as the files iam/*.json, ecs/*.json and ec2/*.json beside this script (edited files are not read: the script is self-contained).',
    ),
    ...documentVariable(v.taskRoleTrust, renderJson(taskRole.trustPolicy), 'iam/task-role-trust-policy.json'),
    ...(taskRole.inlinePolicy
      ? documentVariable(
          v.taskRolePolicy,
          renderJson(taskRole.inlinePolicy.document),
          'iam/task-role-policy.json',
        )
      : []),
    ...(executionRole
      ? documentVariable(
          v.executionRoleTrust,
          renderJson(executionRole.trustPolicy),
          'iam/execution-role-trust-policy.json',
        )
      : []),
    ...(executionRole?.inlinePolicy
      ? documentVariable(
          v.executionRolePolicy,
          renderJson(executionRole.inlinePolicy.document),
          'iam/execution-role-policy.json',
        )
      : []),
    ...(instances
      ? documentVariable(
          v.instanceRoleTrust,
          renderJson(instances.role.trustPolicy),
          'iam/instance-role-trust-policy.json',
        )
      : []),
    ...(instances?.role.inlinePolicy
      ? documentVariable(
          v.instanceRolePolicy,
          renderJson(instances.role.inlinePolicy.document),
          'iam/instance-role-policy.json',
        )
      : []),
    ...(passRole.deployerRoleName
      ? documentVariable(v.passRolePolicy, renderJson(passRole.policy.document), 'iam/passrole-policy.json')
      : []),
    ...documentVariable(v.taskDefinition, renderJson(plan.taskDefinition), 'ecs/task-definition.json'),
    ...documentVariable(v.runTaskOverrides, renderJson(runTask.overrides), 'ecs/run-task-overrides.json'),
    ...(template
      ? documentVariable(
          v.launchTemplateData,
          renderJson(launchTemplateDataOf(ctx)),
          'ec2/launch-template.json',
        )
      : []),
    ...(service ? documentVariable(v.service, renderJson(serviceInputOf(plan)), 'ecs/service.json') : []),
  ]
  const network = networkConfigurationBlocks(runTask.network, plan.region, fargate)
  documents.push(...network.define)

  const accountCheck: ShellBlock[] = [
    comment('Stop before anything is created with credentials for another account.'),
    line(
      sh`account=$(aws sts get-caller-identity --query Account --output text ${region})`,
      msg('file.awsCli.note.callerAccount'),
      cite('STS_CALLER_IDENTITY'),
    ),
    line(sh`if [ "$account" != ${plan.accountId} ]; then`),
    line(
      sh`  echo ${'These credentials are for account '}"$account"${`, but this configuration is for ${plan.accountId}: nothing was changed.`} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  ]

  // Numbered sections: only the ones this plan has, numbered as they come.
  const setup: ShellBlock[] = []
  let section = 0
  const heading = (text: string) => {
    if (section > 0) setup.push(blank)
    setup.push(comment(`${++section}. ${text}`))
  }

  heading(
    taskRole.existing
      ? 'The task role (existing): what the application in the task may do.'
      : 'The task role: trusted by ECS tasks, allowed what the application needs.',
  )
  setup.push(
    ...roleBlocks(
      taskRole,
      { trust: v.taskRoleTrust, policy: v.taskRolePolicy, switchLabel: SWITCH_LABELS.task },
      region,
      [msg('file.awsCli.note.putTaskRolePolicy'), cite('S2')],
    ),
  )

  if (executionRole) {
    heading(
      'The task execution role: used by ECS (the agent, or Fargate) before the task starts, to pull the image, write the logs and read the secrets; the application never gets it.',
    )
    setup.push(
      ...roleBlocks(
        executionRole,
        { trust: v.executionRoleTrust, policy: v.executionRolePolicy, switchLabel: SWITCH_LABELS.execution },
        region,
        [msg('file.awsCli.note.putExecutionRolePolicy'), cite('TASK_EXECUTION_ROLE')],
      ),
    )
  }

  if (instances) {
    heading(
      instances.role.existing
        ? 'The container instance role (existing) and its instance profile, which must hold it.'
        : 'The container instance role and its instance profile (the CLI, unlike the console, does not create the profile).',
    )
    setup.push(
      ...roleBlocks(
        instances.role,
        { trust: v.instanceRoleTrust, policy: v.instanceRolePolicy, switchLabel: SWITCH_LABELS.instance },
        region,
      ),
      ...instanceProfileBlocks(instances, region),
    )
  }

  if (passRole.deployerRoleName) {
    heading('Let the deployer pass the roles.')
    setup.push(
      line(
        sh`aws iam put-role-policy ${option('--role-name', passRole.deployerRoleName)} --policy-name ${passRole.policy.name} --policy-document ${ref(v.passRolePolicy)} ${region}`,
        msg('file.awsCli.note.putPassRolePolicy'),
        cite('S13', 'IAM_PASSROLE'),
      ),
    )
  }

  if (plan.logGroup) {
    const logGroup = plan.logGroup.name
    heading('The log group the awslogs driver writes to (the driver does not create it).')
    setup.push(
      line(
        sh`if [ "$(aws logs describe-log-groups ${option('--log-group-name-prefix', logGroup)} --query ${`logGroups[?logGroupName==\`${JSON.stringify(logGroup)}\`].logGroupName`} --output text ${region})" = ${logGroup} ]; then`,
      ),
      line(sh`  echo ${`Log group ${logGroup} exists: reusing it.`}`),
      line(raw('else')),
      line(
        sh`  aws logs create-log-group ${option('--log-group-name', logGroup)} ${region}`,
        msg('file.awsCli.note.createLogGroup'),
        cite('LOGS_CREATE_LOG_GROUP', 'AWSLOGS_DRIVER'),
      ),
      line(raw('fi')),
    )
  }

  heading('The cluster and the task definition.')
  setup.push(
    line(
      sh`if [ "$(aws ecs describe-clusters ${option('--clusters', plan.cluster.name)} --query ${'clusters[0].status'} --output text ${region})" = ACTIVE ]; then`,
    ),
    line(sh`  echo ${`Cluster ${plan.cluster.name} exists: reusing it.`}`),
    line(raw('else')),
    line(sh`  aws ecs create-cluster ${option('--cluster-name', plan.cluster.name)} ${region}`),
    line(raw('fi')),
    line(
      sh`aws ecs register-task-definition --cli-input-json ${ref(v.taskDefinition)} ${region}`,
      msg('file.awsCli.note.registerTaskDefinition'),
      cite('S31'),
    ),
  )

  if (template) {
    const name = option('--launch-template-name', template.name)
    // An existing template gets this data as a new version, made the default: launching from it (by this
    // script, the console or an Auto Scaling group) then uses what this configuration says, and the older
    // versions stay for a rollback.
    heading(
      'The launch template of the container instances: created, or given a new default version with this data.',
    )
    setup.push(
      line(
        sh`if aws ec2 describe-launch-templates ${option('--launch-template-names', template.name)} ${region} >/dev/null 2>&1; then`,
      ),
      line(
        sh`  version=$(aws ec2 create-launch-template-version ${name} --launch-template-data ${ref(v.launchTemplateData)} --query LaunchTemplateVersion.VersionNumber --output text ${region})`,
        msg('file.awsCli.note.launchTemplateVersion'),
        cite('EC2_CREATE_LAUNCH_TEMPLATE'),
      ),
      line(sh`  aws ec2 modify-launch-template ${name} --default-version ${raw('"$version"')} ${region}`),
      line(
        sh`  echo ${`Launch template ${template.name} exists: added version `}"$version"${' with this data and made it the default.'}`,
      ),
      line(raw('else')),
      line(
        sh`  aws ec2 create-launch-template ${name} --launch-template-data ${ref(v.launchTemplateData)} ${region}`,
        msg('file.awsCli.note.createLaunchTemplate'),
        cite('EC2_CREATE_LAUNCH_TEMPLATE', 'EC2_SSM_PARAMETER_AMI'),
      ),
      line(raw('fi')),
    )
  }

  const then = service
    ? 'run this script again with the argument create-service (or run-task for one task)'
    : 'run this script again with the argument run-task'
  setup.push(
    blank,
    comment(
      fargate
        ? `Next: ${then}.`
        : template
          ? `Next: run this script again with the argument launch-instances (${template.count} instance${template.count === 1 ? '' : 's'} from the launch template ${template.name}); once they have joined the cluster, ${then}.`
          : `Next: launch instances with --iam-instance-profile Name=${instances!.profile.name} and --user-data file://ec2/user-data.${instances!.host.os === 'linux' ? 'sh' : 'ps1'} (this AMI has no public parameter for its ID: give an AMI ID in the wizard to get a launch template); once they have joined the cluster, ${then}.`,
    ),
  )

  const networkOption = (configuration: TaskNetwork | undefined) =>
    configuration ? sh` --network-configuration ${ref(v.networkConfiguration)}` : raw('')
  const runTaskBlocks: ShellBlock[] = [
    ...network.lookUp,
    line(
      sh`aws ecs run-task ${cluster} ${option('--task-definition', runTask.taskDefinition)} --launch-type ${runTask.launchType} --overrides ${ref(v.runTaskOverrides)}${networkOption(runTask.network)} ${region}`,
      msg('file.awsCli.note.runTask', { networkMode: ctx.config.networkMode }),
      cite('S2', 'RUN_TASK_API'),
    ),
  ]

  const branches: [ScriptCommand, ShellBlock[]][] = [
    ['setup', setup],
    ['run-task', runTaskBlocks],
  ]
  if (template)
    branches.push([
      'launch-instances',
      [
        line(
          sh`aws ec2 run-instances --launch-template ${JSON.stringify({ LaunchTemplateName: template.name, Version: '$Latest' })} --count ${template.count}${template.subnetId ? sh` ${option('--subnet-id', template.subnetId)}` : raw('')} --query ${'Instances[].InstanceId'} --output text ${region}`,
          msg('file.awsCli.note.runInstances'),
          cite('EC2_RUN_INSTANCES'),
        ),
        line(
          sh`echo ${`The instances join the cluster ${plan.cluster.name} once their agent starts; see them with: aws ecs list-container-instances --cluster ${plan.cluster.name} --region ${plan.region}`}`,
        ),
      ],
    ])
  if (service) {
    // A service's network configuration is in ecs/service.json when subnets were chosen; else it is looked
    // up here, as for run-task, and given with --network-configuration over the JSON input.
    const lookedUp = service.network?.kind === 'default-vpc'
    branches.push([
      'create-service',
      [
        line(
          sh`if [ "$(aws ecs describe-services ${cluster} ${option('--services', service.name)} --query ${'services[0].status'} --output text ${region})" = ACTIVE ]; then`,
        ),
        line(
          sh`  echo ${`Service ${service.name} exists: left as it is. To run the latest revision of the task definition: aws ecs update-service --cluster ${service.cluster} --service ${service.name} --task-definition ${service.taskDefinition} --region ${plan.region}`}`,
        ),
        line(raw('else')),
        ...indented(lookedUp ? network.lookUp : [], '  '),
        line(
          sh`  aws ecs create-service --cli-input-json ${ref(v.service)}${lookedUp ? networkOption(service.network) : raw('')} ${region}`,
          msg('file.awsCli.note.createService'),
          cite('S2', 'CREATE_SERVICE_API'),
        ),
        line(raw('fi')),
      ],
    ])
  }

  const { text, sources } = renderShell({
    interpreter: '/bin/bash',
    blocks: [
      ...headerLines(ctx, 'AWS CLI setup for ECS task roles').map(comment),
      comment(
        `Usage: ${usage}, or piped: bash -s run-task < aws-cli.sh. It needs no other file and works from any directory; pasted into a shell it runs "setup" in a subshell, so your shell keeps its options.`,
      ),
      comment(
        `Safe to run again: existing roles (their trust policies untouched), ${[
          ...(instances ? ['the instance profile'] : []),
          ...(plan.logGroup ? ['the log group'] : []),
          'the cluster',
        ]
          .join(', ')
          .replace(
            /, ([^,]*)$/,
            ' and $1',
          )} are reused; the inline policies are put again${template ? ', and the launch template gets a new default version' : ''}.`,
      ),
      line(raw('(')),
      line(raw('set -euo pipefail')),
      comment('AWS CLI v2 would page long output and wait for a key.'),
      line(raw('export AWS_PAGER=""')),
      line(raw('command="${1:-setup}"')),
      line(raw('case "$command" in')),
      line(raw(`  ${commands.join(' | ')}) ;;`)),
      line(raw(`  *) echo 'Usage: ${usage}' >&2; exit 2 ;;`)),
      line(raw('esac')),
      blank,
      ...documents,
      blank,
      ...accountCheck,
      blank,
      line(raw('case "$command" in')),
      ...branches.flatMap(([name, blocks]) => [
        line(raw(`  ${name})`)),
        ...indented(blocks),
        line(raw('    ;;')),
      ]),
      line(raw('esac')),
      line(raw(')')),
    ],
  })
  return {
    title: msg('file.awsCli.title'),
    usage: msg('file.awsCli.usage', {
      launchType: fargate ? 'fargate' : 'ec2',
      logs: plan.logGroup ? 'yes' : 'no',
      setupCommand: 'bash setup/aws-cli.sh',
      runTaskCommand: 'bash setup/aws-cli.sh run-task',
      launch: template ? 'yes' : 'no',
      launchCommand: 'bash setup/aws-cli.sh launch-instances',
      service: service ? 'yes' : 'no',
      serviceCommand: 'bash setup/aws-cli.sh create-service',
    }),
    check: instances
      ? sh`aws iam get-instance-profile ${option('--instance-profile-name', instances.profile.name)} --query ${'InstanceProfile.Roles[].RoleName'} ${region}`
          .text
      : sh`aws ecs describe-task-definition ${option('--task-definition', runTask.taskDefinition)} --query ${'taskDefinition.[taskRoleArn,executionRoleArn]'} ${region}`
          .text,
    text,
    sources,
  }
}
