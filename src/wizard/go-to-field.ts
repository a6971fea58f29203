// "Go to field", in one place: a finding, an invalid field or "Add a bucket" asks for a field; its step
// opens and the field's control is focused once it is on screen (a later step loads lazily, a new list
// entry renders after the change that adds it).
import { useEffect } from 'react'
import { fieldId, stepOfField } from './config-paths.ts'
import { useUiStore } from './ui-store.ts'
import { useConfigStore } from './use-config.ts'

/** Opens the step of `field` and focuses the field when it appears. */
export const goToField = (field: string) =>
  useUiStore.getState().goToField(field, stepOfField(field, useConfigStore.getState().config))

/** Waits (a few frames at most) for the requested field's control, and focuses it. Used once, by the app. */
export function useFocusRequestedField(): void {
  const focusField = useUiStore((s) => s.focusField)
  const step = useUiStore((s) => s.step)
  useEffect(() => {
    if (!focusField) return
    let frames = 0
    let handle = 0
    const tryFocus = () => {
      // A list edited in one field (subnets) takes the findings about its items (subnets.1).
      const parts = focusField.split('.')
      const element = parts
        .map((_, i) => document.getElementById(fieldId(parts.slice(0, parts.length - i).join('.'))))
        .find(Boolean)
      if (element) {
        element.focus()
        useUiStore.getState().fieldFocused()
      } else if (frames++ < 120) handle = requestAnimationFrame(tryFocus)
      else useUiStore.getState().fieldFocused()
    }
    tryFocus()
    return () => cancelAnimationFrame(handle)
  }, [focusField, step])
}
