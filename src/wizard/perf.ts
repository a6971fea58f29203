// Performance marks for the benchmark (npm run bench reads them with Playwright). Two numbers users feel:
// a key typed in a field until the output shows the result, and "Edit" until the editor is usable.
let keystrokeAt: number | undefined
let editIntentAt: number | undefined

/** Measures to the next frame: the work is done and the browser can paint it. */
function measureAfterPaint(name: string, start: number) {
  requestAnimationFrame(() =>
    setTimeout(() => performance.measure(name, { start, end: performance.now() }), 0),
  )
}

/** A key changed a field; `eventTime` is the input event's timeStamp (same clock as performance.now()). */
export function noteKeystroke(eventTime: number): void {
  keystrokeAt ??= eventTime
}

/** The output has been rendered for the latest configuration. */
export function noteOutputRendered(): void {
  if (keystrokeAt === undefined) return
  measureAfterPaint('keystroke-to-output', keystrokeAt)
  keystrokeAt = undefined
}

export function noteEditIntent(): void {
  editIntentAt = performance.now()
}

export function noteEditorReady(): void {
  if (editIntentAt === undefined) return
  measureAfterPaint('editor-ready', editIntentAt)
  editIntentAt = undefined
}
