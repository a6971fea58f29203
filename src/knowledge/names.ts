import { cite, type Citation } from './citation.ts'
import { partitionOfRegion } from './partitions.ts'
import { msg, type Message } from '../i18n/message.ts'

/** A naming rule: returns what is wrong (a message, `field.rule.*`), or undefined when the value is fine. */
export interface NameRule {
  check: (value: string) => Message | undefined
  citation: Citation
}

function pattern(re: RegExp, message: Message, citation: Citation): NameRule {
  return { check: (v) => (re.test(v) ? undefined : message), citation }
}

/** The first character that is not allowed, named so that it can be seen: a space, "/", U+00F4. */
const describeChar = (c: string): Message =>
  c === ' '
    ? msg('field.rule.char.space')
    : /^[\x21-\x7e]$/.test(c)
      ? msg('field.rule.char.printable', { char: c })
      : msg('field.rule.char.codePoint', {
          code: c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'),
        })

function firstBadChar(value: string, allowed: RegExp): Message | undefined {
  for (const c of value) if (!allowed.test(c)) return describeChar(c)
  return undefined
}

/** 1 to `max` characters, each matching `allowed`; `allowedText` says which in words. */
function charset(allowed: RegExp, max: number, allowedText: Message, citation: Citation): NameRule {
  return {
    check: (v) => {
      if (v.length === 0) return msg('field.rule.required')
      if (v.length > max) return msg('field.rule.maxLength', { max, length: v.length })
      const bad = firstBadChar(v, allowed)
      return bad ? msg('field.rule.badChar', { char: bad, allowed: allowedText }) : undefined
    },
    citation,
  }
}

export const ACCOUNT_ID = pattern(/^\d{12}$/, msg('field.rule.accountId'), cite('IAM_IDENTIFIERS'))

// IAM role names: 1–64 of [\w+=,.@-]; instance profiles allow 128.
export const ROLE_NAME = charset(
  /^[A-Za-z0-9_+=,.@-]$/,
  64,
  msg('field.rule.allowed.iamName'),
  cite('IAM_QUOTAS'),
)
export const INSTANCE_PROFILE_NAME = charset(
  /^[A-Za-z0-9_+=,.@-]$/,
  128,
  msg('field.rule.allowed.iamName'),
  cite('IAM_QUOTAS'),
)

// Cluster names, task families and container names: 1–255 letters, digits, hyphens, underscores [S31].
export const ECS_NAME = charset(/^[A-Za-z0-9_-]$/, 255, msg('field.rule.allowed.ecsName'), cite('S31'))

