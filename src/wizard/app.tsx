// The wizard: the steps beside the output, which follows every keystroke. The configuration lives in the
// URL (use-config.ts); the generated files are derived from it, never stored.
import { lazy, Suspense, useEffect, useMemo, useRef, type ComponentType } from 'react'
import type { Finding } from '../generator/types.ts'
import { msg } from '../i18n/message.ts'
import { LOCALE_NAMES, isLocale } from '../i18n/translator.ts'
import { AVAILABLE_LOCALES, chooseLocale, useLocale, useT } from '../ui/i18n.tsx'
import { stepOfField } from './config-paths.ts'
import { WizardContext } from './fields.tsx'
import { EditsNotice } from './edits-notice.tsx'
import { useFocusRequestedField } from './go-to-field.ts'
import { useGuardStore, useInvalidFields } from './invalid-fields.ts'
import { OutputPending } from './output-pending.tsx'
import { AccessStep, NamesStep, NetworkStep, prefetchWhenIdle, ReviewStep, withWords } from './lazy-parts.ts'
import { PlatformStep } from './steps/platform-step.tsx'
import { siteBaseUrl, useConfig, useConfigStore } from './use-config.ts'
import { STEP_NAMES, STEPS, useUiStore, type Step } from './ui-store.ts'
import { useGenerate } from './use-generate.ts'
import './language-switch.css'

const STEP_VIEWS: Record<Step, ComponentType> = {
  Platform: PlatformStep,
  Network: NetworkStep,
  Access: AccessStep,
  Names: NamesStep,
  Review: ReviewStep,
}

// Shown only when needed: a link with settings was opened; a copy or download waits on invalid fields.
// The output panel comes with the generator (use-generate.ts starts both): until then, OutputPending.
const OutputPanel = lazy(
  withWords(() => import('./output-panel.tsx').then((m) => ({ default: m.OutputPanel }))),
)
const LinkSummary = lazy(withWords(() => import('./link-summary.tsx')))
const InvalidFieldsDialog = lazy(withWords(() => import('./invalid-fields-dialog.tsx')))
// Start over is not needed for the first paint; its room in the header is kept (styles.css).
const StartOver = lazy(withWords(() => import('./start-over.tsx').then((m) => ({ default: m.StartOver }))))

const NO_FINDINGS: Finding[] = []

/**
 * The page's language. Only the words change: the configuration is in the URL and the edits and drafts in
 * their stores, so the switch leaves them as they are.
 */
