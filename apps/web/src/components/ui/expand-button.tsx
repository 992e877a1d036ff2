import type { ReactNode } from 'react';

/** A button that opens and closes something shown in place (an editor, a history), saying which it is. */
export function ExpandButton({
  expanded,
  onToggle,
  children,
}: {
  expanded: boolean;
  onToggle: (expanded: boolean) => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="button" aria-expanded={expanded} onClick={() => onToggle(!expanded)}>
      {children}
    </button>
  );
}
