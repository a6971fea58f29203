// The task definition's own questions (logs, secrets), the container instances EC2 launches, and the optional
// service: parts of the Names step.
import { PROTOCOLS, type WizardConfig } from '../../config/schema.ts'
import { msg } from '../../i18n/message.ts'
import { AMI_PARAMETER, DEFAULT_INSTANCE_TYPE } from '../../knowledge/amis.ts'
import { partitionOfRegion } from '../../knowledge/partitions.ts'
import { DEFAULT_FARGATE_SIZE } from '../../knowledge/platforms.ts'
import { Text, useT } from '../../ui/i18n.tsx'
import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'
import { goToField } from '../go-to-field.ts'
import { moveListDrafts } from '../list-drafts.ts'
import { useDraftStore } from '../ui-store.ts'

const MAX_PORT_MAPPINGS = 20
const MAX_SECRETS = 50

/** The task definition: family, container, image, (EC2) memory and the awslogs log driver. */
export function TaskDefinitionPart() {
  const { config } = useWizard()
  const t = useT()
  const fargate = config.launchType === 'fargate'
  return (
    <fieldset className="list-entry">
      <legend>{t('wizard.names.taskDefinition')}</legend>
      <TextField path="task.family" />
      <TextField path="task.containerName" />
      <TextField path="task.image" hint={t('wizard.task.imageHint')} />
      {/* Fargate's memory is the task's, chosen with its CPU on the Platform step. */}
      {fargate ? (
        <p className="hint">
          {t('wizard.task.fargateSize', {
            cpu: config.task.cpu ?? DEFAULT_FARGATE_SIZE[config.os].cpu,
            memory: config.task.memory,
          })}
        </p>
      ) : (
        <TextField path="task.memory" kind="integer" />
      )}
      <CheckboxField
        path="task.awslogs"
        hint={t('wizard.task.awslogsHint', { launchType: config.launchType })}
      />
      {(config.task.awslogs || config.task.logGroup !== undefined) && (
        <TextField
          path="task.logGroup"
          optional
          placeholder={`/ecs/${config.task.family}`}
          hint={t('wizard.task.logGroupHint')}
        />
      )}
    </fieldset>
  )
}

/** The container's port mappings, each its own entry. */
export function PortMappingsPart() {
  const { config, update } = useWizard()
  const t = useT()
  return (
    <>
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
              // Drafts are keyed by position: those of the mappings after this one move up with them.
              moveListDrafts('task.portMappings', i, 'remove')
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
        disabled={config.task.portMappings.length >= MAX_PORT_MAPPINGS}
        onClick={() => {
          update((c) => ({
            ...c,
            task: { ...c.task, portMappings: [...c.task.portMappings, { containerPort: 8080 }] },
          }))
          goToField(`task.portMappings.${config.task.portMappings.length}.containerPort`)
        }}
      >
        {t('wizard.names.addPortMapping')}
      </button>
    </>
  )
}

/**
 * A new secret: an environment variable name no other secret has, and an SSM parameter ARN in this account and
 * Region to replace (a list entry is always valid, so the link can hold it; the name field is focused).
 */
function newSecret(config: WizardConfig): WizardConfig['task']['secrets'][number] {
  const taken = new Set(config.task.secrets.map((s) => s.name))
  let n = 1
  while (taken.has(`SECRET_${n}`)) n++
  const partition = partitionOfRegion(config.region)?.id ?? 'aws'
  return {
    name: `SECRET_${n}`,
    valueFrom: `arn:${partition}:ssm:${config.region}:${config.accountId}:parameter/${config.task.family}/secret-${n}`,
  }
}

/** Secrets the container gets as environment variables, read by the task execution role before it starts. */
export function SecretsPart() {
  const { config, update } = useWizard()
  const t = useT()
  return (
    <>
      <p className="step-intro">{t('wizard.secrets.intro')}</p>
      {config.task.secrets.map((_, i) => (
        <fieldset key={i} className="list-entry">
          <legend>{t('wizard.secrets.entry', { n: i + 1 })}</legend>
          <TextField path={`task.secrets.${i}.name`} hint={t('wizard.secrets.nameHint')} />
          <TextField
            path={`task.secrets.${i}.valueFrom`}
            placeholder="arn:aws:secretsmanager:…:secret:name-AbCdEf"
            hint={<Text message={msg('wizard.secrets.valueFromHint')} components={{ 0: <code /> }} />}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              moveListDrafts('task.secrets', i, 'remove')
              update((c) => ({
                ...c,
                task: { ...c.task, secrets: c.task.secrets.filter((_, j) => j !== i) },
              }))
            }}
          >
            {t('wizard.secrets.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={config.task.secrets.length >= MAX_SECRETS}
        onClick={() => {
          update((c) => ({ ...c, task: { ...c.task, secrets: [...c.task.secrets, newSecret(c)] } }))
          goToField(`task.secrets.${config.task.secrets.length}.name`)
        }}
      >
        {t('wizard.secrets.add')}
      </button>
    </>
  )
}

/** EC2: the container instances the setup launches from a launch template. */
export function InstancesPart() {
  const { config } = useWizard()
  const t = useT()
  const parameter = AMI_PARAMETER[config.ami]
  return (
    <fieldset className="list-entry">
      <legend>{t('field.instances.label')}</legend>
      <p className="hint">{t('wizard.instances.intro')}</p>
      <TextField path="instances.type" optional placeholder={DEFAULT_INSTANCE_TYPE[config.os]} />
      <TextField
        path="instances.imageId"
        optional
        placeholder={parameter ? t('wizard.instances.imageIdFromParameter') : 'ami-0123456789abcdef0'}
        hint={
          <Text
            message={msg('wizard.instances.imageIdHint', {
              parameter: parameter ?? '',
              published: parameter ? 'yes' : 'no',
            })}
            components={{ 0: <code /> }}
          />
        }
      />
      <TextField
        path="instances.launchTemplateName"
        optional
        placeholder={`${config.clusterName}-instances`}
      />
      <TextField
        path="instances.subnet"
        optional
        placeholder="subnet-0123456789abcdef0"
        hint={t('wizard.instances.subnetHint')}
      />
      <TextField
        path="instances.securityGroups"
        kind="list"
        placeholder="sg-0123456789abcdef0"
        hint={t('wizard.network.securityGroupsHint')}
      />
      <TextField path="instances.count" kind="integer" />
    </fieldset>
  )
}

/** An optional ECS service; without one, the setup runs one task. */
export function ServicePart() {
  const { config, update } = useWizard()
  const t = useT()
  const service = config.service
  return (
    <fieldset className="list-entry">
      <legend>{t('field.service.label')}</legend>
      <div className="field field-inline">
        <input
          id="field-service"
          type="checkbox"
          checked={service !== undefined}
          aria-describedby="service-hint"
          onChange={(e) => {
            // Its fields leave the page: what was typed there no longer stands for anything.
            if (!e.target.checked) useDraftStore.getState().clearDrafts('service.')
            update((c) => {
              const next = { ...c }
              if (e.target.checked)
                // The family's name (at most 255 characters with the suffix, as ECS names go).
                next.service = { name: `${c.task.family.slice(0, 247)}-service`, desiredCount: 1 }
              else delete next.service
              return next
            })
          }}
        />
        <label htmlFor="field-service">{t('wizard.service.create')}</label>
        <p className="hint" id="service-hint">
          {t('wizard.service.hint')}
        </p>
      </div>
      {service && (
        <>
          <TextField path="service.name" />
          <TextField path="service.desiredCount" kind="integer" />
        </>
      )}
    </fieldset>
  )
}
