// setup/aws-cli.sh: every AWS CLI call, in order. The script is self-contained: it carries the policy
// documents and the task definition (the same text as iam/*.json and ecs/*.json) in quoted heredocs, so it
// works from any directory, pasted into a shell or piped (`bash < aws-cli.sh`), and no JSON is ever
// spliced into a command line. It is safe to run again: what exists already is reused.
import { INSTANCE_ROLE_MANAGED_POLICY, awsManagedPolicyArn } from '../../knowledge/policies.ts'
import { cite } from '../../knowledge/sources.ts'
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
import {
  instanceRolePolicy,
  instanceRoleTrustPolicy,
  passRolePolicy,
  taskRolePolicy,
  taskRoleTrustPolicy,
} from './iam.ts'
import { runTaskOverrides, taskDefinition } from './task.ts'

// Fixed inline policy names: no user text needs to be glued into them.
export const INLINE_POLICY_NAMES = {
  taskRole: 'ecs-task-permissions',
  instanceRole: 'ecs-config-object-read',
  deployer: 'ecs-pass-task-and-instance-roles',
} as const

/** The shell variables holding each document, in the order they are defined. */
const DOCUMENT_VARIABLES = {
  taskRoleTrust: 'task_role_trust_policy',
  taskRolePolicy: 'task_role_policy',
  instanceRoleTrust: 'instance_role_trust_policy',
  instanceRolePolicy: 'instance_role_policy',
  passRolePolicy: 'passrole_policy',
  taskDefinition: 'task_definition',
  runTaskOverrides: 'run_task_overrides',
  networkConfiguration: 'network_configuration',
} as const

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