// ContainerDefinition.image: "Up to 255 letters (uppercase and lowercase), numbers, hyphens, underscores,
// colons, periods, forward slashes, and number signs are allowed" (ECS API reference); "@" for digests.
export const IMAGE = charset(/^[A-Za-z0-9_.:/#@-]$/, 255, msg('field.rule.allowed.image'), cite('S31'))

// General purpose bucket names.
export const BUCKET_NAME: NameRule = {
  citation: cite('S44'),
  check: (v) => {
    if (v.length < 3 || v.length > 63) return msg('field.rule.bucketName.length', { length: v.length })
    const bad = firstBadChar(v, /^[a-z0-9.-]$/)
    if (bad) return msg('field.rule.badChar', { char: bad, allowed: msg('field.rule.allowed.bucketName') })
    if (!/^[a-z0-9]/.test(v) || !/[a-z0-9]$/.test(v)) return msg('field.rule.bucketName.edges')
    if (v.includes('..')) return msg('field.rule.bucketName.doubleDot')
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return msg('field.rule.bucketName.ipAddress')
    for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-'])
      if (v.startsWith(prefix)) return msg('field.rule.bucketName.reservedPrefix', { prefix })
    // "--table-s3" is reserved for table buckets; rejected conservatively.
    for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'])
      if (v.endsWith(suffix)) return msg('field.rule.bucketName.reservedSuffix', { suffix })
    return undefined
  },
}

// Object keys and prefixes that end up in IAM Resource ARNs and shell commands. S3 allows any UTF-8, but
// IAM reads "*" and "?" as wildcards and "${" as a policy variable, so only S3's "safe characters" and "/"
// are accepted: what the user typed is then exactly what the policy grants.
const KEY_CHARS = /^[A-Za-z0-9!_.'() /-]$/
// `what` is a select value in each message (`prefix` or `key`), so each language words the noun its own way.
function objectKeyRule(what: 'prefix' | 'key', allowEmpty: boolean): NameRule {
  return {
    citation: cite('S56', 'S57'),
    check: (v) => {
      if (v === '') return allowEmpty ? undefined : msg('field.rule.required')
      if (new TextEncoder().encode(v).length > 1024) return msg('field.rule.objectKey.tooLong', { what })
      if (v.includes('*') || v.includes('?')) return msg('field.rule.objectKey.wildcards', { what })
      const bad = firstBadChar(v, KEY_CHARS)
      if (bad) return msg('field.rule.objectKey.badChar', { what, char: bad })
      if (v.trim() !== v) return msg('field.rule.objectKey.edgeSpace', { what })
      if (v.startsWith('/')) return msg('field.rule.objectKey.leadingSlash', { what })
      if (v.includes('//')) return msg('field.rule.objectKey.doubleSlash', { what })
      if (v.split('/').some((part) => part === '.' || part === '..'))
        return msg('field.rule.objectKey.dotSegment', { what })
      return undefined
    },
  }
}
export const KEY_PREFIX = objectKeyRule('prefix', true)
export const OBJECT_KEY = objectKeyRule('key', false)

// VPC resource IDs: a prefix and 8 or 17 lowercase hex digits (EC2 resource IDs). awsvpc tasks take up to 16
// subnets and 5 security groups (ECS API AwsVpcConfiguration).
export const SUBNET_ID = pattern(
  /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
  msg('field.rule.subnetId'),
  cite('EC2_RESOURCE_IDS', 'AWSVPC_CONFIGURATION'),
)
export const SECURITY_GROUP_ID = pattern(
  /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  msg('field.rule.securityGroupId'),
  cite('EC2_RESOURCE_IDS', 'AWSVPC_CONFIGURATION'),
)
export const MAX_AWSVPC_SUBNETS = 16
export const MAX_AWSVPC_SECURITY_GROUPS = 5

export const REGION: NameRule = {
  citation: cite('S32'),
  check: (v) => {
    if (v === '') return msg('field.rule.required')
    if (v.startsWith('eusc-') || /^us-(iso|isob)/.test(v))
      return msg('field.rule.region.unsupportedPartition')
    if (!partitionOfRegion(v)) return msg('field.rule.region.unknown')
    return undefined
  },
}

// A role the setup uses but does not create: its name, or its ARN (which may carry a path:
// arn:aws:iam::111122223333:role/service-role/name). IAM ARNs: arn:partition:iam::account:role/path/name.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)?)([A-Za-z0-9_+=,.@-]{1,64})$/

export interface RoleArnParts {
  partition: string
  account: string
  /** "/" or "/service-role/": what lies between role and the name, slashes included. */
  path: string
  name: string
}

export function parseRoleArn(value: string): RoleArnParts | undefined {
  const m = ROLE_ARN.exec(value)
  if (!m) return undefined
  return { partition: m[1]!, account: m[2]!, path: `/${m[3]!}`, name: m[4]! }
}

export const ROLE_NAME_OR_ARN: NameRule = {
  citation: cite('IAM_QUOTAS', 'IAM_IDENTIFIERS'),
  check: (v) => {
    if (v.startsWith('arn:')) return parseRoleArn(v) ? undefined : msg('field.rule.roleArn')
    return ROLE_NAME.check(v)
  },
}

// KMS key ARNs: arn:partition:kms:region:account:key/key-id, the id a UUID or a multi-Region key's mrk- id.
// An alias ARN does not work as the Resource of an IAM policy statement for a key (KMS: aliases in IAM
// policies), so only key ARNs are accepted. https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
const KMS_KEY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z]{2}(?:-gov)?-[a-z]+-\d+):(\d{12}):key\/((?:mrk-)?[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

export interface KmsKeyParts {
  partition: string
  region: string
  account: string
}

export function parseKmsKeyArn(value: string): KmsKeyParts | undefined {
  const m = KMS_KEY_ARN.exec(value)
  return m ? { partition: m[1]!, region: m[2]!, account: m[3]! } : undefined
}

export const KMS_KEY_ARN_RULE: NameRule = {
  citation: cite('KMS_KEY_ID', 'KMS_ALIAS_IN_IAM'),
  check: (v) =>
    v.startsWith('arn:') && v.includes(':alias/')
      ? msg('field.rule.kmsKeyAlias')
      : parseKmsKeyArn(v)
        ? undefined
        : msg('field.rule.kmsKeyArn'),
}

// Secrets for the container: a Secrets Manager secret ARN (with an optional json-key:version-stage:version-id
// suffix) or an SSM Parameter Store parameter ARN. Full ARNs only: the execution role's policy names them.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
const SECRETS_MANAGER_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z]{2}(?:-gov)?-[a-z]+-\d+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6})(?::([^:]*):([^:]*):([^:]*))?$/
const SSM_PARAMETER_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):ssm:([a-z]{2}(?:-gov)?-[a-z]+-\d+):(\d{12}):parameter(\/[A-Za-z0-9_.\-/]{1,2048})$/

