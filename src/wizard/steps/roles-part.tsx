// The roles of the setup and what each is for. The seed guide mixed up the task role and the task execution
// role (it put AmazonECSTaskExecutionRolePolicy on the task role): each role says here who uses it and when.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html
import type { ReactNode } from 'react'
import { executionRoleReasons } from '../../config/execution-role.ts'
import { DEFAULT_CONFIG, ROLE_FIELDS, type WizardConfig } from '../../config/schema.ts'
import { msg, type MessageKey } from '../../i18n/message.ts'
import { parseRoleArn } from '../../knowledge/names.ts'
import { Text, useT } from '../../ui/i18n.tsx'
import { setPath } from '../config-paths.ts'
import { problemAt } from '../draft-problem.ts'
import { CheckboxField, TextField, useWizard } from '../fields.tsx'
import { useDraftStore } from '../ui-store.ts'

type RoleField = (typeof ROLE_FIELDS)[number]

/**
 * What "use an existing role" does besides its own value. A role ARN typed while the box was clear waits as a
 * draft ("tick use an existing role"): ticking the box uses it. Clearing the box while the field holds an ARN
 * (a role to create takes a name) keeps the ARN as a draft with its message, and the files use the default
 * name until a name is typed.
 */
export function withExisting(config: WizardConfig, role: RoleField, existing: boolean): WizardConfig {
  const { drafts, setDraft } = useDraftStore.getState()
  let next: WizardConfig = { ...config, [role.existing]: existing }
  const draft = drafts[role.name]
  if (draft?.value !== undefined && problemAt(next, role.name, draft.value) === undefined) {
    next = setPath(next, role.name, draft.value)
    setDraft(role.name, undefined)
  } else if (!existing && parseRoleArn(config[role.name])) {
    setDraft(role.name, { text: config[role.name], value: config[role.name] })
    next = { ...next, [role.name]: DEFAULT_CONFIG[role.name] }
  }
  return next
}

/** One role: whether it exists already, and its name (or, when it exists, its ARN). */
function Role({
  role,
  legend,
  job,
  children,
}: {
  role: RoleField
  legend: MessageKey
  job: ReactNode
  children?: ReactNode
}) {
  const { config, update } = useWizard()
  const t = useT()
  const existing = config[role.existing]
  return (
    <fieldset className="role">
      <legend>{t(legend)}</legend>
      <p className="hint">{job}</p>
      <CheckboxField
        path={role.existing}
        hint={t('wizard.roles.existingHint')}
        onToggle={(checked) => update((c) => withExisting(c, role, checked))}
      />
      <TextField
        path={role.name}
        hint={
          existing
            ? t('wizard.roles.existingNameHint', { account: config.accountId })
            : t('wizard.roles.newNameHint')
        }
      />
      {children}
    </fieldset>
  )
}

/** The task role, the task execution role when the task needs one, and on EC2 the instance role. */
export function RolesPart() {
  const { config } = useWizard()
  const t = useT()
  const drafts = useDraftStore((s) => s.drafts)
  const reasons = executionRoleReasons(config)
  const ec2 = config.launchType === 'ec2'
  // Shown when the task needs one, and while anything is set for it (a link, a draft), so it can be undone.
  const showExecution =
    reasons !== undefined ||
    config.existingExecutionRole ||
    config.executionRoleName !== DEFAULT_CONFIG.executionRoleName ||
    drafts.executionRoleName !== undefined
  const needs = reasons
    ? [
        ...(reasons.privateEcr ? [msg('wizard.roles.needs.privateEcr')] : []),
        ...(reasons.logs ? [msg('wizard.roles.needs.logs')] : []),
        ...(reasons.secrets ? [msg('wizard.roles.needs.secrets')] : []),
      ]
    : []
  return (
    <fieldset className="list-entry">
      <legend>{t('wizard.roles.legend')}</legend>
      <p className="step-intro">
        <Text message={msg('wizard.roles.intro')} components={{ 0: <strong /> }} />
      </p>
      <Role
        role={ROLE_FIELDS[0]}
        legend="wizard.roles.task"
        job={<Text message={msg('wizard.roles.taskJob')} components={{ 0: <strong /> }} />}
      />
      {showExecution ? (
        <Role
          role={ROLE_FIELDS[1]}
          legend="wizard.roles.execution"
          job={
            <Text
              message={msg('wizard.roles.executionJob', {
                launchType: config.launchType,
                needed: reasons ? 'yes' : 'no',
                needs,
              })}
              components={{ 0: <strong /> }}
            />
          }
        />
      ) : (
        <p className="hint" id="execution-role-not-needed">
          {t('wizard.roles.executionNotNeeded')}
        </p>
      )}
      {ec2 && (
        <Role
          role={ROLE_FIELDS[2]}
          legend="wizard.roles.instance"
          job={<Text message={msg('wizard.roles.instanceJob')} components={{ 0: <strong /> }} />}
        >
          <TextField
            path="instanceProfileName"
            optional
            // The profile takes the role's name (the last part of its ARN, when named by one).
            placeholder={parseRoleArn(config.instanceRoleName)?.name ?? config.instanceRoleName}
            hint={t('wizard.names.instanceProfileHint', {
              existing: config.existingInstanceRole ? 'yes' : 'no',
            })}
          />
        </Role>
      )}
    </fieldset>
  )
}
