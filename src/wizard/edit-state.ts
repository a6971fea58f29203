// What became of an edit, against the file's generated text of the configuration on screen, in words: for
// the file view, the page's notice and the zip's README.md. Not in the first load.
import { msg, type Message } from '../i18n/message.ts'
import type { FileEdit } from './merge-edit.ts'

/** Where an edit stands against the file's generated text of the configuration on screen. */
export type EditState = 'edited' | 'reapplied' | 'conflict' | 'pending'

export function editState(edit: FileEdit, generated: string): EditState {
  if (edit.generatedFrom === generated) return edit.reapplied ? 'reapplied' : 'edited'
  return edit.conflictWith === generated ? 'conflict' : 'pending'
}

/** Each state in words: the page says them in its language, the zip's README.md in English (english.t). */
export const EDIT_STATE_TEXT: Record<EditState, Message> = {
  edited: msg('wizard.editState.edited'),
  reapplied: msg('wizard.editState.reapplied'),
  conflict: msg('wizard.editState.conflict'),
  pending: msg('wizard.editState.pending'),
}
