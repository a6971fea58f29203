// Shown when the clipboard is unavailable: the text, selected, to copy by hand.
import { useEffect, useRef } from 'react'

export function CopyFallback({ text, label, onClose }: { text: string; label: string; onClose: () => void }) {
  const area = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    area.current?.focus()
    area.current?.select()
  }, [])
  return (
    <div className="copy-fallback" role="group" aria-label={`${label}: copy by hand`}>
      <p>The browser did not allow copying. The text is selected below: press Ctrl+C (⌘C on a Mac).</p>
      <textarea
        ref={area}
        readOnly
        value={text}
        aria-label={label}
        rows={Math.min(12, text.split('\n').length)}
      />
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
    </div>
  )
}
