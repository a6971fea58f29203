// A zustand store whose chosen fields are kept in Web Storage: read once at start, written on change.
// (zustand's own persist middleware does much more than this needs, at a cost in the first load.)
import { create, type StateCreator } from 'zustand'

export function createPersisted<T extends object>(
  key: string,
  storage: () => Storage,
  pick: (state: T) => Partial<T>,
  /** Repairs what was read: storage is untrusted input like a link. */
  restore: (saved: unknown) => Partial<T>,
  initializer: StateCreator<T>,
) {
  const store = create<T>()(initializer)
  try {
    const saved = storage().getItem(key)
    if (saved) store.setState(restore(JSON.parse(saved)))
  } catch {
    // Storage unavailable (private mode, blocked) or damaged: start fresh, never fail.
  }
  store.subscribe((state) => {
    try {
      storage().setItem(key, JSON.stringify(pick(state)))
    } catch {
      // Quota or blocked storage: the state still works for this page.
    }
  })
  return store
}
