// The Apply view: the runbook (generator/runbook.ts) as numbered steps, each action with its command and a copy
// button, alternatives under their step. The zip's README.md renders the same steps. Loaded in its own chunk.
import { useMemo } from 'react'
import type { WizardConfig } from '../config/schema.ts'
import { buildRunbook } from '../generator/runbook.ts'
import type { Artifact } from '../generator/types.ts'
import { CopyButton, useCopy } from './copy-button.tsx'
import type { Edits } from './edits-store.ts'
import './runbook.css'

/** A command with a copy button that says when it copied, and the by-hand fallback when it could not. */
function Command({ text, label }: { text: string; label: string }) {
  const action = useCopy({ text: () => text, done: `Copied ${label}`, fallbackLabel: label })
  return (
    <div className="runbook-command">
      <pre>
        <code>{text}</code>
      </pre>
      <CopyButton action={action}>Copy</CopyButton>
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
  const steps = useMemo(() => buildRunbook(config, files, Object.keys(edits)), [config, files, edits])
  return (
    <article className="runbook" aria-labelledby="runbook-title">
      <h3 id="runbook-title">Apply, in this order</h3>
      <ol className="runbook-steps">
        {steps.map((step, index) => {
          const n = index + 1
          return (
            <li key={`${step.id}-${n}`}>
              <h4 id={`runbook-step-${n}`}>
                {n}. {step.title}
                {step.optional && <span className="badge badge-info">only if needed</span>}
              </h4>
              {step.notes.map((note) => (
                <p key={note} className="notice notice-warning">
                  {note}
                </p>
              ))}
              {step.actions.length > 1 && <p className="runbook-either">Either of these:</p>}
              <ul className="runbook-actions">
                {step.actions.map((action) => (
                  <li key={action.label}>
                    <div role="group" aria-label={`Step ${n}: ${action.label}`}>
                      <p>
                        <strong>{action.label}.</strong> {action.text}
                      </p>
                      {step.id === 'files' && (
                        <button type="button" onClick={onDownloadAll}>
                          Download the .zip
                        </button>
                      )}
                      {action.command && (
                        <Command text={action.command} label={`the command of step ${n}, ${action.label}`} />
                      )}
                      {action.files.length > 0 && (
                        <p className="runbook-files">
                          Files:{' '}
                          {action.files.map((path, i) => (
                            <span key={path}>
                              {i > 0 && ', '}
                              <button type="button" className="link" onClick={() => onOpen(path)}>
                                {path}
                              </button>
                              {edits[path] && <span className="badge badge-edited">your edit</span>}
                            </span>
                          ))}
                        </p>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
              {step.check && (
                <div className="runbook-check">
                  <p>Check that it worked:</p>
                  <Command text={step.check} label={`the check of step ${n}`} />
                </div>
              )}
            </li>
          )
        })}
      </ol>
    </article>
  )
}
