// "Start over": every setting back to its default, at once, with an undo until the configuration changes
// again (an undo is kinder than a confirmation: nothing to read before acting, nothing lost after).
import { useState } from 'react'
import { encodePermalink } from '../config/permalink.ts'
import { DEFAULT_CONFIG, type WizardConfig } from '../config/schema.ts'
import { useT } from '../ui/i18n.tsx'
import { leaveEditsBehind } from './edits-store.ts'
import { useWizard } from './fields.tsx'
import { useDraftStore, useUiStore, type Draft } from './ui-store.ts'
import { useConfigStore } from './use-config.ts'
import './undo.css'

const DEFAULTS = encodePermalink(DEFAULT_CONFIG)

export function StartOver() {
  const { config, update } = useWizard()
  const t = useT()
  const [previous, setPrevious] = useState<{ config: WizardConfig; drafts: Record<string, Draft> }>()
  const drafts = useDraftStore((s) => s.drafts)
  const atDefaults = encodePermalink(config) === DEFAULTS

  if (previous && atDefaults)
    return (
      <p className="start-over-done" role="status">
        {t('wizard.startOver.done')}{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            // The configuration that comes back is another one, with its own edits (edits-store.ts).
            leaveEditsBehind()
            useDraftStore.setState({ drafts: previous.drafts })
            update(() => previous.config)
            setPrevious(undefined)
          }}
        >
          {t('wizard.undo')}
        </button>
      </p>
    )
  return (
    <button
      type="button"
      className="secondary"
      disabled={atDefaults && Object.keys(drafts).length === 0}
      onClick={() => {
        setPrevious({ config, drafts })
        leaveEditsBehind()
        useDraftStore.getState().clearDrafts('')
        useConfigStore.setState({ opened: undefined })
        update(() => structuredClone(DEFAULT_CONFIG))
        useUiStore.getState().setStep('Platform')
      }}
    >
      {t('wizard.startOver.button')}
    </button>
  )
}
