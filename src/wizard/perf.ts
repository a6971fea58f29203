// Performance marks for the benchmark (npm run bench reads them with Playwright). Two numbers users feel:
// a key typed in a field until the output shows the result, and "Edit" until the editor is usable.
let keystrokeAt: number | undefined
let editIntentAt: number | undefined

/**
 * Measures to the start of the next frame: the new text is in the DOM and this is the frame that paints
 * it. The same frame paints the typed character itself, so nothing faster is visible.
 */
function measureToNextFrame(name: string, start: number) {
  requestAnimationFrame(() => performance.measure(name, { start, end: performance.now() }))
}

/** A key changed a field; `eventTime` is the input event's timeStamp (same clock as performance.now()). */
export function noteKeystroke(eventTime: number): void {
  keystrokeAt ??= eventTime
}

/** The output has been rendered for the latest configuration. */
export function noteOutputRendered(): void {
  if (keystrokeAt === undefined) return
  // Also the work alone, keystroke to the output in the DOM, without waiting for the frame.
  performance.measure('keystroke-to-dom', { start: keystrokeAt, end: performance.now() })
  measureToNextFrame('keystroke-to-output', keystrokeAt)
  keystrokeAt = undefined
}

export function noteEditIntent(): void {
  editIntentAt = performance.now()
}

export function noteEditorReady(): void {
  if (editIntentAt === undefined) return
  measureToNextFrame('editor-ready', editIntentAt)
  editIntentAt = undefined
}
