// Copy that feels like copy: the button says "Copied" for a moment (and a status says what was copied), the
// by-hand fallback opens when the browser refuses the clipboard, and with fields that are not valid yet the
// copy asks first (invalid-fields.ts). useCopy() gives the action and the fallback, so the fallback can sit
// where the surrounding view has room for it.
import { useEffect, useState, type ReactNode } from 'react'
import type { MessageKey } from '../i18n/message.ts'
import { useT } from '../ui/i18n.tsx'
import { copyText } from '../ui/transfer.ts'
import { CopyFallback } from './copy-fallback.tsx'
import { guard } from './invalid-fields.ts'

const COPIED_FOR_MS = 2000

export interface CopyAction {
  copy: () => void
  /** Counts successful copies; 0 when the "Copied" state has ended. */
  copied: number
  /** Said by a status region after a copy, e.g. "Copied ec2/ecs.config". */
  status: string
  /** The by-hand fallback, when the clipboard was refused; render it where there is room. */
  fallback: ReactNode
  /** Ends the "Copied" state and closes the fallback (another file is shown). */
  reset: () => void
}

export function useCopy(options: {
  text: () => string
  /** The status after a copy, in the reader's language (options are read at every render). */
  done: string
  /** The label of the fallback's text box, in the reader's language. */
  fallbackLabel: string
  /** The button's words, for the question asked when fields are not valid ("Copy" when not given). */
  action?: MessageKey
}): CopyAction {
  const [copied, setCopied] = useState(0)
  const [fallback, setFallback] = useState<string>()
  useEffect(() => {
    if (copied === 0) return
    const timer = setTimeout(() => setCopied(0), COPIED_FOR_MS)
    return () => clearTimeout(timer)
  }, [copied])
  const copy = () =>
    guard(options.action ?? 'wizard.copy.button', () => {
      const text = options.text()
      void copyText(text).then((ok) => {
        if (ok) {
          setFallback(undefined)
          setCopied((n) => n + 1)
        } else setFallback(text)
      })
    })
  return {
    copy,
    copied,
    reset: () => {
      setCopied(0)
      setFallback(undefined)
    },
    status: copied > 0 ? options.done : '',
    fallback:
      fallback === undefined ? null : (
        <CopyFallback text={fallback} label={options.fallbackLabel} onClose={() => setFallback(undefined)} />
      ),
  }
}

/** Both words are laid in one cell, the hidden one keeping the width: nothing moves when the state changes. */
export function CopyButton({ action, children }: { action: CopyAction; children: ReactNode }) {
  const t = useT()
  return (
    <>
      <button
        type="button"
        className={`copy-button${action.copied > 0 ? ' copied' : ''}`}
        onClick={action.copy}
      >
        <span className="copy-idle">{children}</span>
        <span className="copy-done">
          <span aria-hidden="true">✓ </span>
          {t('wizard.copy.copied')}
        </span>
      </button>
      <span className="visually-hidden" role="status">
        {action.status}
      </span>
    </>
  )
}
