import type { NameRule } from './names.ts'
import { cite } from './citation.ts'
import { msg, type Message } from '../i18n/message.ts'

// The instance role gets AWS's managed policy attached by ARN so AWS can add permissions for future agent
// features [S4][S40]; copying its JSON would freeze it at today's version (v10).
export const INSTANCE_ROLE_MANAGED_POLICY = {
  path: 'service-role/',
  name: 'AmazonEC2ContainerServiceforEC2Role',
  citation: cite('S4', 'S40'),
} as const

// Pulls from private ECR repositories and writes to CloudWatch Logs: what the task execution role needs for
// an ECR image and the awslogs driver; secrets come on top, as statements naming each one.
export const TASK_EXECUTION_ROLE_MANAGED_POLICY = {
  path: 'service-role/',
  name: 'AmazonECSTaskExecutionRolePolicy',
  citation: cite('TASK_EXECUTION_ROLE', 'TASK_EXECUTION_ROLE_POLICY'),
} as const

// SSE-KMS: reading an object decrypts its data key (kms:Decrypt); writing asks KMS for a data key
// (kms:GenerateDataKey), and a multipart upload also decrypts it to finish the upload (kms:Decrypt).
export const KMS_ACCESS = {
  read: ['kms:Decrypt'],
  write: ['kms:GenerateDataKey', 'kms:Decrypt'],
  'read-write': ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const

export const KMS_SOURCE = cite('S3_SSE_KMS_PERMISSIONS', 'S3_MULTIPART_KMS', 'KMS_VIA_SERVICE')

export function awsManagedPolicyArn(partition: string, policy: { path: string; name: string }): string {
  return `arn:${partition}:iam::aws:policy/${policy.path}${policy.name}`
}

// S3 actions per access level ([S2] shows s3:GetObject on object ARNs). Bucket-level actions go
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

// Bucket names are global but not owned for ever: a deleted bucket's name can be created again in any
// account. s3:ResourceAccount is the bucket owner's account ID, so every S3 statement requires it to be the
// configured account, and a same-named bucket elsewhere is never trusted ([S3_OWNER_ACCOUNT]).
export const S3_OWNER_SOURCE = cite('S3_OWNER_ACCOUNT', 'S3_CONDITION_KEYS')

export function s3OwnerCondition(accountId: string): { StringEquals: { 's3:ResourceAccount': string } } {
  return { StringEquals: { 's3:ResourceAccount': accountId } }
}

/** What one bucket entry grants. The task role policy and the Access step's field hint both read this. */
export interface S3Grant {
  /** Resource of the object statement: every key that starts with the prefix. */
  objectArn: string
  bucketArn: string
  /** StringLike value for s3:prefix on ListBucket; undefined when the whole bucket may be listed. */
  listPrefix?: string
}

// In a Resource ARN "*" matches any characters, "/" included, and so does "*" in StringLike: the prefix is
// used exactly as typed, so "tenant1" also covers "tenant10/" ([S57], [IAM_STRING_CONDITIONS]). A
// "tenant1/*" pattern also matches the listing of "tenant1/" itself, since "*" matches nothing too.
export function s3Grant(partition: string, bucket: string, prefix: string | undefined): S3Grant {
  const p = prefix ?? ''
  return {
    objectArn: `arn:${partition}:s3:::${bucket}/${p}*`,
    bucketArn: `arn:${partition}:s3:::${bucket}`,
    ...(p ? { listPrefix: `${p}*` } : {}),
  }
}

/** A prefix without a trailing "/" is not a folder: it also grants its siblings (tenant1 → tenant10/…). */
export const prefixReachesSiblings = (prefix: string | undefined): prefix is string =>
  prefix !== undefined && prefix !== '' && !prefix.endsWith('/')

export const PREFIX_WILDCARD_SOURCE = cite('S57', 'IAM_STRING_CONDITIONS')

// IAM limits [IAM_QUOTAS]; whitespace does not count.
export const IAM_LIMITS = {
  inlinePoliciesPerRoleChars: 10_240,
  trustPolicyChars: 2_048,
  runTaskOverridesChars: 8_192,
  citation: cite('IAM_QUOTAS', 'RUN_TASK_API'),
} as const

// Extra statements for the task role: a JSON array the user writes, checked here with the structure rules
// of the IAM policy grammar ([IAM_GRAMMAR], [IAM_ELEMENTS]) so the browser needs no policy library. An
// identity policy has no Principal; Sids are letters and digits, unique in the policy.
export interface IamStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: Record<string, Record<string, unknown>>
}

