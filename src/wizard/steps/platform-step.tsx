import { Suspense } from 'react'
import { withAmi, withLaunchType, withOs, type WizardConfig } from '../../config/schema.ts'
import { AMIS, amiInfo, type AgentLauncher, type AmiId, type OperatingSystem } from '../../knowledge/amis.ts'
import type { LaunchType } from '../../knowledge/platforms.ts'
import { useT } from '../../ui/i18n.tsx'
import { SelectField, useWizard } from '../fields.tsx'
import { FargatePlatform } from '../lazy-parts.ts'
import { PRESETS, presetMatches } from '../presets.ts'
import { useDraftStore } from '../ui-store.ts'

/** The launcher as the hint's choice names it (ICU choices are plain words). */
const LAUNCHER_CHOICE: Record<AgentLauncher, string> = {
  'docker-run': 'dockerRun',
  'ecs-init': 'ecsInit',
  ecstools: 'ecstools',
}

/** On Fargate the container instances' questions leave the page: what was typed there stands for nothing. */
function dropInstanceDrafts(next: WizardConfig) {
  if (next.launchType !== 'fargate') return
  for (const prefix of ['instances.', 'instanceRoleName', 'instanceProfileName'])
    useDraftStore.getState().clearDrafts(prefix)
}

export function PlatformStep() {
  const { config, update } = useWizard()
  const t = useT()
  const ami = amiInfo(config.ami)
  const fargate = config.launchType === 'fargate'
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
              onClick={() => {
                dropInstanceDrafts(preset.apply(config))
                update(preset.apply)
              }}
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
        // Switching OS takes that platform's defaults (AMI, network mode, image, task size), the same ones a
        // link with only os=… gets: both come from platformDefaults in the schema.
        onSelect={(os) => update((c) => withOs(c, os))}
      />
      <SelectField<LaunchType>
        path="launchType"
        options={[
          ['ec2', t('wizard.platform.launchType.ec2')],
          ['fargate', t('wizard.platform.launchType.fargate')],
        ]}
        onSelect={(launchType) => {
          dropInstanceDrafts(withLaunchType(config, launchType))
          update((c) => withLaunchType(c, launchType))
        }}
        hint={t('wizard.platform.launchTypeHint', { launchType: config.launchType })}
      />
      {!fargate && (
        <SelectField<AmiId>
          path="ami"
          options={AMIS.filter((a) => a.os === config.os).map((a) => [a.id, t(a.label)] as const)}
          onSelect={(ami) => update((c) => withAmi(c, ami))}
          hint={t('wizard.platform.amiHint', { launcher: LAUNCHER_CHOICE[ami.launcher] })}
        />
      )}
      {!fargate && ami.asksHostFamily && (
        <SelectField
          path="hostFamily"
          hint={t('wizard.platform.hostFamilyHint')}
          options={[
            ['rhel', t('wizard.platform.hostFamily.rhel')],
            ['debian', t('wizard.platform.hostFamily.debian')],
          ]}
        />
      )}
      {fargate && (
        <Suspense fallback={<p className="hint">{t('wizard.steps.loading')}</p>}>
          <FargatePlatform />
        </Suspense>
      )}
    </>
  )
}
