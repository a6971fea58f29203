import { ALL_REGIONS } from '../../knowledge/partitions.ts'
import { PROTOCOLS } from '../../config/schema.ts'
import { useT } from '../../ui/i18n.tsx'
import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'
import { useDraftStore } from '../ui-store.ts'

export function NamesStep() {
  const { config, update } = useWizard()
  const t = useT()
  return (
    <>
      <TextField path="region" list="region-list" hint={t('wizard.names.regionHint')} />
      <datalist id="region-list">
        {ALL_REGIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <TextField path="accountId" hint={t('wizard.names.accountIdHint')} kind="text" />
      <TextField path="clusterName" />
      <TextField path="taskRoleName" />
      <TextField path="instanceRoleName" />
      <TextField
        path="instanceProfileName"
        optional
        placeholder={config.instanceRoleName}
        hint={t('wizard.names.instanceProfileHint')}
      />
      <TextField path="deployerRoleName" optional hint={t('wizard.names.deployerHint')} />
      <CheckboxField path="sourceConditions" hint={t('wizard.names.conditionsHint')} />
      <fieldset className="list-entry">
        <legend>{t('wizard.names.taskDefinition')}</legend>
        <TextField path="task.family" />
        <TextField path="task.containerName" />
        <TextField path="task.image" />
        <TextField path="task.memory" kind="integer" />
      </fieldset>
      {config.task.portMappings.map((_, i) => (
        <fieldset key={i} className="list-entry">
          <legend>{t('wizard.names.portMapping', { n: i + 1 })}</legend>
          <TextField path={`task.portMappings.${i}.containerPort`} kind="integer" />
          <TextField
            path={`task.portMappings.${i}.hostPort`}
            kind="integer"
            optional
            placeholder={t('wizard.names.hostPortPlaceholder', {
              dynamic: config.networkMode === 'bridge' || config.networkMode === 'default' ? 'yes' : 'no',
            })}
          />
          <SelectField
            path={`task.portMappings.${i}.protocol`}
            options={PROTOCOLS.map((p) => [p, p] as const)}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              // Drafts are keyed by position: those of the mappings that move would point at the wrong one.
              useDraftStore.getState().clearDrafts('task.portMappings.')
              update((c) => ({
                ...c,
                task: { ...c.task, portMappings: c.task.portMappings.filter((_, j) => j !== i) },
              }))
            }}
          >
            {t('wizard.names.removePortMapping', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={config.task.portMappings.length >= 20}
        onClick={() =>
          update((c) => ({
            ...c,
            task: { ...c.task, portMappings: [...c.task.portMappings, { containerPort: 8080 }] },
          }))
        }
      >
        {t('wizard.names.addPortMapping')}
      </button>
    </>
  )
}