export const EXTRA_STATEMENTS_SOURCE = cite('IAM_GRAMMAR', 'IAM_ELEMENTS')
/** Long enough for a handful of statements, short enough that the link stays under its limit when encoded. */
export const EXTRA_STATEMENTS_MAX_CHARS = 4_000
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']
// The generated statements' Sids; an extra statement must not reuse one.
export const GENERATED_SID = /^Bucket\d+(Objects|List)$/
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function checkList(
  value: unknown,
  element: string,
  each: (item: string) => Message | undefined,
): Message | undefined {
  const items = typeof value === 'string' ? [value] : value
  if (!Array.isArray(items) || items.length === 0 || items.some((i) => typeof i !== 'string'))
    return msg('field.extraStatements.notTextList', { element })
  for (const item of items as string[]) {
    const problem = each(item)
    if (problem) return problem
  }
  return undefined
}

// JSON examples in the messages are parameters: code is the same in every language, and its braces stay out of
// the ICU text.
function checkStatement(raw: unknown, sids: Set<string>): Message | undefined {
  if (!isObject(raw))
    return msg('field.extraStatements.notObject', {
      example: '{ "Effect": …, "Action": …, "Resource": … }',
    })
  const unknown = Object.keys(raw).find((k) => !STATEMENT_KEYS.includes(k))
  if (unknown === 'Principal' || unknown === 'NotPrincipal')
    return msg('field.extraStatements.principal', { element: unknown })
  if (unknown !== undefined)
    return msg('field.extraStatements.unknownElement', {
      element: unknown,
      elements: STATEMENT_KEYS.join(', '),
    })
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(raw.Sid))
      return msg('field.extraStatements.sidCharacters')
    if (GENERATED_SID.test(raw.Sid)) return msg('field.extraStatements.sidGenerated', { sid: raw.Sid })
    if (raw.Sid !== '' && sids.has(raw.Sid)) return msg('field.extraStatements.sidTwice', { sid: raw.Sid })
    sids.add(raw.Sid)
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') return msg('field.extraStatements.effect')
  if ((raw.Action === undefined) === (raw.NotAction === undefined))
    return msg('field.extraStatements.oneAction')
  if ((raw.Resource === undefined) === (raw.NotResource === undefined))
    return msg('field.extraStatements.oneResource')
  const actionKey = raw.Action === undefined ? 'NotAction' : 'Action'
  const actionProblem = checkList(raw[actionKey], actionKey, (a) =>
    a === '*' || ACTION.test(a)
      ? undefined
      : msg('field.extraStatements.badAction', { element: actionKey, action: a }),
  )
  if (actionProblem) return actionProblem
  const resourceKey = raw.Resource === undefined ? 'NotResource' : 'Resource'
  const resourceProblem = checkList(raw[resourceKey], resourceKey, (r) =>
    r === '*' || r.startsWith('arn:')
      ? undefined
      : msg('field.extraStatements.badResource', { element: resourceKey, resource: r }),
  )
  if (resourceProblem) return resourceProblem
  if (raw.Condition !== undefined) {
    if (!isObject(raw.Condition) || !Object.values(raw.Condition).every(isObject))
      return msg('field.extraStatements.condition', { example: '{ "StringEquals": { "aws:…": "…" } }' })
  }
  return undefined
}

/** The first problem of an extra-statements text (a message, `field.extraStatements.*`); undefined when usable. */
export function checkExtraStatements(text: string): Message | undefined {
  if (text.trim() === '') return undefined
  if (text.length > EXTRA_STATEMENTS_MAX_CHARS)
    return msg('field.extraStatements.tooLong', { max: EXTRA_STATEMENTS_MAX_CHARS, length: text.length })
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return msg('field.extraStatements.notJson', {
      example: '[ { "Effect": "Allow", "Action": "…", "Resource": "…" } ]',
    })
  }
  if (!Array.isArray(parsed)) return msg('field.extraStatements.notList')
  const sids = new Set<string>()
  for (const [i, statement] of parsed.entries()) {
    const problem = checkStatement(statement, sids)
    if (problem) return msg('field.extraStatements.statement', { n: i + 1, problem })
  }
  return undefined
}

/** The statements of a text that passed checkExtraStatements, in their canonical element order. */
export function parseExtraStatements(text: string | undefined): IamStatement[] {
  if (text === undefined || text.trim() === '') return []
  return (JSON.parse(text) as Record<string, unknown>[]).map((raw) => {
    const out: Record<string, unknown> = {}
    for (const key of STATEMENT_KEYS)
      if (raw[key] !== undefined && !(key === 'Sid' && raw[key] === '')) out[key] = raw[key]
    return out as unknown as IamStatement
  })
}

/** Allow statements that grant every action on every resource: an administrator, not a task role. */
export function grantsEverything(statement: IamStatement): boolean {
  const all = (v: string | string[] | undefined) => v !== undefined && [v].flat().includes('*')
  return statement.Effect === 'Allow' && all(statement.Action) && all(statement.Resource)
}

export const EXTRA_STATEMENTS: NameRule = { check: checkExtraStatements, citation: EXTRA_STATEMENTS_SOURCE }
