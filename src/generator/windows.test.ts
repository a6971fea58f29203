// Windows and the OS-dependent defaults: what a Windows user gets from `os=windows` alone, the honest
// wording of the Windows IMDS "block", the recovery after a restart, and images that fit the platform.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodePermalink, encodePermalink } from '../config/permalink.ts'
import { DEFAULT_CONFIG, readConfig, withAmi, withOs, type WizardConfig } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import { AMIS } from '../knowledge/amis.ts'
import { imagePlatform } from '../knowledge/images.ts'
import { parsePowerShell } from '../test-support/checkers.ts'
import { generate } from './generate.ts'
import type { GenerateResult } from './types.ts'

const text = (result: GenerateResult, path: string) => result.files.find((f) => f.path === path)?.text
const findingsAt = (result: GenerateResult, field: string) => result.findings.filter((f) => f.field === field)
const windows = (changes: Partial<WizardConfig> = {}): WizardConfig => ({
  ...withOs(DEFAULT_CONFIG, 'windows'),
  accountId: '012345678901',
  ...changes,
})
const IIS = (release: string) => `mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc${release}`

describe('os=windows alone is a working Windows setup (defaults follow the OS)', () => {
  it('a config file with only os: windows reads without issues and takes the Windows defaults', () => {
    const { config, issues } = readConfig({ os: 'windows' })
    expect(issues).toEqual([])
    expect(config).toMatchObject({ os: 'windows', ami: 'windows-2022', networkMode: 'default' })
    expect(config.task.image).toBe(IIS('2022'))
    // The shared defaults are not touched by reading a Windows config.
    expect(DEFAULT_CONFIG.task.image).toBe('public.ecr.aws/docker/library/nginx:latest')
    expect(DEFAULT_CONFIG.networkMode).toBe('bridge')
  })

  it('the image follows an explicit Windows AMI', () => {
    for (const [ami, release] of [
      ['windows-2025', '2025'],
      ['windows-2019', '2019'],
      ['windows-2016', '2016'],
    ] as const)
      expect(readConfig({ os: 'windows', ami }).config.task.image).toBe(IIS(release))
  })

  it('a link with os=windows alone generates without errors, and so does the README example', () => {
    for (const link of ['#/?v=1&os=windows', 'https://example.com/#/?v=1&os=windows&networkMode=awsvpc']) {
      const { config, issues } = decodePermalink(link)
      expect(issues).toEqual([])
      const result = generate(config)
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(text(result, 'ecs/task-definition.json')).toContain(IIS('2022'))
    }
  })

  it('an explicit value that does not fit the OS is still reported', () => {
    const { issues } = readConfig({ os: 'windows', ami: 'al2023' })
    expect(issues.map((i) => ({ field: i.field, text: english.t(i.message) }))).toEqual([
      { field: 'ami', text: expect.stringMatching(/not a Windows AMI/) as string },
    ])
    const bridge = generate(readConfig({ os: 'windows', networkMode: 'bridge' }).config)
    expect(findingsAt(bridge, 'networkMode').map((f) => f.severity)).toEqual(['error'])
    // A broken value is repaired to the chosen OS's default, not Linux's.
    const repaired = readConfig({ os: 'windows', networkMode: 'nat' })
    expect(repaired.issues.map((i) => i.field)).toEqual(['networkMode'])
    expect(repaired.config.networkMode).toBe('default')
  })

  it('a Windows link holds only what differs from the Windows defaults, and round-trips', () => {
    expect(encodePermalink(withOs(DEFAULT_CONFIG, 'windows'))).toBe('#/?v=1&os=windows')
    expect(decodePermalink('#/?v=1&os=windows').config).toEqual(withOs(DEFAULT_CONFIG, 'windows'))
  })

  it('round-trips every OS, AMI, network mode and image choice (property, 300 runs)', () => {
    const images = [
      'public.ecr.aws/docker/library/nginx:latest',
      IIS('2019'),
      IIS('2022'),
      IIS('2025'),
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1',
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...AMIS.map((a) => a.id)),
        fc.constantFrom('bridge', 'host', 'awsvpc', 'none', 'default' as const),
        fc.option(fc.constantFrom(...images), { nil: undefined }),
        (ami, networkMode, image) => {
          const os = AMIS.find((a) => a.id === ami)!.os
          const switched = withAmi(withOs(DEFAULT_CONFIG, os), ami)
          const config: WizardConfig = {
            ...switched,
            networkMode,
            task: { ...switched.task, image: image ?? switched.task.image },
          }
          const decoded = decodePermalink(encodePermalink(config))
          expect(decoded.issues).toEqual([])
          expect(decoded.config).toEqual(config)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the OS and AMI controls switch the image only while it is a default', () => {
    const toWindows = withOs(DEFAULT_CONFIG, 'windows')
    expect(toWindows).toMatchObject({ ami: 'windows-2022', networkMode: 'default' })
    expect(toWindows.task.image).toBe(IIS('2022'))
    expect(withAmi(toWindows, 'windows-2019').task.image).toBe(IIS('2019'))
    expect(withOs(toWindows, 'linux').task.image).toBe(DEFAULT_CONFIG.task.image)
    const custom = { ...DEFAULT_CONFIG, task: { ...DEFAULT_CONFIG.task, image: 'my-registry/app:1' } }
    expect(withOs(custom, 'windows').task.image).toBe('my-registry/app:1')
  })
})

describe('the Windows IMDS block is a soft control, and says so', () => {
  it('container/bootstrap-routes.ps1 explains that an administrator can add the route back', () => {
    const routes = text(generate(windows()), 'container/bootstrap-routes.ps1')!
    expect(routes).not.toMatch(/^\s*New-NetRoute -DestinationPrefix 169\.254\.169\.254/m)
    expect(routes).toMatch(/^# .*soft control: an administrator inside the container/m)
    expect(routes).toMatch(
      /^# Run the application as a non-administrator \(ContainerUser\) after this script/m,
    )
    expect(routes).toMatch(/"user" parameter is not supported for Windows containers/)
    expect(routes).toContain(
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
    )
  })

  it.each(['default', 'awsvpc'] as const)('a %s-mode Windows task gets a warning, not a note', (mode) => {
    const result = generate(windows({ networkMode: mode }))
    const [imds] = findingsAt(result, 'blockInstanceMetadata')
    expect(imds?.severity).toBe('warning')
    expect(imds?.message.key).toBe(
      mode === 'default' ? 'finding.imds.windowsDefaultSoftBlock' : 'finding.imds.windowsAwsvpcSoftBlock',
    )
    const text = english.t(imds!.message)
    expect(text).toMatch(/soft control/)
    expect(text).toMatch(/ContainerUser/)
    expect(text).toMatch(/"user" parameter is not supported for Windows containers/)
    expect(imds?.source).toContain('API_ContainerDefinition.html')
  })

  it('says nothing of the kind when the block is off (the warning there is that nothing blocks)', () => {
    const result = generate(windows({ blockInstanceMetadata: false }))
    expect(
      findingsAt(result, 'blockInstanceMetadata')
        .map((f) => english.t(f.message))
        .join(),
    ).not.toMatch(/soft control/)
  })
})

describe('host/recover-after-restart.ps1', () => {
  it.each(['default', 'awsvpc'] as const)(
    'undoes the proxy setup and initializes the agent as user data does (%s mode)',
    async (mode) => {
      const result = generate(windows({ networkMode: mode, clusterName: 'win-prod' }))
      const recovery = text(result, 'host/recover-after-restart.ps1')!
      const lines = recovery.split('\n')
      expect(recovery).toMatch(/^# NOT VERIFIED ON A LIVE INSTANCE\./m)
      expect(recovery).toContain(
        'https://github.com/aws/amazon-ecs-agent/blob/v1.105.1/misc/windows-deploy/hostsetup.ps1',
      )
      expect(recovery).toContain('04b28c3c2eec563d17b41c8cda0be624fb4a3584')
      const at = (command: string) => lines.findIndex((l) => l.trimStart().startsWith(command))
      const deleteProxy = at(
        'netsh interface portproxy delete v4tov4 listenaddress=169.254.170.2 listenport=80',
      )
      const removeAdapter = at("Get-VMNetworkAdapter -ManagementOS -Name 'APIPA'")
      const init = at('Initialize-ECSAgent ')
      expect(deleteProxy).toBeGreaterThan(0)
      expect(removeAdapter).toBeGreaterThan(deleteProxy)
      expect(init).toBeGreaterThan(removeAdapter)
      // The same Initialize-ECSAgent line as the instance's user data, switches included.
      const userData = text(result, 'ec2/user-data.ps1')!.split('\n')
      expect(lines[init]).toBe(userData.find((l) => l.startsWith('Initialize-ECSAgent ')))
      expect(lines[init]).toContain("-Cluster 'win-prod' -EnableTaskIAMRole")
      expect(lines[at('Import-Module ECSTools')]).toBeDefined()
      // The agent must answer over HTTP: a listening port proxy alone is not enough.
      expect(recovery).toMatch(/Invoke-WebRequest -Uri '?http:\/\/169\.254\.170\.2\/v2\/credentials\//)
      expect(recovery).toMatch(/if \(Get-Command Get-VMNetworkAdapter -ErrorAction SilentlyContinue\)/)
      const { problems } = await parsePowerShell(recovery)
      expect(problems).toEqual([])
    },
  )

  it('is a host file, listed last (only for a restart), and never made for Linux', () => {
    const result = generate(windows())
    expect(result.files.at(-1)).toMatchObject({
      path: 'host/recover-after-restart.ps1',
      destination: 'host',
      language: 'powershell',
      check: 'Test-NetConnection -ComputerName 169.254.170.2 -Port 80',
    })
    expect(english.t(result.files.at(-1)!.usage)).toMatch(/Not verified on a live instance/)
    expect(
      text(generate({ ...DEFAULT_CONFIG, accountId: '012345678901' }), 'host/recover-after-restart.ps1'),
    ).toBe(undefined)
  })

  it('the restart finding points at the script, says it is unverified, and cites the setup it undoes', () => {
    const [restart] = findingsAt(generate(windows()), 'os')
    expect(restart?.severity).toBe('warning')
    expect(restart?.message.key).toBe('finding.windows.restartRecovery')
    expect(english.t(restart!.message)).toMatch(/host\/recover-after-restart\.ps1/)
    expect(english.t(restart!.message)).toMatch(/not verified on a live instance/)
    expect(restart?.source).toContain('misc/windows-deploy/hostsetup.ps1')
    expect(restart?.source).toContain('issues/2135')
    expect(restart?.source).not.toContain('issues/1707')
  })
})

describe('images fit the platform', () => {
  it.each([
    ['public.ecr.aws/docker/library/nginx:latest', 'linux', undefined],
    ['python:3.12-slim-bookworm', 'linux', undefined],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows', '2022'],
    ['mcr.microsoft.com/windows/nanoserver:1809', 'windows', '2019'],
    ['mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2025', 'windows', '2025'],
    ['mcr.microsoft.com/windows:ltsc2019@sha256:abc', 'windows', '2019'],
    ['111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0', 'unknown', undefined],
    ['python:3.12', 'unknown', undefined],
  ] as const)('%s reads as %s', (image, os, release) => {
    expect(imagePlatform(image)).toEqual(release ? { os, release } : { os })
  })

  it('the default Windows image matches the AMI: no image finding', () => {
    for (const ami of ['windows-2025', 'windows-2022', 'windows-2019', 'windows-2016'] as const)
      expect(findingsAt(generate(withAmi(windows(), ami)), 'task.image')).toEqual([])
  })

  it('warns about a Linux image on Windows and a Windows image on Linux', () => {
    const linuxOnWindows = findingsAt(generate(windows({ task: { ...DEFAULT_CONFIG.task } })), 'task.image')
    expect(linuxOnWindows).toMatchObject([
      {
        severity: 'warning',
        message: {
          key: 'finding.image.linuxOnWindows',
          params: { image: DEFAULT_CONFIG.task.image, release: '2022', example: IIS('2022') },
        },
      },
    ])
    expect(english.t(linuxOnWindows[0]!.message)).toMatch(/is a Linux image; Windows container instances/)
    const windowsOnLinux = findingsAt(
      generate({
        ...DEFAULT_CONFIG,
        accountId: '012345678901',
        task: { ...DEFAULT_CONFIG.task, image: 'mcr.microsoft.com/windows/servercore:ltsc2022' },
      }),
      'task.image',
    )
    expect(windowsOnLinux).toMatchObject([
      {
        severity: 'warning',
        message: {
          key: 'finding.image.windowsOnLinux',
          params: { image: 'mcr.microsoft.com/windows/servercore:ltsc2022' },
        },
      },
    ])
    expect(english.t(windowsOnLinux[0]!.message)).toMatch(/is a Windows container image; Linux container/)
  })

  it('warns when a Windows image is built for another Windows Server release than the AMI', () => {
    const result = generate(windows({ ami: 'windows-2019' }))
    const found = findingsAt(result, 'task.image')
    expect(found).toMatchObject([
      {
        severity: 'warning',
        message: { key: 'finding.image.releaseMismatch', params: { imageRelease: '2022', release: '2019' } },
      },
    ])
    expect(english.t(found[0]!.message)).toMatch(
      /built for Windows Server 2022, but the AMI runs Windows Server 2019/,
    )
  })

  it('notes what an image of unknown platform must be on Windows', () => {
    const result = generate(windows({ task: { ...windows().task, image: 'my-registry/app:1' } }))
    const found = findingsAt(result, 'task.image')
    expect(found).toMatchObject([
      { severity: 'info', message: { key: 'finding.image.unknownPlatform', params: { release: '2022' } } },
    ])
    expect(english.t(found[0]!.message)).toMatch(/Windows Server 2022 \(base image tag ltsc2022\)/)
  })
})
