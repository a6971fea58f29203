import { ALL_REGIONS } from '../../knowledge/partitions.ts'
import { PROTOCOLS } from '../../config/schema.ts'
import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'
import { useDraftStore } from '../ui-store.ts'

export function NamesStep() {
  const { config, update } = useWizard()
  return (
    <>
      <TextField
        path="region"
        label="Region"
        list="region-list"
        hint="The partition (aws, aws-cn, aws-us-gov) follows from it."
      />
      <datalist id="region-list">
        {ALL_REGIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <TextField path="accountId" label="Account ID" hint="12 digits." kind="text" />
      <TextField path="clusterName" label="Cluster name" />
      <TextField path="taskRoleName" label="Task role name" />
      <TextField path="instanceRoleName" label="Instance role name" />
      <TextField
        path="instanceProfileName"
        label="Instance profile name"
        optional
        placeholder={config.instanceRoleName}
        hint="Empty: the instance role's name, as the IAM console does."
      />
      <TextField
        path="deployerRoleName"
        label="Deployer role name"
        optional
        hint="Optional: a role that registers task definitions and runs tasks gets the iam:PassRole policy."
      />
      <CheckboxField
        path="sourceConditions"
        label="Trust policy conditions"
        hint="aws:SourceAccount and aws:SourceArn in the task role trust policy (recommended by AWS)."
      />
      <fieldset className="list-entry">
        <legend>Task definition</legend>
        <TextField path="task.family" label="Task family" />
        <TextField path="task.containerName" label="Container name" />
        <TextField path="task.image" label="Image" />
        <TextField path="task.memory" label="Memory (MiB)" kind="integer" />
      </fieldset>
      {config.task.portMappings.map((_, i) => (
        <fieldset key={i} className="list-entry">
          <legend>Port mapping {i + 1}</legend>
          <TextField path={`task.portMappings.${i}.containerPort`} label="Container port" kind="integer" />
          <TextField
            path={`task.portMappings.${i}.hostPort`}
            label="Host port"
            kind="integer"
            optional
            placeholder={
              config.networkMode === 'bridge' || config.networkMode === 'default'
                ? 'empty: dynamic'
                : 'empty: same as the container port'
            }
          />
          <SelectField
            path={`task.portMappings.${i}.protocol`}
            label="Protocol"
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
            Remove port mapping {i + 1}
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
        Add a port mapping
      </button>
    </>
  )
}
