// The helpers behind the new step controls: the Fargate task size and "use an existing role".
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_CONFIG, ROLE_FIELDS, readConfig, withLaunchType, withOs } from '../../config/schema.ts'
import { useDraftStore } from '../ui-store.ts'
import { withFargateCpu } from './fargate-platform.tsx'
import { withExisting } from './roles-part.tsx'

describe('withFargateCpu', () => {
  const linux = withLaunchType(DEFAULT_CONFIG, 'fargate')

  it('keeps the memory when the new CPU allows it, else takes the smallest it allows', () => {
    const bigger = withFargateCpu(linux, 512)
    expect(bigger.task).toMatchObject({ cpu: 512, memory: 1024 })
    const withMemory = { ...bigger, task: { ...bigger.task, memory: 2048 } }
    expect(withFargateCpu(withMemory, 1024).task).toMatchObject({ cpu: 1024, memory: 2048 })
    expect(readConfig(withFargateCpu(withMemory, 4096)).issues).toEqual([])
  })

  it('writes the smallest CPU of the OS by leaving it out, as a link without it means', () => {
    const back = withFargateCpu(withFargateCpu(linux, 2048), 256)
    expect(back.task.cpu).toBeUndefined()
    expect(back.task.memory).toBe(512)
    const windows = withLaunchType(withOs(DEFAULT_CONFIG, 'windows'), 'fargate')
    expect(withFargateCpu(windows, 1024)).toEqual(windows)
  })

  it('ignores a CPU the OS does not run on Fargate', () => {
    const windows = withLaunchType(withOs(DEFAULT_CONFIG, 'windows'), 'fargate')
    expect(withFargateCpu(windows, 256)).toBe(windows)
  })
})

describe('withExisting', () => {
  // Whether a value fits the link counts the page's address.
  vi.stubGlobal('window', { location: { origin: 'https://example.com', pathname: '/' } })
  const task = ROLE_FIELDS[0]
  const arn = 'arn:aws:iam::111122223333:role/app/web'
  beforeEach(() => useDraftStore.setState({ drafts: {} }))

  it('ticking the box uses the ARN that waited as a draft for it', () => {
    useDraftStore.getState().setDraft('taskRoleName', { text: arn, value: arn })
    const next = withExisting(DEFAULT_CONFIG, task, true)
    expect(next).toMatchObject({ existingTaskRole: true, taskRoleName: arn })
    expect(useDraftStore.getState().drafts).toEqual({})
    expect(readConfig(next).issues).toEqual([])
  })

  it('clearing it keeps the ARN as a draft with its message, and the files use the default name', () => {
    const existing = { ...DEFAULT_CONFIG, existingTaskRole: true, taskRoleName: arn }
    const next = withExisting(existing, task, false)
    expect(next).toMatchObject({ existingTaskRole: false, taskRoleName: DEFAULT_CONFIG.taskRoleName })
    expect(useDraftStore.getState().drafts).toEqual({ taskRoleName: { text: arn, value: arn } })
  })

  it('a name stays as it is either way', () => {
    const named = { ...DEFAULT_CONFIG, taskRoleName: 'webTaskRole' }
    expect(withExisting(withExisting(named, task, true), task, false)).toEqual(named)
    expect(useDraftStore.getState().drafts).toEqual({})
  })
})
