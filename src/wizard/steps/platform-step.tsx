import { withAmi, withOs } from '../../config/schema.ts'
import { AMIS, amiInfo, type AmiId, type OperatingSystem } from '../../knowledge/amis.ts'
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
        // Switching OS takes that OS's defaults (AMI, network mode, image), the same ones a link with only
        // os=… gets: both come from osDefaults in the schema.
        onSelect={(os) => update((c) => withOs(c, os))}
      />
      <SelectField<AmiId>
        path="ami"
        label="AMI"
        options={AMIS.filter((a) => a.os === config.os).map((a) => [a.id, a.label] as const)}
        onSelect={(ami) => update((c) => withAmi(c, ami))}
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
