import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english.ts'
import { spanish } from '../i18n/spanish.ts'
import { fieldLabel } from './config-paths.ts'

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
