import { ALL_REGIONS } from '../../knowledge/partitions.ts'
import { useT } from '../../ui/i18n.tsx'
import { CheckboxField, TextField, useWizard } from '../fields.tsx'
import { RolesPart } from './roles-part.tsx'
import {
  InstancesPart,
  PortMappingsPart,
  SecretsPart,
  ServicePart,
  TaskDefinitionPart,
} from './task-parts.tsx'
import './names-step.css'

export function NamesStep() {
  const { config } = useWizard()
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
      <RolesPart />
      <TextField path="deployerRoleName" optional hint={t('wizard.names.deployerHint')} />
      <CheckboxField path="sourceConditions" hint={t('wizard.names.conditionsHint')} />
      <TaskDefinitionPart />
      <PortMappingsPart />
      <SecretsPart />
      {/* Fargate runs the task on capacity AWS manages: no container instances to launch. */}
      {config.launchType === 'ec2' && <InstancesPart />}
      <ServicePart />
    </>
  )
}
