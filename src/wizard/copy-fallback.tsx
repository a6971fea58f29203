// Shown when the clipboard is unavailable: the text, selected, to copy by hand.
import { useEffect, useRef } from 'react'
import { useT } from '../ui/i18n.tsx'

export function CopyFallback({
  text,
  label,
  onClose,
}: {
  text: string
  /** The text box's name, in the reader's language. */
  label: string
  onClose: () => void
}) {
  const t = useT()
  const area = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    area.current?.focus()
    area.current?.select()
  }, [])
  return (
    <div className="copy-fallback" role="group" aria-label={t('wizard.copy.byHandLabel', { label })}>
      <p>{t('wizard.copy.byHand')}</p>
      <textarea
        ref={area}
        readOnly
        value={text}
        aria-label={label}
        rows={Math.min(12, text.split('\n').length)}
      />
      <button type="button" className="secondary" onClick={onClose}>
        {t('wizard.copy.close')}
      </button>
    </div>
  )
}
