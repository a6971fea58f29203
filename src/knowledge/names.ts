import { cite, type Citation } from './sources.ts'
import { partitionOfRegion } from './partitions.ts'

/** A naming rule: returns a sentence saying what is wrong, or undefined when the value is fine. */
export interface NameRule {
  check: (value: string) => string | undefined
  citation: Citation
}

function pattern(re: RegExp, message: string, citation: Citation): NameRule {
  return { check: (v) => (re.test(v) ? undefined : message), citation }
}

const describeChar = (c: string): string =>
  c === ' '
    ? 'A space'
    : /^[\x21-\x7e]$/.test(c)
      ? `"${c}"`
      : `The character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

function firstBadChar(value: string, allowed: RegExp): string | undefined {
  for (const c of value) if (!allowed.test(c)) return describeChar(c)
  return undefined
}

function charset(
  allowed: RegExp,
  min: number,
  max: number,
  allowedText: string,
  citation: Citation,
): NameRule {
  return {
    check: (v) => {
      if (v.length < min) return min === 1 ? 'Required.' : `At least ${min} characters.`
      if (v.length > max) return `At most ${max} characters (this has ${v.length}).`
      const bad = firstBadChar(v, allowed)
      return bad ? `${bad} is not allowed: use ${allowedText}.` : undefined
    },
    citation,
  }
}

export const ACCOUNT_ID = pattern(
  /^\d{12}$/,
  'Exactly 12 digits, leading zeros included.',
  cite('IAM_IDENTIFIERS'),
)

// IAM role names: 1–64 of [\w+=,.@-]; instance profiles allow 128.
export const ROLE_NAME = charset(
  /^[A-Za-z0-9_+=,.@-]$/,
  1,
  64,
  'letters, digits and _ + = , . @ -',
  cite('IAM_QUOTAS'),
)
export const INSTANCE_PROFILE_NAME = charset(
  /^[A-Za-z0-9_+=,.@-]$/,
  1,
  128,
  'letters, digits and _ + = , . @ -',
  cite('IAM_QUOTAS'),
)

// Cluster names, task families and container names: 1–255 letters, digits, hyphens, underscores [S31].
export const ECS_NAME = charset(
  /^[A-Za-z0-9_-]$/,
  1,
  255,
  'letters, digits, hyphens and underscores',
  cite('S31'),
)

// ContainerDefinition.image: "Up to 255 letters (uppercase and lowercase), numbers, hyphens, underscores,
// colons, periods, forward slashes, and number signs are allowed" (ECS API reference); "@" for digests.
export const IMAGE = charset(/^[A-Za-z0-9_.:/#@-]$/, 1, 255, 'letters, digits and - _ . : / # @', cite('S31'))

// General purpose bucket names.
export const BUCKET_NAME: NameRule = {
  citation: cite('S44'),
  check: (v) => {
    if (v.length < 3 || v.length > 63) return `3 to 63 characters (this has ${v.length}).`
    const bad = firstBadChar(v, /^[a-z0-9.-]$/)
    if (bad) return `${bad} is not allowed: use lowercase letters, digits, dots and hyphens.`
    if (!/^[a-z0-9]/.test(v) || !/[a-z0-9]$/.test(v)) return 'Begin and end with a letter or digit.'
    if (v.includes('..')) return 'Two dots in a row are not allowed.'
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return 'Must not look like an IP address.'
    for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-'])
      if (v.startsWith(prefix)) return `Must not start with "${prefix}" (reserved by S3).`
    // "--table-s3" is reserved for table buckets; rejected conservatively.
    for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'])
      if (v.endsWith(suffix)) return `Must not end with "${suffix}" (reserved by S3).`
    return undefined
  },
}

// Object keys and prefixes that end up in IAM Resource ARNs and shell commands. S3 allows any UTF-8, but
// IAM reads "*" and "?" as wildcards and "${" as a policy variable, so only S3's "safe characters" and "/"
// are accepted: what the user typed is then exactly what the policy grants.
const KEY_CHARS = /^[A-Za-z0-9!_.'() /-]$/
function objectKeyRule(what: string, allowEmpty: boolean): NameRule {
  return {
    citation: cite('S56', 'S57'),
    check: (v) => {
      if (v === '') return allowEmpty ? undefined : 'Required.'
      if (new TextEncoder().encode(v).length > 1024) return `A ${what} is at most 1,024 bytes.`
      if (v.includes('*') || v.includes('?'))
        return `IAM reads "*" and "?" in a ${what} as wildcards, which would grant more than you typed. Name the ${what} literally.`
      const bad = firstBadChar(v, KEY_CHARS)
      if (bad) return `${bad} is not allowed in a ${what}: use letters, digits, spaces and ! - _ . ' ( ) /.`
      if (v.trim() !== v) return `A ${what} must not begin or end with a space.`
      if (v.startsWith('/')) return `A ${what} does not start with "/" in S3 (keys have no leading slash).`
      if (v.includes('//')) return `Two slashes in a row are almost always a typo in a ${what}.`
      if (v.split('/').some((part) => part === '.' || part === '..'))
        return `"." and ".." path segments are not allowed in a ${what}.`
      return undefined
    },
  }
}
export const KEY_PREFIX = objectKeyRule('key prefix', true)
export const OBJECT_KEY = objectKeyRule('object key', false)

// VPC resource IDs: a prefix and 8 or 17 lowercase hex digits (EC2 resource IDs). awsvpc tasks take up to 16
// subnets and 5 security groups (ECS API AwsVpcConfiguration).
export const SUBNET_ID = pattern(
  /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
  'A subnet ID: "subnet-" and 8 or 17 hexadecimal digits, for example subnet-0123456789abcdef0.',
  cite('EC2_RESOURCE_IDS', 'AWSVPC_CONFIGURATION'),
)
export const SECURITY_GROUP_ID = pattern(
  /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  'A security group ID: "sg-" and 8 or 17 hexadecimal digits, for example sg-0123456789abcdef0.',
  cite('EC2_RESOURCE_IDS', 'AWSVPC_CONFIGURATION'),
)
export const MAX_AWSVPC_SUBNETS = 16
export const MAX_AWSVPC_SECURITY_GROUPS = 5

export const REGION: NameRule = {
  citation: cite('S32'),
  check: (v) => {
    if (v === '') return 'Required.'
    if (v.startsWith('eusc-') || /^us-(iso|isob)/.test(v))
      return 'The sovereign and isolated partitions are not supported: their principals are not covered by the sources this tool uses.'
    if (!partitionOfRegion(v))
      return 'Not an AWS region code (for example us-east-1, eu-west-1, cn-north-1, us-gov-west-1).'
    return undefined
  },
}
