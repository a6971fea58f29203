// Configurations the golden scenarios do not hold, for the CloudFormation and Terraform checks
// (cloudformation.test.ts, terraform.test.ts): every launch type, operating system, role and AMI shape of
// issue 11. Each is a raw config as a user writes one (partial), read by readConfig like a config file.
import { readConfig, type WizardConfig } from '../config/schema.ts'

const SECRET = 'arn:aws:secretsmanager:us-east-1:012345678901:secret:db-password-AbCdEf'
const PARAMETER = 'arn:aws:ssm:us-east-1:012345678901:parameter/app/api-key'
const KMS_KEY = 'arn:aws:kms:us-east-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab'

const RAW: [name: string, raw: Record<string, unknown>][] = [
  [
    'windows-2022-awsvpc with a deployer role and extra statements',
    {
      os: 'windows',
      ami: 'windows-2022',
      networkMode: 'awsvpc',
      deployerRoleName: 'deployer',
      extraStatements:
        '[{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:012345678901:q" }]',
    },
  ],
  [
    'linux ecs-init in aws-us-gov with every optional resource',
    {
      ami: 'ecs-init',
      region: 'us-gov-west-1',
      deployerRoleName: 'deployer',
      configObject: { bucket: 'cfg-bucket', key: 'ecs.config' },
      buckets: [{ name: 'app-bucket', access: 'read-write', prefix: 'a/' }],
      subnets: ['subnet-0123456789abcdef0'],
      sourceConditions: false,
    },
  ],
  [
    'fargate linux: a service in the default VPC with a public IP, secrets from both stores, awslogs',
    {
      launchType: 'fargate',
      service: { name: 'web', desiredCount: 2 },
      assignPublicIp: true,
      deployerRoleName: 'deployer',
      task: {
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: SECRET },
          { name: 'API_KEY', valueFrom: PARAMETER },
        ],
      },
    },
  ],
  [
    'fargate linux: chosen subnets and security groups, no public IP, a private ECR image',
    {
      launchType: 'fargate',
      subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
      securityGroups: ['sg-0123456789abcdef0'],
      service: { name: 'worker', desiredCount: 1 },
      task: { image: '012345678901.dkr.ecr.us-east-1.amazonaws.com/app:1.0' },
    },
  ],
  [
    'fargate windows 2022 with awslogs and a service',
    { launchType: 'fargate', os: 'windows', ami: 'windows-2022', service: { name: 'iis', desiredCount: 1 } },
  ],
  [
    'every role existing (the task role by ARN with a path), with policies to put on each',
    {
      taskRoleName: 'arn:aws:iam::012345678901:role/app/existing-task',
      existingTaskRole: true,
      executionRoleName: 'existing-execution',
      existingExecutionRole: true,
      instanceRoleName: 'existing-instance',
      existingInstanceRole: true,
      instanceProfileName: 'existing-profile',
      configObject: { bucket: 'cfg-bucket', key: 'ecs.config' },
      networkMode: 'awsvpc',
      service: { name: 'svc', desiredCount: 1 },
      task: { awslogs: true, secrets: [{ name: 'DB_PASSWORD', valueFrom: SECRET }] },
    },
  ],
  ['only the task role existing', { existingTaskRole: true, taskRoleName: 'app-task' }],
  [
    'only the execution role existing (awslogs, no secrets: only the managed policy)',
    { existingExecutionRole: true, task: { awslogs: true } },
  ],
  [
    'only the instance role existing, without an inline policy, and an EC2 service',
    { existingInstanceRole: true, service: { name: 'svc', desiredCount: 3 } },
  ],
  [
    'fargate with an existing task role that needs no policy',
    { launchType: 'fargate', existingTaskRole: true, buckets: [] },
  ],
  [
    'SSE-KMS buckets: the task role policy has the Bucket<n>Kms statements',
    {
      buckets: [
        { name: 'read-bucket', access: 'read', kmsKeyArn: KMS_KEY },
        { name: 'write-bucket', access: 'write', prefix: 'in/', kmsKeyArn: KMS_KEY },
      ],
    },
  ],
  [
    'launch template: AL2 from its public parameter, with instance settings',
    {
      ami: 'al2',
      blockInstanceMetadata: false,
      instances: {
        type: 'm5.large',
        launchTemplateName: 'al2-instances',
        subnet: 'subnet-0123456789abcdef0',
        securityGroups: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
        count: 3,
      },
    },
  ],
  [
    'launch template: Windows Server 2019 default mode from its public parameter',
    { os: 'windows', ami: 'windows-2019' },
  ],
  [
    'launch template: ecs-init with an AMI ID',
    { ami: 'ecs-init', instances: { imageId: 'ami-0123456789abcdef0' } },
  ],
]

/** The configurations, read; `issues` must be empty (the tests check). */
export const IAC_CONFIGS: { name: string; config: WizardConfig; issues: unknown[] }[] = RAW.map(
  ([name, raw]) => {
    const { config, issues } = readConfig({ version: 1, accountId: '012345678901', ...raw })
    return { name, config, issues }
  },
)
