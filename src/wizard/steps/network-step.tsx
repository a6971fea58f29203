import type { NetworkMode } from '../../config/schema.ts'
import type { MessageKey } from '../../i18n/message.ts'
import { useT } from '../../ui/i18n.tsx'
import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'

const MODES = {
  linux: ['bridge', 'host', 'awsvpc', 'none'],
  windows: ['default', 'awsvpc'],
} as const satisfies Record<string, readonly NetworkMode[]>

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
  const modes: readonly NetworkMode[] = MODES[config.os]
  // A mode from a link that this OS does not support stays listed, so the field shows what is wrong.
  const options = [
    ...modes.map((m) => [m, t(MODE_TEXT[m])] as const),
    ...(modes.includes(config.networkMode)
      ? []
      : [
          [
            config.networkMode,
            t('wizard.network.mode.unsupported', { mode: config.networkMode, os: config.os }),
          ] as const,
        ]),
  ]
  return (
    <>
      <SelectField path="networkMode" options={options} />
      {/* Only awsvpc tasks take a network configuration; a link may still carry one for another mode. */}
      {(config.networkMode === 'awsvpc' || config.subnets.length > 0 || config.securityGroups.length > 0) && (
        <>
          <TextField
            path="subnets"
            kind="list"
            placeholder="subnet-0123456789abcdef0, subnet-…"
            hint={t('wizard.network.subnetsHint')}
          />
          <TextField
            path="securityGroups"
            kind="list"
            placeholder="sg-0123456789abcdef0"
            hint={t('wizard.network.securityGroupsHint')}
          />
        </>
      )}
      <CheckboxField
        path="blockInstanceMetadata"
        hint={t('wizard.network.blockHint', { mode: config.networkMode })}
      />
    </>
  )
}