export type SecretReference =
  | { store: 'secretsmanager'; partition: string; region: string; account: string; secretArn: string }
  | { store: 'ssm'; partition: string; region: string; account: string; parameterArn: string }

export function parseSecretReference(value: string): SecretReference | undefined {
  const sm = SECRETS_MANAGER_ARN.exec(value)
  if (sm) {
    const [, partition, region, account, name] = sm
    return {
      store: 'secretsmanager',
      partition: partition!,
      region: region!,
      account: account!,
      // The policy names the secret itself, without the json-key/version suffix valueFrom may carry.
      secretArn: `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}`,
    }
  }
  const ssm = SSM_PARAMETER_ARN.exec(value)
  if (ssm && !ssm[4]!.includes('//'))
    return { store: 'ssm', partition: ssm[1]!, region: ssm[2]!, account: ssm[3]!, parameterArn: value }
  return undefined
}

export const SECRET_REFERENCE: NameRule = {
  citation: cite('SECRETS_MANAGER_ENV', 'SSM_PARAMETER_ENV'),
  check: (v) => {
    if (v === '') return msg('field.rule.required')
    if (/^arn:[^:]+:secretsmanager:/.test(v) && !SECRETS_MANAGER_ARN.test(v))
      return msg('field.rule.secretsManagerArn')
    return parseSecretReference(v) ? undefined : msg('field.rule.secretReference')
  },
}

// The environment variable a secret becomes: letters, digits and underscores, not starting with a digit
// (the name ECS sets in the container; shells accept no other).
export const ENVIRONMENT_NAME = pattern(
  /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
  msg('field.rule.environmentName'),
  cite('CONTAINER_DEFINITION_API'),
)

// CloudWatch Logs log group names: 1–512 of letters, digits, "_", "-", "/", ".", "#".
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
const LOG_GROUP_CHARS = charset(
  /^[A-Za-z0-9_\-/.#]$/,
  512,
  msg('field.rule.allowed.logGroup'),
  cite('LOGS_CREATE_LOG_GROUP'),
)
// Names starting with "aws/" are reserved for AWS services' own log groups.
export const LOG_GROUP_NAME: NameRule = {
  citation: LOG_GROUP_CHARS.citation,
  check: (v) => (v.startsWith('aws/') ? msg('field.rule.logGroupReserved') : LOG_GROUP_CHARS.check(v)),
}

// EC2 instance types: family, optional generation/attributes, "." and size (t3.small, m7g.large, c6in.2xlarge).
export const INSTANCE_TYPE = pattern(
  /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
  msg('field.rule.instanceType'),
  cite('EC2_INSTANCE_TYPES'),
)

// AMI IDs: ami- and 8 or 17 lowercase hex digits.
export const AMI_IMAGE_ID = pattern(
  /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/,
  msg('field.rule.amiImageId'),
  cite('EC2_RESOURCE_IDS'),
)

// Launch template names: 3–128 of letters, digits, ( ) . - / _.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html
const LAUNCH_TEMPLATE_CHARS = charset(
  /^[A-Za-z0-9().\-/_]$/,
  128,
  msg('field.rule.allowed.launchTemplate'),
  cite('EC2_CREATE_LAUNCH_TEMPLATE'),
)
export const LAUNCH_TEMPLATE_NAME: NameRule = {
  citation: LAUNCH_TEMPLATE_CHARS.citation,
  check: (v) =>
    v.length < 3 ? msg('field.rule.minLength', { min: 3, length: v.length }) : LAUNCH_TEMPLATE_CHARS.check(v),
}