function networkConfigurationBlocks(ctx: Context): { define: ShellBlock[]; lookUp: ShellBlock[] } {
  const { config } = ctx
  if (config.networkMode !== 'awsvpc') return { define: [], lookUp: [] }
  const region = option('--region', config.region)
  if (config.subnets.length > 0) {
    const awsvpcConfiguration = {
      subnets: config.subnets,
      // Without security groups, ECS uses the VPC's default security group (AwsVpcConfiguration).
      ...(config.securityGroups.length > 0 ? { securityGroups: config.securityGroups } : {}),
    }
    return {
      define: documentVariable(
        DOCUMENT_VARIABLES.networkConfiguration,
        renderJson({ awsvpcConfiguration }),
        msg('file.awsCli.note.sameNetworkConfiguration'),
      ),
      lookUp: [],
    }
  }
  // No subnets chosen: the default VPC's default subnets, found now, or a clear stop.
  const groups =
    config.securityGroups.length > 0
      ? [line(sh`security_groups=${config.securityGroups.join(',')}`)]
      : [
          line(
            sh`security_groups=$(aws ec2 describe-security-groups --filters ${raw('"Name=vpc-id,Values=$vpc"')} Name=group-name,Values=default --query ${'SecurityGroups[0].GroupId'} --output text ${region})`,
          ),
        ]
  return {
    define: [],
    lookUp: [
      comment(
        'awsvpc tasks need subnets and security groups. None were chosen in the wizard, so this uses the default VPC: its default subnets and its default security group. On EC2, awsvpc tasks get no public IP address: in these public subnets they reach AWS APIs (S3, STS) only through VPC endpoints. Choose private subnets with a NAT gateway for real workloads.',
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
      line(
        sh`echo ${'Note: awsvpc tasks on EC2 get no public IP address; without a NAT gateway or VPC endpoints they cannot reach AWS APIs from these subnets.'}`,
      ),
      line(
        raw(
          `${DOCUMENT_VARIABLES.networkConfiguration}="awsvpcConfiguration={subnets=[$subnets],securityGroups=[$security_groups]}"`,
        ),
      ),
    ],
  }
}

export function awsCliSh(ctx: Context): ArtifactBody {
  const { config, partition } = ctx
  const region = option('--region', config.region)
  const task = option('--role-name', config.taskRoleName)
  const instance = option('--role-name', config.instanceRoleName)
  const profile = option('--instance-profile-name', ctx.instanceProfileName)
  const cluster = option('--cluster', config.clusterName)
  const managedPolicyArn = awsManagedPolicyArn(partition.id, INSTANCE_ROLE_MANAGED_POLICY)
  const v = DOCUMENT_VARIABLES
  const ref = (name: string) => raw(`"$${name}"`)

  // The same builders as the iam/ and ecs/ files, so the script cannot disagree with them.
  const taskPolicy = taskRolePolicy(ctx)
  const instancePolicy = instanceRolePolicy(ctx)
  const documents: ShellBlock[] = [
    comment(
      'The documents, the same as the files iam/*.json and ecs/*.json beside this script (edited files are not read: the script is self-contained).',
    ),
    ...documentVariable(v.taskRoleTrust, taskRoleTrustPolicy(ctx).text, 'iam/task-role-trust-policy.json'),
    ...(taskPolicy ? documentVariable(v.taskRolePolicy, taskPolicy.text, 'iam/task-role-policy.json') : []),
    ...documentVariable(
      v.instanceRoleTrust,
      instanceRoleTrustPolicy(ctx).text,
      'iam/instance-role-trust-policy.json',
    ),
    ...(instancePolicy
      ? documentVariable(v.instanceRolePolicy, instancePolicy.text, 'iam/instance-role-policy.json')
      : []),
    ...(config.deployerRoleName
      ? documentVariable(v.passRolePolicy, passRolePolicy(ctx).text, 'iam/passrole-policy.json')
      : []),
    ...documentVariable(v.taskDefinition, taskDefinition(ctx).text, 'ecs/task-definition.json'),
    ...documentVariable(v.runTaskOverrides, runTaskOverrides(ctx).text, 'ecs/run-task-overrides.json'),
  ]
  const network = networkConfigurationBlocks(ctx)
  documents.push(...network.define)

  const accountCheck: ShellBlock[] = [
    comment('Stop before anything is created with credentials for another account.'),
    line(
      sh`account=$(aws sts get-caller-identity --query Account --output text ${region})`,
      msg('file.awsCli.note.callerAccount'),
      cite('STS_CALLER_IDENTITY'),
    ),
    line(sh`if [ "$account" != ${config.accountId} ]; then`),
    line(
      sh`  echo ${'These credentials are for account '}"$account"${`, but this configuration is for ${config.accountId}: nothing was changed.`} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  ]

  const setup: ShellBlock[] = [
    comment('1. The task role: trusted by ECS tasks, allowed what the application needs.'),
    ...ensureRole(config.taskRoleName, v.taskRoleTrust, region),
  ]
  if (taskPolicy)
    setup.push(
      line(
        sh`aws iam put-role-policy ${task} --policy-name ${INLINE_POLICY_NAMES.taskRole} --policy-document ${ref(v.taskRolePolicy)} ${region}`,
        msg('file.awsCli.note.putTaskRolePolicy'),
        cite('S2'),
      ),
    )
  setup.push(
    blank,
    comment(
      '2. The container instance role and its instance profile (the CLI, unlike the console, does not create the profile).',
    ),
    ...ensureRole(config.instanceRoleName, v.instanceRoleTrust, region),
    line(
      sh`aws iam attach-role-policy ${instance} --policy-arn ${managedPolicyArn} ${region}`,
      msg('file.awsCli.note.attachManagedPolicy'),
      INSTANCE_ROLE_MANAGED_POLICY.citation,
    ),
  )
  if (instancePolicy)
    setup.push(
      line(
        sh`aws iam put-role-policy ${instance} --policy-name ${INLINE_POLICY_NAMES.instanceRole} --policy-document ${ref(v.instanceRolePolicy)} ${region}`,
      ),
    )
  setup.push(
    line(
      sh`if ! profile_role=$(aws iam get-instance-profile ${profile} --query ${'InstanceProfile.Roles[0].RoleName'} --output text ${region} 2>/dev/null); then`,
    ),
    line(
      sh`  aws iam create-instance-profile ${profile} ${region}`,
      msg('file.awsCli.note.createInstanceProfile'),
      cite('S4', 'IAM_INSTANCE_PROFILES'),
    ),
    line(raw('  profile_role=None')),
    line(raw('fi')),
    line(raw('if [ "$profile_role" = None ]; then')),
    line(sh`  aws iam add-role-to-instance-profile ${profile} ${instance} ${region}`),
    line(sh`elif [ "$profile_role" != ${config.instanceRoleName} ]; then`),
    line(
      sh`  echo ${`The instance profile ${ctx.instanceProfileName} holds the role `}"$profile_role"${'; a profile holds one role. Choose another profile name in the wizard.'} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  )
  if (config.deployerRoleName)
    setup.push(
      blank,
      comment('3. Let the deployer pass both roles.'),
      line(
        sh`aws iam put-role-policy ${option('--role-name', config.deployerRoleName)} --policy-name ${INLINE_POLICY_NAMES.deployer} --policy-document ${ref(v.passRolePolicy)} ${region}`,
        msg('file.awsCli.note.putPassRolePolicy'),
        cite('S13', 'IAM_PASSROLE'),
      ),
    )
  setup.push(
    blank,
    comment(`${config.deployerRoleName ? '4' : '3'}. The cluster and the task definition.`),
    line(
      sh`if [ "$(aws ecs describe-clusters ${option('--clusters', config.clusterName)} --query ${'clusters[0].status'} --output text ${region})" = ACTIVE ]; then`,
    ),
    line(sh`  echo ${`Cluster ${config.clusterName} exists: reusing it.`}`),
    line(raw('else')),
    line(sh`  aws ecs create-cluster ${option('--cluster-name', config.clusterName)} ${region}`),
    line(raw('fi')),
    line(
      sh`aws ecs register-task-definition --cli-input-json ${ref(v.taskDefinition)} ${region}`,
      msg('file.awsCli.note.registerTaskDefinition'),
      cite('S31'),
    ),
    blank,
    comment(
      `Next: launch instances with --iam-instance-profile Name=${ctx.instanceProfileName} and --user-data file://ec2/user-data.${config.os === 'linux' ? 'sh' : 'ps1'}; once they have joined the cluster, run this script again with the argument run-task.`,
    ),
  )

  const awsvpc = config.networkMode === 'awsvpc'
  const runTask: ShellBlock[] = [
    ...network.lookUp,
    line(
      sh`aws ecs run-task ${cluster} ${option('--task-definition', config.task.family)} --launch-type EC2 --overrides ${ref(v.runTaskOverrides)}${awsvpc ? sh` --network-configuration ${ref(v.networkConfiguration)}` : raw('')} ${region}`,
      msg('file.awsCli.note.runTask', { networkMode: config.networkMode }),
      cite('S2', 'RUN_TASK_API'),
    ),
  ]

  const { text, sources } = renderShell({
    interpreter: '/bin/bash',
    blocks: [
      ...headerLines(ctx, 'AWS CLI setup for ECS task roles').map(comment),
      comment(
        'Usage: bash aws-cli.sh [setup|run-task], or piped: bash -s run-task < aws-cli.sh. It needs no other file and works from any directory; pasted into a shell it runs "setup" in a subshell, so your shell keeps its options.',
      ),
      comment(
        'Safe to run again: existing roles (their trust policies untouched), the instance profile and the cluster are reused; the inline policies are put again.',
      ),
      line(raw('(')),
      line(raw('set -euo pipefail')),
      comment('AWS CLI v2 would page long output and wait for a key.'),
      line(raw('export AWS_PAGER=""')),
      line(raw('command="${1:-setup}"')),
      line(raw('case "$command" in')),
      line(raw('  setup | run-task) ;;')),
      line(raw(`  *) echo 'Usage: bash aws-cli.sh [setup|run-task]' >&2; exit 2 ;;`)),
      line(raw('esac')),
      blank,
      ...documents,
      blank,
      ...accountCheck,
      blank,
      line(raw('case "$command" in')),
      line(raw('  setup)')),
      ...indented(setup),
      line(raw('    ;;')),
      line(raw('  run-task)')),
      ...indented(runTask),
      line(raw('    ;;')),
      line(raw('esac')),
      line(raw(')')),
    ],
  })
  return {
    title: msg('file.awsCli.title'),
    usage: msg('file.awsCli.usage', {
      setupCommand: 'bash setup/aws-cli.sh',
      runTaskCommand: 'bash setup/aws-cli.sh run-task',
    }),
    check: sh`aws iam get-instance-profile ${profile} --query ${'InstanceProfile.Roles[].RoleName'} ${region}`
      .text,
    text,
    sources,
  }
}
