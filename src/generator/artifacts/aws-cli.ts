// setup/aws-cli.sh: every AWS CLI call, in order. The script is self-contained: it carries the policy
// documents and the task definition (the same text as iam/*.json and ecs/*.json) in quoted heredocs, so it
// works from any directory, pasted into a shell or piped (`bash < aws-cli.sh`), and no JSON is ever
// spliced into a command line. It is safe to run again: what exists already is reused.
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
import type { RolePlan, RunTaskPlan } from '../plan.ts'

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

function networkConfigurationBlocks(
  network: RunTaskPlan['network'],
  regionName: string,
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
  // No subnets chosen: the default VPC's default subnets, found now, or a clear stop.
  const groups =
    network.securityGroups.length > 0
      ? [line(sh`security_groups=${network.securityGroups.join(',')}`)]
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

export function awsCliSh(ctx: Context): ArtifactBody {
  const { plan } = ctx
  const { taskRole, instanceRole, passRole, runTask } = plan
  const region = option('--region', plan.region)
  const instance = option('--role-name', instanceRole.name)
  const profile = option('--instance-profile-name', plan.instanceProfile.name)
  const cluster = option('--cluster', runTask.cluster)
  const v = DOCUMENT_VARIABLES
  const ref = (name: string) => raw(`"$${name}"`)

  // The plan's documents, rendered as the iam/ and ecs/ files render them, so the script cannot disagree.
  const documents: ShellBlock[] = [
    comment(
      'The documents, the same as the files iam/*.json and ecs/*.json beside this script (edited files are not read: the script is self-contained).',
    ),
    ...documentVariable(v.taskRoleTrust, renderJson(taskRole.trustPolicy), 'iam/task-role-trust-policy.json'),
    ...(taskRole.inlinePolicy
      ? documentVariable(
          v.taskRolePolicy,
          renderJson(taskRole.inlinePolicy.document),
          'iam/task-role-policy.json',
        )
      : []),
    ...documentVariable(
      v.instanceRoleTrust,
      renderJson(instanceRole.trustPolicy),
      'iam/instance-role-trust-policy.json',
    ),
    ...(instanceRole.inlinePolicy
      ? documentVariable(
          v.instanceRolePolicy,
          renderJson(instanceRole.inlinePolicy.document),
          'iam/instance-role-policy.json',
        )
      : []),
    ...(passRole.deployerRoleName
      ? documentVariable(v.passRolePolicy, renderJson(passRole.policy.document), 'iam/passrole-policy.json')
      : []),
    ...documentVariable(v.taskDefinition, renderJson(plan.taskDefinition), 'ecs/task-definition.json'),
    ...documentVariable(v.runTaskOverrides, renderJson(runTask.overrides), 'ecs/run-task-overrides.json'),
  ]
  const network = networkConfigurationBlocks(runTask.network, plan.region)
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

  const setup: ShellBlock[] = [
    comment('1. The task role: trusted by ECS tasks, allowed what the application needs.'),
    ...ensureRole(taskRole.name, v.taskRoleTrust, region),
    ...putInlinePolicy(
      taskRole,
      v.taskRolePolicy,
      region,
      msg('file.awsCli.note.putTaskRolePolicy'),
      cite('S2'),
    ),
    blank,
    comment(
      '2. The container instance role and its instance profile (the CLI, unlike the console, does not create the profile).',
    ),
    ...ensureRole(instanceRole.name, v.instanceRoleTrust, region),
    ...instanceRole.managedPolicies.map((managed) =>
      line(
        sh`aws iam attach-role-policy ${instance} --policy-arn ${managed.arn} ${region}`,
        msg('file.awsCli.note.attachManagedPolicy'),
        managed.citation,
      ),
    ),
    ...putInlinePolicy(instanceRole, v.instanceRolePolicy, region),
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
    line(
      sh`  aws iam add-role-to-instance-profile ${profile} ${option('--role-name', plan.instanceProfile.roleName)} ${region}`,
    ),
    line(sh`elif [ "$profile_role" != ${plan.instanceProfile.roleName} ]; then`),
    line(
      sh`  echo ${`The instance profile ${plan.instanceProfile.name} holds the role `}"$profile_role"${'; a profile holds one role. Choose another profile name in the wizard.'} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
  ]
  if (passRole.deployerRoleName)
    setup.push(
      blank,
      comment('3. Let the deployer pass both roles.'),
      line(
        sh`aws iam put-role-policy ${option('--role-name', passRole.deployerRoleName)} --policy-name ${passRole.policy.name} --policy-document ${ref(v.passRolePolicy)} ${region}`,
        msg('file.awsCli.note.putPassRolePolicy'),
        cite('S13', 'IAM_PASSROLE'),
      ),
    )
  setup.push(
    blank,
    comment(`${passRole.deployerRoleName ? '4' : '3'}. The cluster and the task definition.`),
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
    blank,
    comment(
      `Next: launch instances with --iam-instance-profile Name=${plan.instanceProfile.name} and --user-data file://ec2/user-data.${plan.host.os === 'linux' ? 'sh' : 'ps1'}; once they have joined the cluster, run this script again with the argument run-task.`,
    ),
  )

  const runTaskBlocks: ShellBlock[] = [
    ...network.lookUp,
    line(
      sh`aws ecs run-task ${cluster} ${option('--task-definition', runTask.taskDefinition)} --launch-type ${runTask.launchType} --overrides ${ref(v.runTaskOverrides)}${runTask.network ? sh` --network-configuration ${ref(v.networkConfiguration)}` : raw('')} ${region}`,
      msg('file.awsCli.note.runTask', { networkMode: ctx.config.networkMode }),
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
      ...indented(runTaskBlocks),
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
