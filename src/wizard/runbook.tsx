// The Apply view: the runbook (generator/runbook.ts) as numbered steps, each action with its command and a copy
// button, alternatives under their step. The zip's README.md renders the same steps (in English; this view
// in the reader's language: catalogs/*/runbook.json, loaded with the generator). Loaded in its own chunk.
import { useMemo } from 'react'
import type { WizardConfig } from '../config/schema.ts'
import { buildRunbook, runbookText } from '../generator/runbook.ts'
import type { Artifact } from '../generator/types.ts'
import { useT } from '../ui/i18n.tsx'
import { CopyButton, useCopy } from './copy-button.tsx'
import type { Edits } from './edits-store.ts'
import './runbook.css'

/** A command with a copy button that says when it copied, and the by-hand fallback when it could not. */
function Command({ text, label }: { text: string; label: string }) {
  const t = useT()
  const action = useCopy({
    text: () => text,
    done: t('runbook.view.copied', { what: label }),
    fallbackLabel: label,
  })
  return (
    <div className="runbook-command">
      <pre>
        <code>{text}</code>
      </pre>
      <CopyButton action={action}>{t('runbook.view.copy')}</CopyButton>
      {action.fallback}
    </div>
  )
}

export default function RunbookView({
  config,
  files,
  edits,
  onOpen,
  onDownloadAll,
}: {
  config: WizardConfig
  files: readonly Artifact[]
  edits: Edits
  onOpen: (path: string) => void
  onDownloadAll: () => void
}) {
  const t = useT()
  const steps = useMemo(() => buildRunbook(config, files, Object.keys(edits)), [config, files, edits])
  return (
    <article className="runbook" aria-labelledby="runbook-title">
      <h3 id="runbook-title">{t('runbook.view.heading')}</h3>
      <ol className="runbook-steps">
        {steps.map((step, index) => {
          const n = index + 1
          return (
            <li key={`${step.id}-${n}`}>
              <h4 id={`runbook-step-${n}`}>
                {n}. {t(step.title)}
                {step.optional && <span className="badge badge-info">{t('runbook.view.onlyIfNeeded')}</span>}
              </h4>
              {step.notes.map((note, i) => (
                <p key={`${note.key}-${i}`} className="notice notice-warning">
                  {t(note)}
                </p>
              ))}
              {step.actions.length > 1 && <p className="runbook-either">{t('runbook.view.either')}</p>}
              <ul className="runbook-actions">
                {step.actions.map((action) => {
                  const label = t(action.label)
                  return (
                    <li key={action.label.key}>
                      <div
                        role="group"
                        aria-label={t('runbook.view.actionGroup', { step: n, action: label })}
                      >
                        <p>
                          <strong>{label}.</strong> {runbookText(action, t)}
                        </p>
                        {step.id === 'files' && (
                          <button type="button" onClick={onDownloadAll}>
                            {t('runbook.view.downloadZip')}
                          </button>
                        )}
                        {action.command && (
                          <Command
                            text={action.command}
                            label={t('runbook.view.commandOf', { step: n, action: label })}
                          />
                        )}
                        {action.files.length > 0 && (
                          <p className="runbook-files">
                            {t('runbook.view.files')}{' '}
                            {action.files.map((path, i) => (
                              <span key={path}>
                                {i > 0 && ', '}
                                <button type="button" className="link" onClick={() => onOpen(path)}>
                                  {path}
                                </button>
                                {edits[path] && (
                                  <span className="badge badge-edited">{t('runbook.view.yourEdit')}</span>
                                )}
                              </span>
                            ))}
                          </p>
                        )}
                      </div>
                    </li>
                  )
                })}
              </ul>
              {step.check && (
                <div className="runbook-check">
                  <p>{t('runbook.view.checkWorked')}</p>
                  <Command text={step.check} label={t('runbook.view.checkOf', { step: n })} />
                </div>
              )}
            </li>
          )
        })}
      </ol>
    </article>
  )
}
