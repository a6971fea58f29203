// Common setups: each sets the platform and network questions and leaves names and buckets alone.
import { withAmi, withLaunchType, withOs, type WizardConfig } from '../config/schema.ts'
import type { MessageKey } from '../i18n/message.ts'

export interface Preset {
  /** Stable, for code and tests; the page shows `name`. */
  id: string
  name: MessageKey
  apply: (config: WizardConfig) => WizardConfig
}

// OS, launch type and AMI go through the same switches as the Platform controls, so the defaults that follow
// them (image, network mode, task size, awslogs) come along.
const platform =
  ({
    os,
    launchType,
    ami,
    ...changes
  }: Pick<WizardConfig, 'os' | 'launchType' | 'ami'> & Partial<WizardConfig>) =>
  (config: WizardConfig): WizardConfig => ({
    ...withAmi(withLaunchType(withOs(config, os), launchType), ami),
    ...changes,
  })

export const PRESETS: readonly Preset[] = [
  {
    id: 'linux-bridge',
    name: 'wizard.preset.linuxBridge',
    apply: platform({
      os: 'linux',
      launchType: 'ec2',
      ami: 'al2023',
      networkMode: 'bridge',
      blockInstanceMetadata: true,
    }),
  },
  {
    id: 'linux-awsvpc',
    name: 'wizard.preset.linuxAwsvpc',
    apply: platform({
      os: 'linux',
      launchType: 'ec2',
      ami: 'al2023',
      networkMode: 'awsvpc',
      blockInstanceMetadata: true,
    }),
  },
  {
    id: 'manual-agent',
    name: 'wizard.preset.manualAgent',
    apply: platform({
      os: 'linux',
      launchType: 'ec2',
      ami: 'manual-agent',
      networkMode: 'bridge',
      blockInstanceMetadata: true,
    }),
  },
  {
    id: 'windows-default',
    name: 'wizard.preset.windowsDefault',
    apply: platform({
      os: 'windows',
      launchType: 'ec2',
      ami: 'windows-2022',
      networkMode: 'default',
      blockInstanceMetadata: true,
    }),
  },
  {
    id: 'windows-awsvpc',
    name: 'wizard.preset.windowsAwsvpc',
    apply: platform({
      os: 'windows',
      launchType: 'ec2',
      ami: 'windows-2022',
      networkMode: 'awsvpc',
      blockInstanceMetadata: true,
    }),
  },
  // Fargate: awsvpc is its only mode and there is no instance metadata to block; the task size stays as chosen
  // when Fargate runs it.
  {
    id: 'fargate-linux',
    name: 'wizard.preset.fargateLinux',
    apply: platform({ os: 'linux', launchType: 'fargate', ami: 'al2023', networkMode: 'awsvpc' }),
  },
  {
    id: 'fargate-windows',
    name: 'wizard.preset.fargateWindows',
    apply: platform({ os: 'windows', launchType: 'fargate', ami: 'windows-2022', networkMode: 'awsvpc' }),
  },
]

/** Whether `config` is what the preset would make of it. */
export const presetMatches = (preset: Preset, config: WizardConfig) =>
  JSON.stringify(preset.apply(config)) === JSON.stringify(config)
