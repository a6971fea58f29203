// Asked before a copy or download while fields hold text that is not valid yet: what the action would leave
// out, a way to each field, and the action anyway. Loaded the first time it is needed.
import { useEffect, useRef } from 'react'
import { goToField } from './go-to-field.ts'
import { useGuardStore, useInvalidFields } from './invalid-fields.ts'
import './invalid-fields-dialog.css'

const close = () => useGuardStore.setState({ request: undefined })

export default function InvalidFieldsDialog() {
  const request = useGuardStore((s) => s.request)
  const invalid = useInvalidFields()
  const dialog = useRef<HTMLDialogElement>(null)
  const open = request !== undefined && invalid.length > 0

  useEffect(() => {
    const element = dialog.current
    if (open && element && !element.open) element.showModal()
    if (!open && element?.open) element.close()
  }, [open])

  if (!request) return null
  const one = invalid.length === 1
  return (
    <dialog ref={dialog} className="invalid-dialog" aria-labelledby="invalid-dialog-title" onClose={close}>
      <h2 id="invalid-dialog-title">
        {one ? 'A field is not valid yet' : `${invalid.length} fields are not valid yet`}
      </h2>
      <p>
        {request.action} would leave out what you typed {one ? 'there' : 'in them'}: the link and the files
        hold the last valid value of {one ? 'that field' : 'each'} instead.
      </p>
      <ul>
        {invalid.map((f) => (
          <li key={f.field}>
            <strong>{f.label}</strong>: you typed <q>{f.text}</q>. {f.message}{' '}
            {f.used ? (
              <>
                Used instead: <code>{f.used}</code>.
              </>
            ) : (
              'Left out instead.'
            )}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                close()
                goToField(f.field)
              }}
            >
              Go to {f.label}
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            close()
            request.run()
          }}
        >
          {request.action} anyway
        </button>
        <button type="button" onClick={close} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  )
}
