import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english.ts'
import { spanish } from '../i18n/spanish.ts'
import { fieldLabel, stepOfField } from './config-paths.ts'

describe('fieldLabel', () => {
  it('names a field with its place in a list, in the reader’s language', () => {
    expect(english.t(fieldLabel('clusterName'))).toBe('Cluster name')
    expect(english.t(fieldLabel('buckets.1.name'))).toBe('Bucket name (Bucket 2)')
    expect(english.t(fieldLabel('subnets.2'))).toBe('Subnet ID 3')
    expect(spanish.t(fieldLabel('buckets.1.name'))).toBe('Nombre del bucket (Bucket 2)')
    expect(spanish.t(fieldLabel('task.portMappings.0.hostPort'))).toBe('Puerto del host (Mapeo de puertos 1)')
  })

  it('shows a key the schema does not know as it is', () => {
    expect(english.t(fieldLabel('notAField'))).toBe('notAField')
  })
})

describe('stepOfField', () => {
  it('leads each new question to the step that shows it', () => {
    expect(stepOfField('launchType')).toBe('Platform')
    expect(stepOfField('task.cpu')).toBe('Platform')
    expect(stepOfField('assignPublicIp')).toBe('Network')
    expect(stepOfField('buckets.0.kmsKeyArn')).toBe('Access')
    expect(stepOfField('task.secrets.1.valueFrom')).toBe('Names')
    expect(stepOfField('existingExecutionRole')).toBe('Names')
    expect(stepOfField('instances.imageId')).toBe('Names')
  })

  it('a Fargate task’s memory is on the Platform step with its CPU; an EC2 container’s on Names', () => {
    expect(stepOfField('task.memory', { launchType: 'fargate' })).toBe('Platform')
    expect(stepOfField('task.memory', { launchType: 'ec2' })).toBe('Names')
  })
})
