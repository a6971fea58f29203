import { cite } from './citation.ts'

// Partitions, their regions and principals.
// Isolated partitions (aws-iso*) and aws-eusc are out of scope: the guides this tool implements cover none.
export type PartitionId = 'aws' | 'aws-cn' | 'aws-us-gov'

export interface Partition {
  id: PartitionId
  name: string
  regions: readonly string[]
  regionPattern: RegExp
  /** Service principal for the container-instance role trust policy and iam:PassedToService. */
  ec2Principals: readonly string[]
  /** The task role principal is the same in every partition. */
  ecsTasksPrincipal: string
  /** The suffix of service endpoints: s3.<region>.<dnsSuffix> is what kms:ViaService sees for S3. */
  dnsSuffix: string
}

export const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws',
    name: 'AWS commercial',
    regionPattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
    regions: [
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'il-central-1',
      'me-central-1',
      'me-south-1',
      'mx-central-1',
      'sa-east-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ],
    ec2Principals: ['ec2.amazonaws.com'],
    ecsTasksPrincipal: 'ecs-tasks.amazonaws.com',
    dnsSuffix: 'amazonaws.com',
  },
  {
    id: 'aws-cn',
    name: 'AWS China',
    regionPattern: /^cn-\w+-\d+$/,
    regions: ['cn-north-1', 'cn-northwest-1'],
    // IAM in aws-cn documents ec2.amazonaws.com.cn; it has accepted ec2.amazonaws.com since at least 2022,
    // and AWS's own managed policies name both in iam:PassedToService. Trusting both covers either form.
    ec2Principals: ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'],
    ecsTasksPrincipal: 'ecs-tasks.amazonaws.com',
    dnsSuffix: 'amazonaws.com.cn',
  },
  {
    id: 'aws-us-gov',
    name: 'AWS GovCloud (US)',
    regionPattern: /^us-gov-\w+-\d+$/,
    regions: ['us-gov-east-1', 'us-gov-west-1'],
    ec2Principals: ['ec2.amazonaws.com'],
    ecsTasksPrincipal: 'ecs-tasks.amazonaws.com',
    dnsSuffix: 'amazonaws.com',
  },
]

export const PARTITION_PRINCIPALS_SOURCE = cite('S2', 'S4', 'S32', 'S40', 'S55')

/** The partition whose region list or region pattern admits `region`, or undefined. */
export function partitionOfRegion(region: string): Partition | undefined {
  return (
    PARTITIONS.find((p) => p.regions.includes(region)) ?? PARTITIONS.find((p) => p.regionPattern.test(region))
  )
}

export function isKnownRegion(region: string): boolean {
  return PARTITIONS.some((p) => p.regions.includes(region))
}

export const ALL_REGIONS: readonly string[] = PARTITIONS.flatMap((p) => p.regions)
