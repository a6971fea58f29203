import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reapply } from './merge-edit.ts'

/** A localStorage stand-in that can be made full. */
class MemoryStorage {
  items = new Map<string, string>()
  full = false
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.items.set(key, value)
  }
  removeItem = (key: string) => this.items.delete(key)
}

const storage = new MemoryStorage()
vi.stubGlobal('localStorage', storage)
const { leaveEditsBehind, useEditsStore, STORAGE_KEY } = await import('./edits-store.ts')
const { editState } = await import('./edit-state.ts')

const A = '#/?v=1&clusterName=a'
const B = '#/?v=1&clusterName=b'
const generatedA = 'ECS_CLUSTER=a\nECS_ENABLE_TASK_IAM_ROLE=true\n'
const generatedB = 'ECS_CLUSTER=b\nECS_ENABLE_TASK_IAM_ROLE=true\n'
const edit = { text: `${generatedA}ECS_LOGLEVEL=debug\n`, generatedFrom: generatedA }
const store = () => useEditsStore.getState()

describe('edits keyed by configuration', () => {
  beforeEach(() => {
    storage.full = false
    useEditsStore.setState({ byConfig: {}, current: '', navigations: 1, seen: 0, unsaved: false })
    store().follow(A, ['ec2/ecs.config'])
    store().setEdit(A, 'ec2/ecs.config', edit)
  })

  it('a change made in the page carries the edits to the new configuration', () => {
    store().follow(B, ['ec2/ecs.config'])
    expect(store().byConfig[B]?.edits['ec2/ecs.config']).toBe(edit)
    expect(store().byConfig[A]).toBeUndefined()
  })

  it('opening another configuration leaves them with theirs, and they are there again on return', () => {
    leaveEditsBehind()
    store().follow(B, ['ec2/ecs.config'])
    expect(store().byConfig[B]).toBeUndefined()
    leaveEditsBehind()
    store().follow(A, ['ec2/ecs.config'])
    expect(store().byConfig[A]?.edits['ec2/ecs.config']).toBe(edit)
  })

  it('a re-render between a navigation and its new configuration does not end the navigation', () => {
    leaveEditsBehind()
    store().follow(A, ['ec2/ecs.config']) // the page re-rendered before the router applied link B
    store().follow(B, ['ec2/ecs.config'])
    expect(store().byConfig[B]).toBeUndefined()
    expect(store().byConfig[A]?.edits['ec2/ecs.config']).toBe(edit)
  })

  it('a navigation to the configuration already shown is over once its task is', async () => {
    leaveEditsBehind()
    await new Promise((resolve) => setTimeout(resolve, 0))
    store().follow(B, ['ec2/ecs.config']) // a change made in the page afterwards
    expect(store().byConfig[B]?.edits['ec2/ecs.config']).toBe(edit)
  })

  it('an edit of a file the new configuration does not have stays where it was', () => {
    store().follow(B, ['ec2/user-data.ps1'])
    expect(store().byConfig[A]?.edits['ec2/ecs.config']).toBe(edit)
  })

  it('is kept in localStorage, and a failed write is reported until a write succeeds', () => {
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).toEqual({
      [A]: { edits: { 'ec2/ecs.config': edit }, at: expect.any(Number) as number },
    })
    storage.full = true
    store().setEdit(A, 'ec2/user-data.sh', { text: 'x', generatedFrom: 'y' })
    expect(store().unsaved).toBe(true)
    storage.full = false
    store().setEdit(A, 'ec2/user-data.sh', undefined)
    expect(store().unsaved).toBe(false)
  })

  it('stores a merge only if the edit did not change meanwhile', () => {
    const merged = reapply(edit, generatedB)
    store().settle(A, 'ec2/ecs.config', { ...edit }, merged)
    expect(store().byConfig[A]?.edits['ec2/ecs.config']).toBe(edit)
    store().settle(A, 'ec2/ecs.config', edit, merged)
    expect(store().byConfig[A]?.edits['ec2/ecs.config']).toBe(merged)
  })
})

describe('reapply: a three-way merge of the edit onto the new generated text', () => {
  it('re-applies a change the configuration did not touch', () => {
    const next = reapply(edit, generatedB)!
    expect(next).toEqual({
      text: `${generatedB}ECS_LOGLEVEL=debug\n`,
      generatedFrom: generatedB,
      reapplied: true,
    })
    expect(editState(next, generatedB)).toBe('reapplied')
  })

  it('marks a conflict, with its line, when both changed the same line, and keeps the text as written', () => {
    const mine = { text: 'ECS_CLUSTER=mine\nECS_ENABLE_TASK_IAM_ROLE=true\n', generatedFrom: generatedA }
    const next = reapply(mine, generatedB)!
    expect(next).toMatchObject({ text: mine.text, generatedFrom: generatedA, conflictWith: generatedB })
    expect(next.conflictLines).toEqual([1])
    expect(editState(next, generatedB)).toBe('conflict')
    expect(editState(mine, generatedB)).toBe('pending')
  })

  it('drops the edit when the new generated text already says the same', () => {
    const mine = { text: generatedB, generatedFrom: generatedA }
    expect(reapply(mine, generatedB)).toBeUndefined()
  })
})
