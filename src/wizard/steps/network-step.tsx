import type { NetworkMode } from '../../config/schema.ts'
import type { MessageKey } from '../../i18n/message.ts'
import { platformOf } from '../../knowledge/platforms.ts'
import { useT } from '../../ui/i18n.tsx'
import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'

/** Each mode's value with what it means; on each OS its default is said to be one. */
const MODE_TEXT: Record<NetworkMode, MessageKey> = {
  bridge: 'wizard.network.mode.bridge',
  host: 'wizard.network.mode.host',
  awsvpc: 'wizard.network.mode.awsvpc',
  none: 'wizard.network.mode.none',
  default: 'wizard.network.mode.default',
}

export function NetworkStep() {
  const { config } = useWizard()
  const t = useT()
  // The platform matrix says which modes this OS and launch type run (Fargate: awsvpc only).
  const platform = platformOf(config.os, config.launchType)
  const modes: readonly NetworkMode[] = platform.networkModes
  const fargate = config.launchType === 'fargate'
  // Fargate: a task has no instance metadata service to reach (the matrix's `not-reachable`), so nothing to
  // ask. EC2 asks in every mode; the hint says when nothing can block it (host) or nothing needs to (none).
  const asksImdsBlock = platform.instances
  // A mode from a link that this platform does not support stays listed, so the field shows what is wrong.
  const options = [
    ...modes.map((m) => [m, t(MODE_TEXT[m])] as const),
    ...(modes.includes(config.networkMode)
      ? []
      : [
          [
            config.networkMode,
            t('wizard.network.mode.unsupported', {
              mode: config.networkMode,
              os: config.os,
              fargate: fargate ? 'yes' : 'no',
            }),
          ] as const,
        ]),
  ]
  return (
    <>
      <SelectField
        path="networkMode"
        options={options}
        hint={fargate ? t('wizard.network.fargateModeHint') : undefined}
      />
      {/* Only awsvpc tasks take a network configuration; a link may still carry one for another mode. */}
      {(config.networkMode === 'awsvpc' || config.subnets.length > 0 || config.securityGroups.length > 0) && (
        <>
          <TextField
            path="subnets"
            kind="list"
            placeholder="subnet-0123456789abcdef0, subnet-…"
            hint={t('wizard.network.subnetsHint', { launchType: config.launchType })}
          />
          <TextField
            path="securityGroups"
            kind="list"
            placeholder="sg-0123456789abcdef0"
            hint={t('wizard.network.securityGroupsHint')}
          />
        </>
      )}
      {/* Fargate's only: an EC2 task never gets a public address (a link may still set it, with a warning). */}
      {(fargate || config.assignPublicIp) && (
        <CheckboxField path="assignPublicIp" hint={t('wizard.network.assignPublicIpHint')} />
      )}
      {asksImdsBlock ? (
        <CheckboxField
          path="blockInstanceMetadata"
          hint={t('wizard.network.blockHint', { mode: config.networkMode })}
        />
      ) : (
        <p className="hint">{t('wizard.network.fargateMetadata')}</p>
      )}
    </>
  )
}
