import type { ReactNode } from 'react';
import { errorFor, type FieldErrors } from '../field-errors.js';

/** Props of TextField. */
export interface TextFieldProps {
  /** The body field the server names in its errors (`body.email` -> `email`), and the input's id suffix. */
  name: string;
  /** Prefix of the input's id, so two forms on a page keep unique ids. */
  form: string;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'number';
  value: string;
  onChange(value: string): void;
  errors: FieldErrors;
  autoComplete?: string;
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * A labelled input with its hint and the server's error for it right above
 * the input, wired with aria-describedby and aria-invalid, as on the evidence
 * form; the sign-in, first-run, reset and security forms use it.
 */
export function TextField(props: TextFieldProps) {
  const { name, form, label, hint, type = 'text', value, onChange, errors, autoComplete, required } = props;
  const id = `${form}-${name}`;
  const error = errorFor(errors, name);
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ') || undefined;
  return (
    <div className={`field${error === undefined ? '' : ' has-error'}`}>
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error !== undefined}
        autoComplete={autoComplete}
        required={required}
        min={props.min}
        max={props.max}
        spellCheck={false}
        autoCapitalize="off"
      />
    </div>
  );
}
