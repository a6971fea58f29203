// IAM documents: trust policies, the task role's S3 access, the instance role's extras, PassRole.
import { cite, formatCitation } from '../../knowledge/sources.ts'
import {
  INSTANCE_ROLE_MANAGED_POLICY,
  S3_ACCESS,
  S3_OWNER_SOURCE,
  S3_POLICY_SOURCE,
  awsManagedPolicyArn,
  parseExtraStatements,
  s3Grant,
  s3OwnerCondition,
  type IamStatement,
} from '../../knowledge/policies.ts'
import { PARTITION_PRINCIPALS_SOURCE } from '../../knowledge/partitions.ts'
import { renderJson } from '../render/json.ts'
import type { Context } from '../context.ts'
import { perContext, sourcesFor, type ArtifactBody } from '../artifact.ts'

interface Statement {
  Sid: string
  Effect: 'Allow'
  Principal?: { Service: string | string[] }
  Action: string | string[]
  Resource?: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

interface PolicyDocument {
  Version: '2012-10-17'
  Statement: (Statement | IamStatement)[]
}

const policy = (...statements: (Statement | IamStatement)[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
})

/** One value stays a string, several become a list: the shape IAM and the AWS examples use. */
const oneOrMany = (values: readonly string[]): string | string[] =>
  values.length === 1 ? values[0]! : [...values]

function buildTaskRoleTrustPolicy(ctx: Context): ArtifactBody {
  const { config, partition } = ctx
  const statement: Statement = {
    Sid: 'EcsTasksAssumeRole',
    Effect: 'Allow',
    Principal: { Service: partition.ecsTasksPrincipal },
    Action: 'sts:AssumeRole',
  }
  if (config.sourceConditions)
    // AWS does not support a cluster-specific SourceArn here; the account-wide wildcard is what it shows.
    // The example in the guide lacks the "arn:" prefix of a real ARN [S2].
    statement.Condition = {
      ArnLike: { 'aws:SourceArn': `arn:${partition.id}:ecs:${config.region}:${config.accountId}:*` },
      StringEquals: { 'aws:SourceAccount': config.accountId },
    }
  const text = renderJson(policy(statement))
  return {
    title: 'Task role trust policy',
    usage: `Trust policy of the task role ${config.taskRoleName}: lets ECS tasks assume it. Used by "aws iam create-role" in setup/aws-cli.sh, or pasted as a custom trust policy in the IAM console.`,
    text,
    sources: sourcesFor(text, [
      [
        'ecs-tasks.amazonaws.com',
        'Tasks assume the role through the ecs-tasks service principal.',
        formatCitation(cite('S2')),
      ],
      [
        'aws:SourceArn',
        'Only ECS in this account and region may assume it (confused-deputy guard).',
        formatCitation(cite('S2', 'S43')),
      ],
    ]),
  }
}

function buildTaskRolePolicy(ctx: Context): ArtifactBody | undefined {
  const { config, partition } = ctx
  const extra = parseExtraStatements(config.extraStatements)
  if (config.buckets.length === 0 && extra.length === 0) return undefined
  const statements: Statement[] = []
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
  })
  // The user's own statements come last, as written (in the canonical element order).
  const text = renderJson(policy(...statements, ...extra))
  return {
    title: 'Task role permissions',
    usage: [
      `Inline policy of the task role ${config.taskRoleName}: what the application in the task may do.`,
      config.buckets.length > 0
        ? `Least privilege: each bucket's objects${config.buckets.some((b) => b.prefix) ? ' under its prefix' : ''}, listing only where reading is allowed, no deletes, and only in buckets that account ${config.accountId} owns.`
        : '',
      extra.length > 0
        ? `Last come your ${extra.length === 1 ? 'extra statement' : `${extra.length} extra statements`} from the Access step, as written.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    text,
    sources: sourcesFor(text, [
      [
        '"s3:ListBucket"',
        's3:ListBucket applies to the bucket ARN, scoped by s3:prefix; object actions are in their own statement.',
        formatCitation(S3_POLICY_SOURCE),
      ],
      [
        '"s3:ResourceAccount"',
        'Only buckets owned by this account: a bucket name deleted and created again in another account is not trusted.',
        formatCitation(S3_OWNER_SOURCE),
      ],
    ]),
  }
}

function buildInstanceRoleTrustPolicy(ctx: Context): ArtifactBody {
  const text = renderJson(
    policy({
      Sid: 'Ec2AssumeRole',
      Effect: 'Allow',
      Principal: { Service: oneOrMany(ctx.partition.ec2Principals) },
      Action: 'sts:AssumeRole',
    }),
  )
  return {
    title: 'Instance role trust policy',
    usage: `Trust policy of the container instance role ${ctx.config.instanceRoleName}: lets EC2 instances assume it through the instance profile ${ctx.instanceProfileName}.`,
    text,
    sources: sourcesFor(text, [
      [
        'ec2.amazonaws.com',
        `EC2 principal for the ${ctx.partition.id} partition.`,
        formatCitation(PARTITION_PRINCIPALS_SOURCE),
      ],
    ]),
  }
}

function buildInstanceRolePolicy(ctx: Context): ArtifactBody | undefined {
  const { config, partition } = ctx
  if (!config.configObject || config.os !== 'linux') return undefined
  const { bucket, key } = config.configObject
  const text = renderJson(
    policy({
      Sid: 'ReadEcsConfigObject',
      Effect: 'Allow',
      // User data reads it with "aws s3api get-object", which calls GetObject only [S50].
      Action: 's3:GetObject',
      Resource: `arn:${partition.id}:s3:::${bucket}/${key}`,
      // The instance reads its agent settings from this object: only from the configured account's bucket.
      Condition: s3OwnerCondition(config.accountId),
    }),
  )
  return {
    title: 'Instance role extras',
    usage: `Inline policy of the instance role ${config.instanceRoleName}: read the ecs.config object at boot. The agent's own permissions come from the AWS managed policy ${INSTANCE_ROLE_MANAGED_POLICY.name}, attached by ARN (${awsManagedPolicyArn(partition.id, INSTANCE_ROLE_MANAGED_POLICY)}).`,
    text,
    sources: sourcesFor(text, [
      [
        's3:GetObject',
        'Least privilege: only this object, instead of AmazonS3ReadOnlyAccess as the AWS guide shows.',
        formatCitation(cite('S6', 'S50')),
      ],
      [
        '"s3:ResourceAccount"',
        'Only if this account owns the bucket: agent settings are never read from a same-named bucket elsewhere.',
        formatCitation(S3_OWNER_SOURCE),
      ],
    ]),
  }
}

