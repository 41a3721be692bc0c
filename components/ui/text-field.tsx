import { inputBase } from "./styles";

export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  defaultValue?: string;
  hint?: string;
  errors?: string[];
  multiline?: boolean;
  /** The id of a <datalist> of suggestions (a searchable list the owner can also type into). */
  list?: string;
  spellCheck?: boolean;
}

/** A labelled input whose hint and errors are announced with it (aria-describedby, aria-invalid). */
export function TextField({ id, name, label, type = "text", hint, errors, multiline, required, ...rest }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const className = `${inputBase} ${errorId ? "border-red-700" : "border-stone-300"}`;
  const common = {
    id,
    name,
    required,
    "aria-describedby": describedBy,
    "aria-invalid": errorId ? true : undefined,
    className,
    ...rest,
  };
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-stone-900">
        {label}
        {!required && <span className="font-normal text-stone-600"> (optional)</span>}
      </label>
      {hint && (
        <p id={hintId} className="mt-0.5 text-sm text-stone-600">
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
