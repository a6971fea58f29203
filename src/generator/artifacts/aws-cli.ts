// setup/aws-cli.sh: every AWS CLI call, in order. Policy documents are passed as file:// paths to the
// generated files, so no JSON is ever spliced into a command line.
import { INSTANCE_ROLE_MANAGED_POLICY, awsManagedPolicyArn } from '../../knowledge/policies.ts'
import { cite } from '../../knowledge/sources.ts'
import { blank, comment, indented, line, raw, renderShell, sh, type ShellBlock } from '../render/shell.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'

// Fixed inline policy names: no user text needs to be glued into them.
export const INLINE_POLICY_NAMES = {
  taskRole: 'ecs-task-permissions',
  instanceRole: 'ecs-config-object-read',
  deployer: 'ecs-pass-task-and-instance-roles',
} as const

/** `--name value`, or `--name=value` when the value starts with "-", which the CLI would read as an option. */
export function option(name: string, value: string): string[] {
  return value.startsWith('-') ? [`${name}=${value}`] : [name, value]
}

export function awsCliSh(ctx: Context): ArtifactBody {
  const { config, partition } = ctx
  const region = option('--region', config.region)
  const task = option('--role-name', config.taskRoleName)
  const instance = option('--role-name', config.instanceRoleName)
  const profile = option('--instance-profile-name', ctx.instanceProfileName)
  const cluster = option('--cluster', config.clusterName)
  const managedPolicyArn = awsManagedPolicyArn(partition.id, INSTANCE_ROLE_MANAGED_POLICY)

  const setup: ShellBlock[] = [
    comment('1. The task role: trusted by ECS tasks, allowed what the application needs.'),
    line(
      sh`aws iam create-role ${task} --assume-role-policy-document file://iam/task-role-trust-policy.json ${region}`,
      'Creates the task role with the ecs-tasks trust policy.',
      cite('S2'),
    ),
  ]
  if (config.buckets.length > 0)
    setup.push(
      line(
        sh`aws iam put-role-policy ${task} --policy-name ${INLINE_POLICY_NAMES.taskRole} --policy-document file://iam/task-role-policy.json ${region}`,
      ),
    )
  setup.push(
    blank,
    comment(
      `2. The container instance role and its instance profile (the CLI, unlike the console, does not create the profile).`,
    ),
    line(
      sh`aws iam create-role ${instance} --assume-role-policy-document file://iam/instance-role-trust-policy.json ${region}`,
    ),
    line(
      sh`aws iam attach-role-policy ${instance} --policy-arn ${managedPolicyArn} ${region}`,
      'The AWS managed policy, attached by ARN so AWS can extend it for new agent features.',
      INSTANCE_ROLE_MANAGED_POLICY.citation,
    ),
  )
  if (config.configObject && config.os === 'linux')
    setup.push(
      line(
        sh`aws iam put-role-policy ${instance} --policy-name ${INLINE_POLICY_NAMES.instanceRole} --policy-document file://iam/instance-role-policy.json ${region}`,
      ),
    )
  setup.push(
    line(
      sh`aws iam create-instance-profile ${profile} ${region}`,
      'EC2 takes an instance profile, not a role.',
      cite('S4', 'IAM_INSTANCE_PROFILES'),
    ),
    line(sh`aws iam add-role-to-instance-profile ${profile} ${instance} ${region}`),
  )
  if (config.deployerRoleName)
    setup.push(
      blank,
      comment('3. Let the deployer pass both roles.'),
      line(
        sh`aws iam put-role-policy ${option('--role-name', config.deployerRoleName)} --policy-name ${INLINE_POLICY_NAMES.deployer} --policy-document file://iam/passrole-policy.json ${region}`,
        'iam:PassRole, limited to these roles and services.',
        cite('S13', 'IAM_PASSROLE'),
      ),
    )
  setup.push(
    blank,
    comment(`${config.deployerRoleName ? '4' : '3'}. The cluster and the task definition.`),
    line(sh`aws ecs create-cluster ${option('--cluster-name', config.clusterName)} ${region}`),
    line(sh`aws ecs register-task-definition --cli-input-json file://ecs/task-definition.json ${region}`),
    blank,
    comment(
      `Next: launch instances with --iam-instance-profile Name=${ctx.instanceProfileName} and --user-data file://ec2/user-data.${config.os === 'linux' ? 'sh' : 'ps1'}; once they have joined the cluster, run: setup/aws-cli.sh run-task`,
    ),
  )

  const runTask: ShellBlock[] = [
    line(
      sh`aws ecs run-task ${cluster} ${option('--task-definition', config.task.family)} --launch-type EC2 --overrides file://ecs/run-task-overrides.json ${region}`,
      'Runs one task with the task role set explicitly.',
      cite('S2', 'RUN_TASK_API'),
    ),
  ]

  const { text, sources } = renderShell({
    interpreter: '/bin/bash',
    blocks: [
      ...headerLines(ctx, 'AWS CLI setup for ECS task roles').map(comment),
      comment(
        'Usage: setup/aws-cli.sh [setup|run-task]. Run from any directory; paths are relative to the download.',
      ),
      comment('Re-running "setup" stops at the first resource that exists already.'),
      line(raw('set -euo pipefail')),
      line(raw('cd "$(dirname "$0")/.."')),
      blank,
      line(raw('case "${1:-setup}" in')),
      line(raw('  setup)')),
      ...indented(setup),
      line(raw('    ;;')),
      line(raw('  run-task)')),
      ...indented(runTask),
      line(raw('    ;;')),
      line(raw('  *)')),
      line(raw(`    echo 'Usage: setup/aws-cli.sh [setup|run-task]' >&2`)),
      line(raw('    exit 2')),
      line(raw('    ;;')),
      line(raw('esac')),
    ],
  })
  return {
    title: 'AWS CLI setup',
    usage:
      'Run from the downloaded folder with credentials that may create IAM roles: creates the roles, instance profile, cluster and task definition in order. "run-task" starts a task once instances have joined.',
    check: sh`aws iam get-instance-profile ${profile} --query ${'InstanceProfile.Roles[].RoleName'} ${region}`
      .text,
    text,
    sources,
  }
}
