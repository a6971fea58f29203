import { cite } from './sources.ts'

// The instance role gets AWS's managed policy attached by ARN so AWS can add permissions for future agent
// features (reference §7, [S1][S4]); copying its JSON would freeze it at today's version (v10).
export const INSTANCE_ROLE_MANAGED_POLICY = {
  path: 'service-role/',
  name: 'AmazonEC2ContainerServiceforEC2Role',
  citation: cite('S4', 'S40'),
} as const

export function awsManagedPolicyArn(partition: string, policy: { path: string; name: string }): string {
  return `arn:${partition}:iam::aws:policy/${policy.path}${policy.name}`
}

// S3 actions per access level (reference §6.2 shows s3:GetObject on object ARNs). Bucket-level actions go
// on the bucket ARN in their own statement: s3:ListBucket does not match object ARNs and vice versa.
export const S3_ACCESS = {
  read: { objectActions: ['s3:GetObject'], listBucket: true },
  write: { objectActions: ['s3:PutObject', 's3:AbortMultipartUpload'], listBucket: false },
  'read-write': {
    objectActions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
    listBucket: true,
  },
} as const

export type S3Access = keyof typeof S3_ACCESS

export const S3_POLICY_SOURCE = cite('S2', 'S50')

// IAM limits (reference §9 [S43]); whitespace does not count.
export const IAM_LIMITS = {
  inlinePoliciesPerRoleChars: 10_240,
  trustPolicyChars: 2_048,
  runTaskOverridesChars: 8_192,
  citation: cite('IAM_QUOTAS', 'RUN_TASK_API'),
} as const
