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
import { msg } from '../../i18n/message.ts'
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
    title: msg('file.iamTaskRoleTrust.title'),
    usage: msg('file.iamTaskRoleTrust.usage', {
      role: config.taskRoleName,
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
    title: msg('file.iamTaskRolePolicy.title'),
    usage: msg('file.iamTaskRolePolicy.usage', {
      role: config.taskRoleName,
      account: config.accountId,
      buckets:
        config.buckets.length === 0 ? 'none' : config.buckets.some((b) => b.prefix) ? 'prefixed' : 'whole',
      extraStatements: extra.length,
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
    title: msg('file.iamInstanceRoleTrust.title'),
    usage: msg('file.iamInstanceRoleTrust.usage', {
      role: ctx.config.instanceRoleName,
      profile: ctx.instanceProfileName,
    }),
    text,
    sources: sourcesFor(text, [
      [
        'ec2.amazonaws.com',
        msg('file.iamInstanceRoleTrust.note.principal', { partition: ctx.partition.id }),
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
    title: msg('file.iamInstanceRolePolicy.title'),
    usage: msg('file.iamInstanceRolePolicy.usage', {
      role: config.instanceRoleName,
      policy: INSTANCE_ROLE_MANAGED_POLICY.name,
      arn: awsManagedPolicyArn(partition.id, INSTANCE_ROLE_MANAGED_POLICY),
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
    title: msg('file.iamPassRole.title'),
    usage: msg('file.iamPassRole.usage', {
      withDeployer: config.deployerRoleName ? 'yes' : 'no',
      deployer: config.deployerRoleName ?? '',
      script: 'setup/aws-cli.sh',
    }),
    text,
    sources: sourcesFor(text, [
      [
        '"iam:PassedToService": "ecs-tasks.amazonaws.com"',
        msg('file.iamPassRole.note.passedToService'),
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
