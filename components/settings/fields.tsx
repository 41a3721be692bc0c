import { inputBase } from "@/components/ui/styles";

// Settings inputs that TextField does not cover (numbers, times, dates, a select), built the same
// way: a visible label, the hint and the errors tied to the control with aria-describedby, and
// aria-invalid while an error is shown.

interface BaseProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  defaultValue?: string;
  required?: boolean;
  /** Tailwind width for short values, e.g. "sm:w-40". */
  width?: string;
  /** Leave "(optional)" off a label whose group explains what may stay empty. */
  hideOptional?: boolean;
}

function describedBy(id: string, hint?: string, errors?: string[]) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, ids: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Label({ id, label, optional }: { id: string; label: string; optional: boolean }) {
  return (
    <label htmlFor={id} className="block font-medium text-stone-900">
      {label}
      {optional && <span className="font-normal text-stone-600"> (optional)</span>}
    </label>
  );
}

function Messages({ hintId, errorId, hint, errors }: { hintId?: string; errorId?: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hintId && (
        <p id={hintId} className="mt-0.5 text-sm text-stone-600">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors!.join(" ")}
        </p>
      )}
    </>
  );
}

export function InputField({
  id,
  name,
  label,
  hint,
  errors,
  defaultValue,
  required = true,
  width,
  type = "text",
  inputMode,
  maxLength = 20,
  placeholder,
  min,
  hideOptional,
}: BaseProps & {
  type?: "text" | "date";
  inputMode?: "numeric" | "decimal";
  maxLength?: number;
  placeholder?: string;
  min?: string;
}) {
  const d = describedBy(id, hint, errors);
  return (
    <div>
      <Label id={id} label={label} optional={!required && !hideOptional} />
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        required={required}
        maxLength={maxLength}
        placeholder={placeholder}
        min={min}
        defaultValue={defaultValue}
        aria-describedby={d.ids}
        aria-invalid={d.errorId ? true : undefined}
        className={`${inputBase} ${width ?? ""} ${d.errorId ? "border-red-700" : "border-stone-300"}`}
      />
      <Messages {...d} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField({
  id,
  name,
  label,
  hint,
  errors,
  defaultValue,
  required = true,
  width,
  options,
  labels,
}: BaseProps & { options: readonly string[]; /** What each option reads as; the value itself if absent. */ labels?: Readonly<Record<string, string>> }) {
  const d = describedBy(id, hint, errors);
  return (
    <div>
      <Label id={id} label={label} optional={!required} />
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={defaultValue}
        aria-describedby={d.ids}
        aria-invalid={d.errorId ? true : undefined}
        className={`${inputBase} ${width ?? ""} ${d.errorId ? "border-red-700" : "border-stone-300"}`}
      >
        {/* A saved value the list no longer has stays selected, so saving never changes it silently. */}
        {defaultValue && !options.includes(defaultValue) && <option value={defaultValue}>{defaultValue}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {labels?.[option] ?? option}
          </option>
        ))}
      </select>
      <Messages {...d} hint={hint} errors={errors} />
    </div>
  );
}
