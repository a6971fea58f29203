// Common setups: each sets the platform and network questions and leaves names and buckets alone.
import { withAmi, withOs, type WizardConfig } from '../config/schema.ts'

export interface Preset {
  name: string
  apply: (config: WizardConfig) => WizardConfig
}

// OS and AMI go through the same switches as the Platform controls, so the default image follows them.
const platform =
  ({ os, ami, ...changes }: Pick<WizardConfig, 'os' | 'ami'> & Partial<WizardConfig>) =>
  (config: WizardConfig): WizardConfig => ({ ...withAmi(withOs(config, os), ami), ...changes })

export const PRESETS: readonly Preset[] = [
  {
    name: 'Linux bridge on ECS-optimized AL2023',
    apply: platform({ os: 'linux', ami: 'al2023', networkMode: 'bridge', blockInstanceMetadata: true }),
  },
  {
    name: 'Linux awsvpc',
    apply: platform({ os: 'linux', ami: 'al2023', networkMode: 'awsvpc', blockInstanceMetadata: true }),
  },
  {
    name: 'Hand-started agent',
    apply: platform({ os: 'linux', ami: 'manual-agent', networkMode: 'bridge', blockInstanceMetadata: true }),
  },
  {
    name: 'Windows default',
    apply: platform({
      os: 'windows',
      ami: 'windows-2022',
      networkMode: 'default',
      blockInstanceMetadata: true,
    }),
  },
  {
    name: 'Windows awsvpc',
    apply: platform({
      os: 'windows',
      ami: 'windows-2022',
      networkMode: 'awsvpc',
      blockInstanceMetadata: true,
    }),
  },
]

/** Whether `config` is what the preset would make of it. */
export const presetMatches = (preset: Preset, config: WizardConfig) =>
  JSON.stringify(preset.apply(config)) === JSON.stringify(config)
