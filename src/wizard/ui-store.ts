// UI state only (architecture.md): the step, the selected file and unsaved drafts (edits: edits-store.ts).
// The configuration itself lives in the URL and is never copied here.
import { isPlainObject } from '../config/schema-kit.ts'
import type { MessageKey } from '../i18n/message.ts'
import { createPersisted } from './persisted.ts'

/** The entries of a stored record that pass `keep`; anything else read back from storage is dropped. */
const entriesOf = <V>(value: unknown, keep: (entry: unknown) => boolean): Record<string, V> =>
  Object.fromEntries(
    Object.entries(isPlainObject(value) ? value : {}).filter(([, entry]) => keep(entry)),
  ) as Record<string, V>

// Ids, kept in the session and in code; the page shows each by its name in the reader's language.
export const STEPS = ['Platform', 'Network', 'Access', 'Names', 'Review'] as const
export type Step = (typeof STEPS)[number]

export const STEP_NAMES: Record<Step, MessageKey> = {
  Platform: 'wizard.step.platform',
  Network: 'wizard.step.network',
  Access: 'wizard.step.access',
  Names: 'wizard.step.names',
  Review: 'wizard.step.review',
}

interface UiState {
  step: Step
  /** A file path, or "apply" for the ordered apply view. */
  selected: string
  /** A field to focus once its step has rendered (from a finding's link). */
  focusField: string | undefined
  setStep: (step: Step) => void
  select: (selected: string) => void
  goToField: (field: string, step: Step) => void
  fieldFocused: () => void
}

// The step and the open file are kept for this tab's session, so a reload returns to the same place.
export const useUiStore = createPersisted<UiState>(
  'ecs-task-role-wizard.ui',
  () => sessionStorage,
  ({ step, selected }) => ({ step, selected }),
  (saved) => {
    const { step, selected } = isPlainObject(saved) ? saved : {}
    return {
      ...(STEPS.includes(step as Step) ? { step: step as Step } : {}),
      ...(typeof selected === 'string' ? { selected } : {}),
    }
  },
  (set) => ({
    step: 'Platform',
    selected: 'apply',
    focusField: undefined,
    setStep: (step) => set({ step }),
    select: (selected) => set({ selected }),
    goToField: (field, step) => set({ step, focusField: field }),
    fieldFocused: () => set({ focusField: undefined }),
  }),
)

/** A field's value as its control reads it: text, a whole number, or a list of words. */
export type DraftValue = string | number | readonly string[]

/**
 * Text typed into a field that is not valid yet, and the value it reads as (absent: an optional field left
 * empty). The message about it is worked out again where it is shown (draft-problem.ts), so it follows the
 * language and the configuration.
 */
export interface Draft {
  text: string
  value?: DraftValue
}

const isDraftValue = (value: unknown): value is DraftValue =>
  typeof value === 'string' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (Array.isArray(value) && value.every((v) => typeof v === 'string'))

interface DraftState {
  /** Drafts by field path: not valid yet, so not in the URL; kept for this tab's session. */
  drafts: Record<string, Draft>
  setDraft: (field: string, draft: Draft | undefined) => void
  /** Drops the drafts of every field whose path starts with `prefix` (all of them for ""). */
  clearDrafts: (prefix: string) => void
}

export const useDraftStore = createPersisted<DraftState>(
  'ecs-task-role-wizard.drafts',
  () => sessionStorage,
  ({ drafts }) => ({ drafts }),
  (saved) => ({
    drafts: entriesOf<Draft>(
      isPlainObject(saved) ? saved.drafts : undefined,
      (d) =>
        // A draft saved before drafts kept their value (it held a message instead) cannot be read again.
        isPlainObject(d) &&
        typeof d.text === 'string' &&
        !('message' in d) &&
        (d.value === undefined || isDraftValue(d.value)),
    ),
  }),
  (set) => ({
    drafts: {},
    setDraft: (field, draft) =>
      set((s) => {
        const drafts = { ...s.drafts }
        if (draft === undefined) delete drafts[field]
        else drafts[field] = draft
        return { drafts }
      }),
    clearDrafts: (prefix) =>
      set((s) => ({
        drafts: Object.fromEntries(Object.entries(s.drafts).filter(([field]) => !field.startsWith(prefix))),
      })),
  }),
)
