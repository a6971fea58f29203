import { withAmi, withOs } from '../../config/schema.ts'
import { AMIS, amiInfo, type AgentLauncher, type AmiId, type OperatingSystem } from '../../knowledge/amis.ts'
import { useT } from '../../ui/i18n.tsx'
import { SelectField, useWizard } from '../fields.tsx'
import { PRESETS, presetMatches } from '../presets.ts'

/** The launcher as the hint's choice names it (ICU choices are plain words). */
const LAUNCHER_CHOICE: Record<AgentLauncher, string> = {
  'docker-run': 'dockerRun',
  'ecs-init': 'ecsInit',
  ecstools: 'ecstools',
}

export function PlatformStep() {
  const { config, update } = useWizard()
  const t = useT()
  const ami = amiInfo(config.ami)
  return (
    <>
      <fieldset className="presets">
        <legend>{t('wizard.platform.presets')}</legend>
        <div className="preset-buttons">
          {PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              aria-pressed={presetMatches(preset, config)}
              onClick={() => update(preset.apply)}
            >
              {t(preset.name)}
            </button>
          ))}
        </div>
      </fieldset>
      <SelectField<OperatingSystem>
        path="os"
        // The systems' names are the same in every language.
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
        options={AMIS.filter((a) => a.os === config.os).map((a) => [a.id, t(a.label)] as const)}
        onSelect={(ami) => update((c) => withAmi(c, ami))}
        hint={t('wizard.platform.amiHint', { launcher: LAUNCHER_CHOICE[ami.launcher] })}
      />
      {ami.asksHostFamily && (
        <SelectField
          path="hostFamily"
          hint={t('wizard.platform.hostFamilyHint')}
          options={[
            ['rhel', t('wizard.platform.hostFamily.rhel')],
            ['debian', t('wizard.platform.hostFamily.debian')],
          ]}
        />
      )}
    </>
  )
}
