import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, withLaunchType, withOs } from '../config/schema.ts'
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

describe('Fargate presets', () => {
  it('Fargate Linux: awsvpc, the smallest Linux task size, awslogs on, as the launch type control gives', () => {
    const applied = preset('fargate-linux').apply(DEFAULT_CONFIG)
    expect(applied).toEqual(withLaunchType(DEFAULT_CONFIG, 'fargate'))
    expect(applied).toMatchObject({ launchType: 'fargate', networkMode: 'awsvpc' })
    expect(applied.task).toMatchObject({ memory: 512, awslogs: true })
    expect(applied.task.cpu).toBeUndefined()
    expect(presetMatches(preset('fargate-linux'), applied)).toBe(true)
    expect(presetMatches(preset('linux-awsvpc'), applied)).toBe(false)
  })

  it('Fargate Windows: Windows Server 2022, the smallest Windows task size, its image', () => {
    const applied = preset('fargate-windows').apply(DEFAULT_CONFIG)
    expect(applied).toMatchObject({ os: 'windows', launchType: 'fargate', ami: 'windows-2022' })
    expect(applied.networkMode).toBe('awsvpc')
    expect(applied.task.memory).toBe(2048)
    expect(applied.task.image).toBe(withOs(DEFAULT_CONFIG, 'windows').task.image)
    expect(readConfig(applied).issues).toEqual([])
  })

  it('an EC2 preset brings a Fargate setup back to EC2 with its own defaults', () => {
    const back = preset('linux-bridge').apply(preset('fargate-linux').apply(DEFAULT_CONFIG))
    expect(back).toEqual(DEFAULT_CONFIG)
    const windows = preset('windows-default').apply(preset('fargate-windows').apply(DEFAULT_CONFIG))
    expect(windows).toEqual(preset('windows-default').apply(DEFAULT_CONFIG))
    const linux = preset('linux-awsvpc').apply(preset('fargate-windows').apply(DEFAULT_CONFIG))
    expect(linux).toMatchObject({ os: 'linux', launchType: 'ec2', ami: 'al2023', networkMode: 'awsvpc' })
    expect(linux.task).toMatchObject({ awslogs: false, image: DEFAULT_CONFIG.task.image })
  })

  it('keeps a Fargate task size the other OS runs too', () => {
    const big = { ...withLaunchType(DEFAULT_CONFIG, 'fargate') }
    big.task = { ...big.task, cpu: 2048, memory: 8192 }
    expect(preset('fargate-windows').apply(big).task).toMatchObject({ cpu: 2048, memory: 8192 })
  })
})
