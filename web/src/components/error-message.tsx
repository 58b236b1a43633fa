// An error sentence announced to screen readers; renders nothing without an error.
export function ErrorMessage({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p class="error-message" role="alert">
      {error}
    </p>
  );
}
