// Re-applies a user's edit to a newer generated text: a three-way merge (base: the generated text the edit was
// made on; ours: the edit; theirs: the new generated text) with node-diff3. Loaded only when an edit is stale.
import { diff3Merge } from 'node-diff3'

/** A user's edit of a generated file. */
export interface FileEdit {
  text: string
  /** The generated text the edit was made on, or last re-applied to: the base of the next merge. */
  generatedFrom: string
  /** A newer generated text the edit could not be re-applied to (a conflict), with the lines concerned in it. */
  conflictWith?: string
  conflictLines?: number[]
  /** Re-applied to a newer generated text without the user: said until the user edits or resets the file. */
  reapplied?: boolean
}

/**
 * The edit moved onto `generated`, or the edit marked with the conflict; undefined when the merged text is the
 * generated text itself (the new configuration already says what the edit said).
 */
export function reapply(edit: FileEdit, generated: string): FileEdit | undefined {
  const regions = diff3Merge(
    edit.text.split('\n'),
    edit.generatedFrom.split('\n'),
    generated.split('\n'),
    // Both sides making the same change is agreement, not a conflict.
    { excludeFalseConflicts: true },
  )
  const conflicts = regions.flatMap((r) => (r.conflict ? [r.conflict] : []))
  if (conflicts.length > 0)
    return {
      text: edit.text,
      generatedFrom: edit.generatedFrom,
      conflictWith: generated,
      conflictLines: conflicts.map((c) => c.bIndex + 1),
    }
  const text = regions.flatMap((r) => r.ok ?? []).join('\n')
  return text === generated ? undefined : { text, generatedFrom: generated, reapplied: true }
}
