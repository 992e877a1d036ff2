import type { ReactNode } from 'react';

export function Page({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="page" aria-labelledby="page-title">
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