function LanguageSwitch() {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="language-switch">
      <label htmlFor="language">{t('wizard.language.label')}</label>{' '}
      <select
        id="language"
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) void chooseLocale(e.target.value)
        }}
      >
        {AVAILABLE_LOCALES.map((l) => (
          // Each language by its own name, in its own language, as readers look for it.
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  )
}

/** On a narrow screen the output is below the form: a way straight to it. */
function jumpToOutput() {
  const heading = document.getElementById('output-title')
  heading?.setAttribute('tabindex', '-1')
  heading?.focus()
}

export function App() {
  const { config, linkIssues, update } = useConfig()
  const t = useT()
  const generate = useGenerate()
  const result = useMemo(
    () => (generate ? generate(config, { baseUrl: siteBaseUrl() }) : undefined),
    [generate, config],
  )
  const findings = result?.findings ?? NO_FINDINGS
  const invalidFields = useInvalidFields()
  const opened = useConfigStore((s) => s.opened !== undefined)
  const refused = useConfigStore((s) => s.refused)
  const guarding = useGuardStore((s) => s.request !== undefined)
  const step = useUiStore((s) => s.step)
  const setStep = useUiStore((s) => s.setStep)
  const focusField = useUiStore((s) => s.focusField)
  const heading = useRef<HTMLHeadingElement>(null)
  const firstRender = useRef(true)
  // Read at render time: the focus request is cleared once the field has it.
  const focusRequested = useRef(false)
  focusRequested.current = focusField !== undefined

  // Fields holding text that is not valid yet: listed with the findings, so the output's state is explained.
  const invalid: Finding[] = useMemo(
    () =>
      invalidFields.map((f) => ({
        severity: 'error',
        field: f.field,
        message: msg('wizard.invalid.finding', {
          label: f.label,
          problem: f.message ?? '',
          kept: f.used ? 'value' : 'none',
          used: f.used,
        }),
        source: '',
      })),
    [invalidFields],
  )
  // A step whose fields hold invalid text or an error is marked in the step list.
  const stepsWithErrors = new Set<Step>([
    ...invalidFields.map((f) => f.step),
    ...findings.filter((f) => f.severity === 'error').map((f) => stepOfField(f.field, config)),
  ])

  // Moving between steps puts focus on the step's heading, so keyboard and screen-reader users follow.
  // It runs before the field-focus effect below, which wins when a link asked for a field.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false
    else if (!focusRequested.current) heading.current?.focus()
  }, [step])

  useEffect(prefetchWhenIdle, [])
  // The tab's title in the page's language (index.html holds the English one, shown before scripts run).
  const title = t('wizard.page.documentTitle')
  useEffect(() => {
    document.title = title
  }, [title])
  useFocusRequestedField()

  const StepView = STEP_VIEWS[step]
  const index = STEPS.indexOf(step)
  return (
    <WizardContext.Provider value={{ config, update, findings }}>
      <div className="app">
        <header className="app-header">
          <h1>{t('wizard.page.title')}</h1>
          <p>{t('wizard.page.intro')}</p>
          <div className="app-actions">
            <LanguageSwitch />
            <Suspense fallback={null}>
              <StartOver />
            </Suspense>
          </div>
        </header>
        <main>
          {linkIssues.length > 0 && (
            <section
              className="notice notice-warning"
              role="status"
              aria-label={t('wizard.link.noticeLabel')}
            >
              <h2>{t('wizard.link.ignored')}</h2>
              <ul>
                {linkIssues.map((issue, i) => (
                  <li key={i}>{t(issue.message)}</li>
                ))}
              </ul>
            </section>
          )}
          {/* An opened link's summary comes with the page, not after it: nothing moves under the pointer. */}
          <Suspense fallback={null}>
            {opened && <LinkSummary />}
            {refused && (
              <p className="notice notice-error" role="alert">
                {t(refused)}
              </p>
            )}
            {result && <EditsNotice result={result} />}
            <div className="layout">
              <section className="wizard" aria-labelledby="step-title">
                <button type="button" className="link jump-to-output" onClick={jumpToOutput}>
                  {t('wizard.steps.jumpToOutput')}
                </button>
                <nav aria-label={t('wizard.steps.label')}>
                  <ol className="steps">
                    {STEPS.map((s, i) => (
                      <li key={s}>
                        <button
                          type="button"
                          aria-current={s === step ? 'step' : undefined}
                          onClick={() => setStep(s)}
                        >
                          <span className="step-number">{i + 1}</span> {t(STEP_NAMES[s])}
                          {stepsWithErrors.has(s) && (
                            <span className="step-error">
                              <span aria-hidden="true">!</span>
                              <span className="visually-hidden">{t('wizard.steps.hasErrors')}</span>
                            </span>
                          )}
                        </button>
                      </li>
                    ))}
                  </ol>
                </nav>
                <h2 id="step-title" ref={heading} tabIndex={-1}>
                  {t(STEP_NAMES[step])}
                </h2>
                <form className="step-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="step-title">
                  <Suspense fallback={<p className="hint">{t('wizard.steps.loading')}</p>}>
                    <StepView />
                  </Suspense>
                </form>
                <div className="step-nav">
                  {index > 0 && (
                    <button type="button" className="secondary" onClick={() => setStep(STEPS[index - 1]!)}>
                      {t('wizard.steps.back', { step: msg(STEP_NAMES[STEPS[index - 1]!]) })}
                    </button>
                  )}
                  {index < STEPS.length - 1 && (
                    <button type="button" onClick={() => setStep(STEPS[index + 1]!)}>
                      {t('wizard.steps.next', { step: msg(STEP_NAMES[STEPS[index + 1]!]) })}
                    </button>
                  )}
                </div>
              </section>
              {result ? (
                <Suspense fallback={<OutputPending />}>
                  <OutputPanel result={result} invalid={invalid} />
                </Suspense>
              ) : (
                <OutputPending />
              )}
            </div>
          </Suspense>
        </main>
        {guarding && (
          <Suspense fallback={null}>
            <InvalidFieldsDialog />
          </Suspense>
        )}
      </div>
    </WizardContext.Provider>
  )
}
