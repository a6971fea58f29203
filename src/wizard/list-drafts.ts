// Drafts are keyed by path (`buckets.2.name`): when an entry leaves a list or comes back, the drafts of the
// entries after it move with them, so each stays with the entry it was typed into.
import { useDraftStore, type Draft } from './ui-store.ts'

/**
 * Moves the drafts of the list at `list` (a path such as `buckets` or `task.secrets`) for an entry removed at
 * or inserted at `index`. Returns the drafts of the entry taken out; an insert puts `inserted` back.
 */
export function moveListDrafts(
  list: string,
  index: number,
  change: 'remove' | 'insert',
  inserted: Record<string, Draft> = {},
): Record<string, Draft> {
  const taken: Record<string, Draft> = {}
  const drafts: Record<string, Draft> = change === 'insert' ? { ...inserted } : {}
  const prefix = `${list}.`
  for (const [field, draft] of Object.entries(useDraftStore.getState().drafts)) {
    const match = field.startsWith(prefix) ? /^(\d+)(\..*)?$/.exec(field.slice(prefix.length)) : null
    const j = match ? Number(match[1]) : -1
    const rest = match?.[2] ?? ''
    if (!match || j < index) drafts[field] = draft
    else if (change === 'insert') drafts[`${prefix}${j + 1}${rest}`] = draft
    else if (j === index) taken[field] = draft
    else drafts[`${prefix}${j - 1}${rest}`] = draft
  }
  useDraftStore.setState({ drafts })
  return taken
}
