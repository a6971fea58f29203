// What became of an edit, against the file's generated text of the configuration on screen, in words: for
// the file view, the page's notice and the zip's README.md. Not in the first load.
import type { FileEdit } from './merge-edit.ts'

/** Where an edit stands against the file's generated text of the configuration on screen. */
export type EditState = 'edited' | 'reapplied' | 'conflict' | 'pending'

export function editState(edit: FileEdit, generated: string): EditState {
  if (edit.generatedFrom === generated) return edit.reapplied ? 'reapplied' : 'edited'
  return edit.conflictWith === generated ? 'conflict' : 'pending'
}

export const EDIT_STATE_TEXT: Record<EditState, string> = {
  edited: 'your edit',
  reapplied: 'your edit, re-applied to the text generated after the configuration changed',
  conflict:
    'your edit, kept as you wrote it: it conflicts with the text generated after the configuration changed',
  pending: 'your edit, made for an earlier configuration',
}
