import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_CONFIG } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import { spanish } from '../i18n/spanish.ts'

// The link's length counts the page's address.
vi.stubGlobal('window', { location: { origin: 'https://example.com', pathname: '/' } })
const { invalidFields } = await import('./invalid-fields.ts')

describe('invalid fields', () => {
  it('say what is wrong without repeating the field’s name, and what the files use instead', () => {
    const [field] = invalidFields({ clusterName: { text: 'bad name!', value: 'bad name!' } }, DEFAULT_CONFIG)
    expect(english.t(field!.label)).toBe('Cluster name')
    expect(field!.step).toBe('Names')
    expect(field!.used).toBe('my-cluster')
    const problem = english.t(field!.message!)
    expect(problem).not.toMatch(/^Cluster name/)
    expect(problem.length).toBeGreaterThan(10)
  })

  it('work the message out again, so it follows the reader’s language', () => {
    const [field] = invalidFields({ 'task.memory': { text: '3', value: 3 } }, DEFAULT_CONFIG)
    expect(spanish.t(field!.message!)).not.toBe(english.t(field!.message!))
    expect(spanish.t(field!.label)).toBe('Memoria (MiB)')
  })
})
