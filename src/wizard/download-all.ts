// "Download all": the files as the page shows them (the user's edits included), with README.md holding the
// runbook, the link that produced them and the list of edited files, in one folder of a .zip. Loaded on use.
// The README is English whatever the page's language, so a link gives every reader the same bytes.
import type { WizardConfig } from '../config/schema.ts'
import { SETUP_FOLDER, buildRunbook, runbookMarkdown } from '../generator/runbook.ts'
import type { Artifact } from '../generator/types.ts'
import { english } from '../i18n/english.ts'
import { downloadBlob } from '../ui/transfer.ts'
import { zipFolder } from '../ui/zip.ts'
import { EDIT_STATE_TEXT, editState } from './edit-state.ts'
import type { Edits } from './edits-store.ts'

export function downloadAll({
  config,
  files,
  edits,
  link,
}: {
  config: WizardConfig
  files: readonly Artifact[]
  edits: Edits
  link: string
}): void {
  const edited = files.flatMap((f) => {
    const edit = edits[f.path]
    if (!edit) return []
    // English, whatever the page's language: the zip is the same bytes for every reader.
    return [{ path: f.path, note: english.t(EDIT_STATE_TEXT[editState(edit, f.text)]) }]
  })
  const steps = buildRunbook(
    config,
    files,
    edited.map((e) => e.path),
  )
  const contents = [
    { path: 'README.md', text: runbookMarkdown(steps, { link, edited, t: (message) => english.t(message) }) },
    ...files.map((f) => ({ path: f.path, text: edits[f.path]?.text ?? f.text })),
  ]
  downloadBlob(
    `${SETUP_FOLDER}.zip`,
    new Blob([zipFolder(SETUP_FOLDER, contents)], { type: 'application/zip' }),
  )
}
