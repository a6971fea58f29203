// IAM documents: trust policies, the task role's S3 access, the instance role's extras, PassRole. Each file
// is the plan's document (plan.ts) as JSON; the notes say why its lines are there.
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { S3_OWNER_SOURCE, S3_POLICY_SOURCE, parseExtraStatements } from '../../knowledge/policies.ts'
import { PARTITION_PRINCIPALS_SOURCE } from '../../knowledge/partitions.ts'
import { msg } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import type { Context } from '../context.ts'
import { instancesOf, type ExecutionRolePlan, type InlinePolicy } from '../plan.ts'
import { sourcesFor, type ArtifactBody } from '../artifact.ts'

/** The inline policy of a role whose table entry exists only with one. */
function inlinePolicyOf(policy: InlinePolicy | undefined, role: string): InlinePolicy {
  if (!policy) throw new Error(`the ${role} has no inline policy in this plan`)
  return policy
}

export function taskRoleTrustPolicy({ plan }: Context): ArtifactBody {
  const text = renderJson(plan.taskRole.trustPolicy)
  return {
    title: msg('file.iamTaskRoleTrust.title'),
    usage: msg('file.iamTaskRoleTrust.usage', {
      role: plan.taskRole.name,
      existing: plan.taskRole.existing ? 'yes' : 'no',
      command: 'aws iam create-role',
      script: 'setup/aws-cli.sh',
    }),
    text,
    sources: sourcesFor(text, [
      ['ecs-tasks.amazonaws.com', msg('file.iamTaskRoleTrust.note.principal'), formatCitation(cite('S2'))],
      [
        'aws:SourceArn',
        msg('file.iamTaskRoleTrust.note.sourceConditions'),
        formatCitation(cite('S2', 'S43')),
      ],
    ]),
  }
}

export function taskRolePolicy({ config, plan }: Context): ArtifactBody {
  const text = renderJson(inlinePolicyOf(plan.taskRole.inlinePolicy, 'task role').document)
  return {
    title: msg('file.iamTaskRolePolicy.title'),
    usage: msg('file.iamTaskRolePolicy.usage', {
      role: plan.taskRole.name,
      account: plan.accountId,
      buckets:
        config.buckets.length === 0 ? 'none' : config.buckets.some((b) => b.prefix) ? 'prefixed' : 'whole',
      extraStatements: parseExtraStatements(config.extraStatements).length,
      // The least-privilege claim says what a bucket without its KMS key cannot do (SSE-KMS).
      kms: config.buckets.some((b) => !b.kmsKeyArn) ? 'missing' : 'none',
    }),
    text,
    sources: sourcesFor(text, [
      ['"s3:ListBucket"', msg('file.iamTaskRolePolicy.note.listBucket'), formatCitation(S3_POLICY_SOURCE)],
      [
        '"s3:ResourceAccount"',
        msg('file.iamTaskRolePolicy.note.resourceAccount'),
        formatCitation(S3_OWNER_SOURCE),
      ],
    ]),
  }
}

export function instanceRoleTrustPolicy({ plan }: Context): ArtifactBody {
  const instances = instancesOf(plan)
  const text = renderJson(instances.role.trustPolicy)
  return {
    title: msg('file.iamInstanceRoleTrust.title'),
    usage: msg('file.iamInstanceRoleTrust.usage', {
      role: instances.role.name,
      profile: instances.profile.name,
      existing: instances.role.existing ? 'yes' : 'no',
    }),
    text,
    sources: sourcesFor(text, [
      [
        'ec2.amazonaws.com',
        msg('file.iamInstanceRoleTrust.note.principal', { partition: plan.partition }),
        formatCitation(PARTITION_PRINCIPALS_SOURCE),
      ],
    ]),
  }
}

