// The wizard: the steps beside the output, which follows every keystroke. The configuration lives in the
// URL (use-config.ts); the generated files are derived from it, never stored.
import { Suspense, useEffect, useMemo, useRef, type ComponentType } from 'react'
import { configSchema } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import { generate } from '../generator/generate.ts'
import type { Finding } from '../generator/types.ts'
import { fieldId } from './config-paths.ts'
import { WizardContext } from './fields.tsx'
import { OutputPanel } from './output-panel.tsx'
import { AccessStep, NamesStep, NetworkStep, prefetchWhenIdle, ReviewStep } from './lazy-parts.ts'
import { PlatformStep } from './steps/platform-step.tsx'
import { siteBaseUrl, useConfig } from './use-config.ts'
import { STEPS, useDraftStore, useUiStore, type Step } from './ui-store.ts'

const STEP_VIEWS: Record<Step, ComponentType> = {
  Platform: PlatformStep,
  Network: NetworkStep,
  Access: AccessStep,
  Names: NamesStep,
  Review: ReviewStep,
}

export function App() {
  const { config, linkIssues, update } = useConfig()
  const result = useMemo(() => generate(config, { baseUrl: siteBaseUrl() }), [config])
  const drafts = useDraftStore((s) => s.drafts)
  const step = useUiStore((s) => s.step)
  const setStep = useUiStore((s) => s.setStep)
  const focusField = useUiStore((s) => s.focusField)
  const fieldFocused = useUiStore((s) => s.fieldFocused)
  const heading = useRef<HTMLHeadingElement>(null)
  const firstRender = useRef(true)
  // Read at render time: a field's own effect (which runs first) clears the request before ours runs.
  const focusRequested = useRef(false)
  focusRequested.current = focusField !== undefined

  // Fields holding text that is not valid yet: listed with the findings, so the output's state is explained.
  const invalid: Finding[] = useMemo(
    () =>
      Object.keys(drafts).map((field) => ({
        severity: 'error',
        field,
        message: `${labelAt(configSchema, field) ?? field} is not valid yet: the files use its last valid value.`,
        source: '',
      })),
    [drafts],
  )

  // Moving between steps puts focus on the step's heading, so keyboard and screen-reader users follow.
  // It runs before the field-focus effect below, which wins when a finding's link asked for a field.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false
    else if (!focusRequested.current) heading.current?.focus()
  }, [step])

  useEffect(prefetchWhenIdle, [])

  // Fields focus themselves when asked (fields.tsx); this covers the few controls that are not fields,
  // waiting a few frames for a step that is still loading.
  useEffect(() => {
    if (!focusField) return
    let frames = 0
    let handle = 0
    const tryFocus = () => {
      const element = document.getElementById(fieldId(focusField))
      if (element && !element.closest('[data-focuses-itself]')) {
        element.focus()
        fieldFocused()
      } else if (!element && frames++ < 120) handle = requestAnimationFrame(tryFocus)
    }
    tryFocus()
    return () => cancelAnimationFrame(handle)
  }, [focusField, step, fieldFocused])

  const StepView = STEP_VIEWS[step]
  const index = STEPS.indexOf(step)
  return (
    <WizardContext.Provider value={{ config, update, findings: result.findings }}>
      <div className="app">
        <header className="app-header">
          <h1>ECS task role setup</h1>
          <p>
            IAM roles for Amazon ECS tasks on EC2, for Linux and Windows. Everything is generated in this
            page: nothing you type leaves your browser, and the link holds the whole configuration.
          </p>
        </header>
        {linkIssues.length > 0 && (
          <section className="notice notice-warning" role="status" aria-label="Link notice">
            <h2>Parts of the link were ignored</h2>
            <ul>
              {linkIssues.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
          </section>
        )}
        <div className="layout">
          <section className="wizard" aria-labelledby="step-title">
            <nav aria-label="Steps">
              <ol className="steps">
                {STEPS.map((s, i) => (
                  <li key={s}>
                    <button
                      type="button"
                      aria-current={s === step ? 'step' : undefined}
                      onClick={() => setStep(s)}
                    >
                      <span className="step-number">{i + 1}</span> {s}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
            <h2 id="step-title" ref={heading} tabIndex={-1}>
              {step}
            </h2>
            <form className="step-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="step-title">
              <Suspense fallback={<p className="hint">Loading…</p>}>
                <StepView />
              </Suspense>
            </form>
            <div className="step-nav">
              {index > 0 && (
                <button type="button" className="secondary" onClick={() => setStep(STEPS[index - 1]!)}>
                  Back: {STEPS[index - 1]}
                </button>
              )}
              {index < STEPS.length - 1 && (
                <button type="button" onClick={() => setStep(STEPS[index + 1]!)}>
                  Next: {STEPS[index + 1]}
                </button>
              )}
            </div>
          </section>
          <OutputPanel result={result} invalid={invalid} />
        </div>
      </div>
    </WizardContext.Provider>
  )
}
