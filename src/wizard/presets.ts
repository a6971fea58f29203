// Common setups: each sets the platform and network questions and leaves names and buckets alone.
import { withAmi, withOs, type WizardConfig } from '../config/schema.ts'
import type { MessageKey } from '../i18n/message.ts'

export interface Preset {
  /** Stable, for code and tests; the page shows `name`. */
  id: string
  name: MessageKey
  apply: (config: WizardConfig) => WizardConfig
}

// OS and AMI go through the same switches as the Platform controls, so the default image follows them.
const platform =
  ({ os, ami, ...changes }: Pick<WizardConfig, 'os' | 'ami'> & Partial<WizardConfig>) =>
  (config: WizardConfig): WizardConfig => ({ ...withAmi(withOs(config, os), ami), ...changes })

export const PRESETS: readonly Preset[] = [
  {
    id: 'linux-bridge',
    name: 'wizard.preset.linuxBridge',
    apply: platform({ os: 'linux', ami: 'al2023', networkMode: 'bridge', blockInstanceMetadata: true }),
  },
  {
    id: 'linux-awsvpc',
    name: 'wizard.preset.linuxAwsvpc',
    apply: platform({ os: 'linux', ami: 'al2023', networkMode: 'awsvpc', blockInstanceMetadata: true }),
  },
  {
    id: 'manual-agent',
    name: 'wizard.preset.manualAgent',
    apply: platform({ os: 'linux', ami: 'manual-agent', networkMode: 'bridge', blockInstanceMetadata: true }),
  },
  {
    id: 'windows-default',
    name: 'wizard.preset.windowsDefault',
    apply: platform({
      os: 'windows',
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
      ami: 'windows-2022',
      networkMode: 'awsvpc',
      blockInstanceMetadata: true,
    }),
  },
]

/** Whether `config` is what the preset would make of it. */
export const presetMatches = (preset: Preset, config: WizardConfig) =>
  JSON.stringify(preset.apply(config)) === JSON.stringify(config)
