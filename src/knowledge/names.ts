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
