import { AMIS, DEFAULT_AMI, amiInfo, type OperatingSystem } from '../../knowledge/amis.ts'
import { SelectField, useWizard } from '../fields.tsx'
import { PRESETS, presetMatches } from '../presets.ts'

export function PlatformStep() {
  const { config, update } = useWizard()
  const ami = amiInfo(config.ami)
  return (
    <>
      <fieldset className="presets">
        <legend>Start from a common setup</legend>
        <div className="preset-buttons">
          {PRESETS.map((preset) => (
            <button
              key={preset.name}
              type="button"
              aria-pressed={presetMatches(preset, config)}
              onClick={() => update(preset.apply)}
            >
              {preset.name}
            </button>
          ))}
        </div>
      </fieldset>
      <SelectField<OperatingSystem>
        path="os"
        label="Operating system"
        options={[
          ['linux', 'Linux'],
          ['windows', 'Windows'],
        ]}
        onSelect={(os) =>
          update((c) => {
            if (c.os === os) return c
            // Switching OS picks that OS's default AMI and a network mode it supports (reference §5.1).
            const networkMode = os === 'windows' ? 'default' : 'bridge'
            return { ...c, os, ami: DEFAULT_AMI[os], networkMode }
          })
        }
      />
      <SelectField
        path="ami"
        label="AMI"
        options={AMIS.filter((a) => a.os === config.os).map((a) => [a.id, a.label] as const)}
        hint={
          ami.launcher === 'docker-run'
            ? 'You start the agent container yourself: this tool adds the credential-proxy rules ecs-init would.'
            : ami.launcher === 'ecs-init'
              ? 'ecs-init sets up the credential proxy itself.'
              : 'The ECSTools module in the AMI sets up the credential proxy.'
        }
      />
      {ami.asksHostFamily && (
        <SelectField
          path="hostFamily"
          label="Host family"
          hint="Decides how iptables rules are kept across reboots."
          options={[
            ['rhel', 'RHEL-like (RHEL, Rocky, Alma, Fedora, Amazon Linux)'],
            ['debian', 'Debian-like (Debian, Ubuntu)'],
          ]}
        />
      )}
    </>
  )
}
