import { describe, expect, it } from 'vitest'
import { plan } from '../generator/plan.ts'
import { executionRoleReasons } from './execution-role.ts'
import { DEFAULT_CONFIG, readConfig, withLaunchType, type WizardConfig } from './schema.ts'

const ECR_IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/my-app:1'
const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password-AbCdEf'
const PARAMETER = 'arn:aws:ssm:us-east-1:111122223333:parameter/app/token'

const withTask = (config: WizardConfig, task: Partial<WizardConfig['task']>): WizardConfig =>
  readConfig({ ...config, task: { ...config.task, ...task } }).config

describe('executionRoleReasons', () => {
  const fargate = withLaunchType(DEFAULT_CONFIG, 'fargate')
  const cases: [string, WizardConfig][] = [
    ['EC2 defaults: public image, no logs, no secrets', DEFAULT_CONFIG],
    ['EC2 with a private ECR image', withTask(DEFAULT_CONFIG, { image: ECR_IMAGE })],
    ['EC2 with awslogs', withTask(DEFAULT_CONFIG, { awslogs: true })],
    [
      'EC2 with an SSM parameter',
      withTask(DEFAULT_CONFIG, { secrets: [{ name: 'TOKEN', valueFrom: PARAMETER }] }),
    ],
    ['Fargate defaults (awslogs on)', fargate],
    ['Fargate without awslogs', withTask(fargate, { awslogs: false })],
    [
      'Fargate with a secret, no awslogs',
      withTask(fargate, { awslogs: false, secrets: [{ name: 'DB', valueFrom: SECRET }] }),
    ],
  ]

  it.each(cases)('agrees with the plan: %s', (_, config) => {
    expect(readConfig(config).issues).toEqual([])
    expect(executionRoleReasons(config) !== undefined).toBe(plan(config).executionRole !== undefined)
  })

  it('names each reason the task has', () => {
    expect(executionRoleReasons(DEFAULT_CONFIG)).toBeUndefined()
    expect(executionRoleReasons(fargate)).toEqual({ privateEcr: false, logs: true, secrets: false })
    expect(
      executionRoleReasons(
        withTask(DEFAULT_CONFIG, { image: ECR_IMAGE, secrets: [{ name: 'DB', valueFrom: SECRET }] }),
      ),
    ).toEqual({ privateEcr: true, logs: false, secrets: true })
  })
})
