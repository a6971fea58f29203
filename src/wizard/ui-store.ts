// UI state only (architecture.md): the step, the selected file, the user's edits and unsaved drafts.
// The configuration itself lives in the URL and is never copied here.
import { isPlainObject } from '../config/schema-kit.ts'
import { createPersisted } from './persisted.ts'

/** The entries of a stored record that pass `keep`; anything else read back from storage is dropped. */
const entriesOf = <V>(value: unknown, keep: (entry: unknown) => boolean): Record<string, V> =>
  Object.fromEntries(
    Object.entries(isPlainObject(value) ? value : {}).filter(([, entry]) => keep(entry)),
  ) as Record<string, V>

export const STEPS = ['Platform', 'Network', 'Access', 'Names', 'Review'] as const
export type Step = (typeof STEPS)[number]

/** A user's edit of a generated file, with the generated text it was made from. */
export interface FileEdit {
  text: string
  generatedFrom: string
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

interface EditState {
  edits: Record<string, FileEdit>
  setEdit: (path: string, edit: FileEdit) => void
  resetEdit: (path: string) => void
}

// Edits survive a reload: kept in this browser's localStorage, never sent anywhere.
export const useEditStore = createPersisted<EditState>(
  'ecs-task-role-wizard.edits',
  () => localStorage,
  ({ edits }) => ({ edits }),
  (saved) => ({
    edits: entriesOf<FileEdit>(
      isPlainObject(saved) ? saved.edits : undefined,
      (e) => isPlainObject(e) && typeof e.text === 'string' && typeof e.generatedFrom === 'string',
    ),
  }),
  (set) => ({
    edits: {},
    setEdit: (path, edit) => set((s) => ({ edits: { ...s.edits, [path]: edit } })),
    resetEdit: (path) =>
      set((s) => {
        const edits = { ...s.edits }
        delete edits[path]
        return { edits }
      }),
  }),
)

interface DraftState {
  /** Text typed into a field that is not valid yet, so not in the URL; kept for this tab's session. */
  drafts: Record<string, string>
  setDraft: (field: string, text: string | undefined) => void
}

export const useDraftStore = createPersisted<DraftState>(
  'ecs-task-role-wizard.drafts',
  () => sessionStorage,
  ({ drafts }) => ({ drafts }),
  (saved) => ({
    drafts: entriesOf<string>(isPlainObject(saved) ? saved.drafts : undefined, (t) => typeof t === 'string'),
  }),
  (set) => ({
    drafts: {},
    setDraft: (field, text) =>
      set((s) => {
        const drafts = { ...s.drafts }
        if (text === undefined) delete drafts[field]
        else drafts[field] = text
        return { drafts }
      }),
  }),
)
