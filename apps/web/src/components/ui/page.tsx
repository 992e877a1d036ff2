import type { ReactNode } from 'react';

export function Page({
  className,
  title,
  description,
  actions,
  children,
}: {
  /** An extra class on the page (the workstation fills the viewport below the header). */
  className?: string;
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={className ? `page ${className}` : 'page'} aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{title}</h1>
          {description && <p className="muted">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}
