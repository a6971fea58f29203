import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, withOs } from '../config/schema.ts'
import { PRESETS, presetMatches } from './presets.ts'

const preset = (id: string) => PRESETS.find((p) => p.id === id)!

describe('presets', () => {
  it('a Windows preset applied to the Linux defaults brings the Windows image, as the OS control does', () => {
    const applied = preset('windows-default').apply(DEFAULT_CONFIG)
    expect(applied).toEqual({ ...withOs(DEFAULT_CONFIG, 'windows'), blockInstanceMetadata: true })
    expect(applied.task.image).toBe('mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022')
    expect(presetMatches(preset('windows-default'), applied)).toBe(true)
    expect(preset('linux-awsvpc').apply(applied).task.image).toBe(DEFAULT_CONFIG.task.image)
  })

  it('keeps an image the user chose', () => {
    const custom = { ...DEFAULT_CONFIG, task: { ...DEFAULT_CONFIG.task, image: 'my-registry/app:1' } }
    expect(preset('windows-awsvpc').apply(custom).task.image).toBe('my-registry/app:1')
  })
})