function buildPassRolePolicy(ctx: Context): ArtifactBody {
  const { arns, partition, config } = ctx
  const text = renderJson(
    policy(
      {
        Sid: 'PassTaskRoleToEcsTasks',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arns.taskRole,
        Condition: { StringEquals: { 'iam:PassedToService': partition.ecsTasksPrincipal } },
      },
      {
        Sid: 'PassInstanceRoleToEc2',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arns.instanceRole,
        Condition: { StringEquals: { 'iam:PassedToService': oneOrMany(partition.ec2Principals) } },
      },
    ),
  )
  return {
    title: 'PassRole policy for deployers',
    usage: `Attach to whoever registers task definitions, runs tasks or launches the instances${config.deployerRoleName ? ` (here: the role ${config.deployerRoleName}, by setup/aws-cli.sh)` : ''}: without iam:PassRole on these two roles those calls are denied.`,
    text,
    sources: sourcesFor(text, [
      [
        '"iam:PassedToService": "ecs-tasks.amazonaws.com"',
        'The task role may be passed only to ECS tasks.',
        formatCitation(cite('S13', 'IAM_PASSROLE')),
      ],
    ]),
  }
}

// Built once per generate() call: more than one file holds the same text.
export const taskRoleTrustPolicy = perContext(buildTaskRoleTrustPolicy)
export const taskRolePolicy = perContext(buildTaskRolePolicy)
export const instanceRoleTrustPolicy = perContext(buildInstanceRoleTrustPolicy)
export const instanceRolePolicy = perContext(buildInstanceRolePolicy)
export const passRolePolicy = perContext(buildPassRolePolicy)