export function instanceRolePolicy({ plan }: Context): ArtifactBody {
  const role = instancesOf(plan).role
  const text = renderJson(inlinePolicyOf(role.inlinePolicy, 'instance role').document)
  // The usage names the managed policy attached beside this one.
  const managed = role.managedPolicies[0]!
  return {
    title: msg('file.iamInstanceRolePolicy.title'),
    usage: msg('file.iamInstanceRolePolicy.usage', {
      role: role.name,
      policy: managed.name,
      arn: managed.arn,
    }),
    text,
    sources: sourcesFor(text, [
      ['s3:GetObject', msg('file.iamInstanceRolePolicy.note.getObject'), formatCitation(cite('S6', 'S50'))],
      [
        '"s3:ResourceAccount"',
        msg('file.iamInstanceRolePolicy.note.resourceAccount'),
        formatCitation(S3_OWNER_SOURCE),
      ],
    ]),
  }
}

export function passRolePolicy({ plan }: Context): ArtifactBody {
  const { passRole } = plan
  const text = renderJson(passRole.policy.document)
  return {
    title: msg('file.iamPassRole.title'),
    usage: msg('file.iamPassRole.usage', {
      roles: 1 + (plan.executionRole ? 1 : 0) + (plan.instances ? 1 : 0),
      withDeployer: passRole.deployerRoleName ? 'yes' : 'no',
      deployer: passRole.deployerRoleName ?? '',
      script: 'setup/aws-cli.sh',
    }),
    text,
    sources: sourcesFor(text, [
      [
        '"iam:PassedToService": "ecs-tasks.amazonaws.com"',
        msg('file.iamPassRole.note.passedToService', { execution: plan.executionRole ? 'yes' : 'no' }),
        formatCitation(cite('S13', 'IAM_PASSROLE')),
      ],
    ]),
  }
}

/** The execution role of a plan whose table entry exists only with one. */
function executionRoleOf(plan: Context['plan']): ExecutionRolePlan {
  if (!plan.executionRole) throw new Error('an execution role file was built for a plan without one')
  return plan.executionRole
}

export function executionRoleTrustPolicy({ plan }: Context): ArtifactBody {
  const role = executionRoleOf(plan)
  const text = renderJson(role.trustPolicy)
  return {
    title: msg('file.iamExecutionRoleTrust.title'),
    usage: msg('file.iamExecutionRoleTrust.usage', {
      role: role.name,
      taskRole: plan.taskRole.name,
      existing: role.existing ? 'yes' : 'no',
      command: 'aws iam create-role',
      script: 'setup/aws-cli.sh',
    }),
    text,
    sources: sourcesFor(text, [
      [
        'ecs-tasks.amazonaws.com',
        msg('file.iamExecutionRoleTrust.note.principal'),
        formatCitation(cite('TASK_EXECUTION_ROLE')),
      ],
      [
        'aws:SourceArn',
        msg('file.iamExecutionRoleTrust.note.sourceConditions'),
        formatCitation(cite('S2', 'S43')),
      ],
    ]),
  }
}

export function executionRolePolicy({ plan }: Context): ArtifactBody {
  const role = executionRoleOf(plan)
  const text = renderJson(inlinePolicyOf(role.inlinePolicy, 'execution role').document)
  const managed = role.managedPolicies[0]
  return {
    title: msg('file.iamExecutionRolePolicy.title'),
    usage: msg('file.iamExecutionRolePolicy.usage', {
      role: role.name,
      managed: managed ? 'yes' : 'no',
      policy: managed?.name ?? '',
      arn: managed?.arn ?? '',
    }),
    text,
    sources: sourcesFor(text, [
      [
        'secretsmanager:GetSecretValue',
        msg('file.iamExecutionRolePolicy.note.secretsManager'),
        formatCitation(cite('SECRETS_MANAGER_ENV', 'TASK_EXECUTION_ROLE')),
      ],
      [
        'ssm:GetParameters',
        msg('file.iamExecutionRolePolicy.note.parameters'),
        formatCitation(cite('SSM_PARAMETER_ENV', 'TASK_EXECUTION_ROLE')),
      ],
    ]),
  }
}
