// Fields holding text that is not valid yet (drafts): the link and the files keep each one's last valid value,
// and nothing that copies or downloads may do so silently. useInvalidFields() lists them (step tabs, Review,
// the findings); guard() runs a copy or download at once when every field is valid, and otherwise asks first
// (invalid-fields-dialog.tsx says what would be left out and leads to each field).
import { useMemo } from 'react'
import { create } from 'zustand'
import type { WizardConfig } from '../config/schema.ts'
import { withoutLabel } from '../config/schema-kit.ts'
import type { Message, MessageKey } from '../i18n/message.ts'
import { fieldLabel, getPath, stepOfField, textOfValue } from './config-paths.ts'
import { problemAt } from './draft-problem.ts'
import { useDraftStore, type Draft, type Step } from './ui-store.ts'
import { useConfigStore } from './use-config.ts'

export interface InvalidField {
  field: string
  label: Message
  step: Step
  /** What the user typed, and why it cannot be used (none when the configuration changed so it now can). */
  text: string
  message: Message | undefined
  /** The value the link and the files hold instead, as text ("" when the field is left out). */
  used: string
}

/** Exported for tests. */
export function invalidFields(drafts: Record<string, Draft>, config: WizardConfig): InvalidField[] {
  return Object.entries(drafts).map(([field, draft]) => {
    const problem = problemAt(config, field, draft.value)
    return {
      field,
      label: fieldLabel(field),
      step: stepOfField(field, config),
      text: draft.text,
      // A naming rule's message starts with the field's name, which the lists already show.
      message: problem && withoutLabel(problem),
      used: textOfValue(getPath(config, field)),
    }
  })
}

/** Every field whose typed text is not in the link, in the order they were typed. */
export function useInvalidFields(): InvalidField[] {
  const drafts = useDraftStore((s) => s.drafts)
  const config = useConfigStore((s) => s.config)
  return useMemo(() => invalidFields(drafts, config), [drafts, config])
}

interface GuardRequest {
  /** The button's words, e.g. "Copy link". */
  action: MessageKey
  run: () => void
}

export const useGuardStore = create<{ request: GuardRequest | undefined }>()(() => ({ request: undefined }))

/**
 * Runs `run` at once (inside the click, so the clipboard still accepts it) when every field is valid;
 * otherwise opens the dialog that says what `action` would leave out, with "<action> anyway".
 */
export function guard(action: MessageKey, run: () => void): void {
  const { drafts } = useDraftStore.getState()
  if (Object.keys(drafts).length === 0) run()
  else useGuardStore.setState({ request: { action, run } })
}
