import { describe, expect, it, vi } from 'vitest'

// Drafts saved by this tab, read back at start: storage is untrusted input like a link.
const saved = {
  drafts: {
    clusterName: { text: 'bad name!', value: 'bad name!' },
    'task.memory': { text: '12x', value: '12x' },
    subnets: { text: 'subnet-1 x', value: ['subnet-1', 'x'] },
    instanceProfileName: { text: '' },
    region: { text: 'x', value: { key: 'field.issue.labelled', params: { problem: {} } } },
    accountId: { text: 1 },
  },
}
vi.stubGlobal('sessionStorage', {
  getItem: (key: string) => (key === 'ecs-task-role-wizard.drafts' ? JSON.stringify(saved) : null),
  setItem: () => undefined,
})
const { useDraftStore } = await import('./ui-store.ts')

describe('drafts read back from the session', () => {
  it('keeps each draft whose text and value are what a field holds, and drops the rest', () => {
    expect(useDraftStore.getState().drafts).toEqual({
      clusterName: { text: 'bad name!', value: 'bad name!' },
      'task.memory': { text: '12x', value: '12x' },
      subnets: { text: 'subnet-1 x', value: ['subnet-1', 'x'] },
      instanceProfileName: { text: '' },
    })
  })
})
